import Foundation
import Testing

@testable import ADRHistory

/// Regressions found by `make fuzz`: a cache file is untrusted bytes, so no count in it may
/// reserve memory the bytes cannot hold.
@Suite struct HistoryCacheFuzzTests {
    private func little(_ value: UInt32) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian, Array.init)
    }

    /// A cache with one string (a head id), then `count` as the identity count.
    private func cache(identityCount count: UInt32) -> [UInt8] {
        let head = Array(String(repeating: "0", count: 40).utf8)
        var bytes = Array(HistoryCache.header.utf8)
        bytes += little(1) + little(UInt32(head.count)) + head
        bytes += little(0) + little(0) + little(0)  // head, folder, mailmap
        bytes += [UInt8](repeating: 0, count: 8)  // next order
        bytes += little(count)
        return bytes
    }

    @Test func aHugeIdentityCountIsADamagedCacheNotAnAllocation() {
        // Before: `reserveCapacity(4294967295)` of a dictionary, out of memory.
        #expect(HistoryCache.state(decoding: cache(identityCount: .max)) == nil)
        #expect(HistoryCache.state(decoding: cache(identityCount: 1_000_000)) == nil)
    }

    @Test func theCrashLibFuzzerFoundReadsAsNoCache() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus/crash-history-cache-identity-count")
        let input = try Data(contentsOf: file)
        // The first byte chose the reader (3: the cache body behind a valid header).
        #expect(input.first == 3)
        let bytes = Array(HistoryCache.header.utf8) + Array(input.dropFirst())
        #expect(HistoryCache.state(decoding: bytes) == nil)
    }
}

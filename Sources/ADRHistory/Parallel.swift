import Foundation

/// Work spread over every core in contiguous chunks, results in input order.
///
/// Chunks rather than single items: a worker that reads git objects opens its own
/// repository handle per chunk (handles are not shared between threads), and neighbouring
/// items of a history share trees and delta bases, so a chunk keeps them on one handle.
public enum Parallel {
    /// Calls `body` once per chunk of `0..<count` (at most `chunkSize` items each), on as
    /// many threads as there are cores, and gathers the values in index order. A chunk
    /// that throws fails the whole call with the error of the earliest such chunk.
    public static func map<T: Sendable>(
        count: Int,
        chunkSize: Int,
        _ body: @Sendable (Range<Int>) throws -> [T]
    ) throws -> [T] {
        guard count > 0 else { return [] }
        let size = max(1, chunkSize)
        let chunks = (count + size - 1) / size
        if chunks == 1 || ProcessInfo.processInfo.activeProcessorCount < 2 {
            return try body(0..<count)
        }
        var results = [Result<[T], any Error>?](repeating: nil, count: chunks)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = (chunk * size)..<min(count, (chunk + 1) * size)
                output[chunk] = Result { try body(range) }
            }
        }
        var values: [T] = []
        values.reserveCapacity(count)
        for result in results {
            guard let result else { continue }
            values += try result.get()
        }
        return values
    }

    /// A chunk size that gives every core several chunks (so a slow chunk does not hold
    /// the others up) without making chunks smaller than `minimum`.
    public static func chunkSize(for count: Int, minimum: Int) -> Int {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return max(minimum, (count + cores * 4 - 1) / (cores * 4))
    }
}

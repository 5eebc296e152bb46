import Foundation

/// Wall-clock time per step of a command, on stderr when `ADR_TRACE` is set: for finding
/// out why a command is slow on one repository without a profiler.
public enum PhaseTimer {
    private static let enabled = ProcessInfo.processInfo.environment["ADR_TRACE"] != nil
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last = DispatchTime.now().uptimeNanoseconds

    /// Prints how long it has been since the previous mark (or the first use), as
    /// `adr: trace: NAME: 12 ms`.
    public static func mark(_ name: String) {
        guard enabled else { return }
        let elapsed = lock.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { last = now }
            return (now - min(now, last)) / 1_000_000
        }
        FileHandle.standardError.write(Data("adr: trace: \(name): \(elapsed) ms\n".utf8))
    }
}

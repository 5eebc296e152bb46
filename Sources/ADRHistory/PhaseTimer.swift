import Foundation

/// Wall-clock time per step of a command, on stderr when `ADR_TRACE` is set: for finding
/// out why a command is slow on one repository without a profiler.
public enum PhaseTimer {
    private static let enabled = ProcessInfo.processInfo.environment["ADR_TRACE"] != nil
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last = DispatchTime.now().uptimeNanoseconds

    /// Prints how long it has been since the previous mark (or the first use), the
    /// processor time all threads spent meanwhile and the peak memory so far, as
    /// `adr: trace: NAME: 12 ms (cpu 20 ms, peak 30 MiB)`. A step whose processor time is
    /// not about twice its time on two cores waits.
    public static func mark(_ name: String) {
        guard enabled else { return }
        let (elapsed, cpu) = lock.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            let cpuNow = processorTime()
            defer {
                last = now
                lastProcessorTime = cpuNow
            }
            return (
                (now - min(now, last)) / 1_000_000,
                (cpuNow - min(cpuNow, lastProcessorTime)) / 1_000_000
            )
        }
        FileHandle.standardError.write(
            Data(
                "adr: trace: \(name): \(elapsed) ms (cpu \(cpu) ms, peak \(PeakMemory.mebibytes) MiB)\n"
                    .utf8
            )
        )
    }

    nonisolated(unsafe) private static var lastProcessorTime: UInt64 = 0

    /// User and system time of every thread of the process, in nanoseconds.
    private static func processorTime() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The most memory the process has held so far, for `ADR_TRACE`.
enum PeakMemory {
    static var mebibytes: Int {
        var usage = rusage()
        #if os(Linux)
            getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
            // Linux counts kibibytes.
            return Int(usage.ru_maxrss) / 1024
        #else
            getrusage(RUSAGE_SELF, &usage)
            // macOS counts bytes.
            return Int(usage.ru_maxrss) / (1024 * 1024)
        #endif
    }
}

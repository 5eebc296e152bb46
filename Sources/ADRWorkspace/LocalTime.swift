#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The local time zone as the C library knows it (`TZ`, else `/etc/localtime`).
enum LocalTime {
    /// The current time in whole seconds since the epoch.
    static var nowInEpochSeconds: Int64 { Int64(time(nil)) }

    /// How far the local time zone is ahead of UTC at `seconds` since the epoch, in
    /// seconds: what turns a moment into the local calendar day.
    static func utcOffset(atEpochSeconds seconds: Int64) -> Int64 {
        var moment = time_t(seconds)
        var parts = tm()
        guard localtime_r(&moment, &parts) != nil else { return 0 }
        return Int64(parts.tm_gmtoff)
    }
}

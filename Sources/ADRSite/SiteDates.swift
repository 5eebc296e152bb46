/// ISO 8601 dates from git and notes, read and written by hand: a formatter per call was
/// most of the time of a site with 20,000 events.
enum SiteDates {
    /// Seconds since the epoch of `yyyy-mm-ddThh:mm:ss` with `Z` or `±hh:mm`, or of a
    /// plain `yyyy-mm-dd` (midnight UTC); `nil` for anything else.
    static func epoch(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else {
            return nil
        }
        var seconds = days(year: year, month: month, day: day) * 86_400
        guard bytes.count > 10 else { return seconds }
        guard let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        seconds += hour * 3600 + minute * 60 + second
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        guard index < bytes.count else { return seconds }
        if bytes[index] == UInt8(ascii: "Z") { return seconds }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
            let offsetHours = number(index + 1, 2), let offsetMinutes = number(index + 4, 2)
        else { return seconds }
        let offset = offsetHours * 3600 + offsetMinutes * 60
        return bytes[index] == UInt8(ascii: "+") ? seconds - offset : seconds + offset
    }

    /// `yyyy-mm-ddThh:mm:ssZ` for `epoch`.
    static func utc(_ epoch: Int64) -> String {
        let days = epoch >= 0 ? epoch / 86_400 : (epoch - 86_399) / 86_400
        let rest = epoch - days * 86_400
        let (year, month, day) = civil(days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + "\(year)"
        return "\(yearText)-\(two(month))-\(two(day))T\(two(rest / 3600)):"
            + "\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    /// `text` in UTC, or as it is when it cannot be read.
    static func utc(_ text: String) -> String {
        epoch(text).map(utc) ?? text
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (era * 400 + yearOfEra + (month <= 2 ? 1 : 0), month, day)
    }
}

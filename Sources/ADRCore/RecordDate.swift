/// What a written date turned out to be.
enum RecordDate: Equatable {
    /// An ISO `yyyy-mm-dd` date.
    case iso(String)
    /// A template placeholder left in (`{YYYY-MM-DD}`, `DATE`) or an empty value.
    case placeholder
    case unparseable
    /// Written as a date, but not a day of the calendar (`2016-02-31`, `2021-13-99`).
    case impossible

    /// Reads ISO dates (with or without a time), `YYYY/MM/DD`, and the day-first forms
    /// `DD-MM-YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY` that adr-tools and European logs wrote.
    init(reading written: String) {
        let text = written.trimmingWhitespace
        let lowered = text.lowercased()
        if text.isEmpty || lowered.containsBytes("yyyy") || text.hasPrefix("{")
            || text.hasPrefix("<")
            || ["date", "[date]", "tbd", "todo", "n/a", "-"].contains(lowered)
        {
            self = .placeholder
            return
        }
        if let written = RecordScan.datePrefix(text, yearFirst: true),
            let date = Self.iso(year: written.year, month: written.month, day: written.day)
        {
            self = .iso(date)
        } else if RecordScan.datePrefix(text, yearFirst: true) != nil {
            self = .impossible
        } else if let written = RecordScan.datePrefix(text, yearFirst: false) {
            // Day first, unless that cannot be (a US `MM/DD/YYYY` with a day past 12).
            let date =
                Self.iso(year: written.year, month: written.month, day: written.day)
                ?? Self.iso(year: written.year, month: written.day, day: written.month)
            self = date.map(RecordDate.iso) ?? .impossible
        } else {
            self = .unparseable
        }
    }

    /// Whether the day exists: `2016-02-31` does not, `2016-02-29` does.
    static func isOnTheCalendar(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static func iso(year: Substring, month: Substring, day: Substring) -> String? {
        guard let yearNumber = Int(year), let monthNumber = Int(month), let dayNumber = Int(day),
            isOnTheCalendar(year: yearNumber, month: monthNumber, day: dayNumber)
        else { return nil }
        let pad = { (number: Int) in number < 10 ? "0\(number)" : "\(number)" }
        return "\(year)-\(pad(monthNumber))-\(pad(dayNumber))"
    }
}

/// Names of record files as adr-tools writes them.
public enum RecordFileName {
    /// The numbers a record may have: a bound far past any real log, so that no arithmetic
    /// on a number (the next one, padding) can overflow.
    public static let numbers = 1...999_999_999

    /// `0007-use-postgres.md`: the number padded to four digits (more past 9999), a slug.
    public static func make(number: Int, title: String) -> String {
        "\(paddedNumber(number))-\(Slug.make(from: title)).md"
    }

    /// The number padded to four digits.
    public static func paddedNumber(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

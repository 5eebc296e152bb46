/// Names of record files as adr-tools writes them.
public enum RecordFileName {
    /// The largest record number: nine digits, far past any real log, and far enough from
    /// `Int.max` that no arithmetic on numbers can overflow.
    public static let maximumNumber = 999_999_999

    /// `number` when it is a record number (1 to ``maximumNumber``; 0 for templates such as
    /// `0000-template.md`), else `nil`: a larger one in a file is not counted.
    public static func bounded(_ number: Int) -> Int? {
        (0...maximumNumber).contains(number) ? number : nil
    }

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

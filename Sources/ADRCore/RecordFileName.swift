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

    /// The numbers a record may take.
    public static let numbers = 1...maximumNumber

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

extension RecordFileName {
    /// How a log names its records, read from the names already there, so a new record
    /// follows the log (`adr-007-x.md`, `07-x.md`, log4brains' `20240131-x.md`) rather than
    /// adr-tools' `0007-x.md` among them.
    public struct Naming: Sendable, Hashable {
        /// What comes before the number: empty, `adr-`, `ADR-`, `adr`.
        public var prefix: String
        /// The digits the number is padded to.
        public var width: Int
        /// Between the number and the slug.
        public var separator: String
        /// log4brains: the name starts with the record's date, `YYYYMMDD-`, not a number.
        public var dated: Bool

        /// adr-tools' names: `0007-slug.md`.
        public static let adrTools = Naming(prefix: "", width: 4, separator: "-", dated: false)

        public init(prefix: String, width: Int, separator: String, dated: Bool) {
            self.prefix = prefix
            self.width = width
            self.separator = separator
            self.dated = dated
        }

        /// The naming most of `fileNames` (log-relative) follow, taking the prefix, width
        /// and separator of the highest-numbered (of records sharing that number, the first
        /// name in sorted order, whatever the order of `fileNames`); adr-tools' when none is
        /// numbered.
        public init(inferringFrom fileNames: [String]) {
            self = .adrTools
            var datedCount = 0
            var numberedCount = 0
            var highest: (number: Int, name: String)?
            for name in fileNames where !Self.containsSlash(name) {
                // A name with a number always has the parts `parts(of:)` reads.
                if let number = DecisionRecord.number(fromFileName: name) {
                    numberedCount += 1
                    if let best = highest,
                        best.number > number || (best.number == number && best.name <= name)
                    {
                        continue
                    }
                    highest = (number, name)
                } else if Self.isDated(name) {
                    datedCount += 1
                }
            }
            if datedCount > numberedCount {
                dated = true
            } else if let highest, let parts = Self.parts(of: highest.name) {
                self = parts.naming
            }
        }

        private static func containsSlash(_ name: String) -> Bool {
            var name = name
            return name.withUTF8 { $0.contains(UInt8(ascii: "/")) }
        }

        /// The name of record `number` titled `title`, written on `date` (ISO).
        public func fileName(number: Int, title: String, date: String) -> String {
            let slug = Slug.make(from: title)
            if dated, let day = Self.compactDate(date) { return "\(day)-\(slug).md" }
            return prefix + padded(number) + separator + slug + ".md"
        }

        /// `name` with its number replaced by `number`, prefix, padding and rest kept.
        public static func renaming(_ name: String, to number: Int) -> String {
            guard let parts = parts(of: name) else {
                return RecordFileName.paddedNumber(number) + "-" + name
            }
            return parts.naming.prefix + parts.naming.padded(number) + parts.rest
        }

        func padded(_ number: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }

        /// The naming, number and what follows the number (separator included) of a
        /// numbered name: `adr-007-x.md` -> (`adr-`, 3, `-`), 7, `-x.md`.
        static func parts(of name: String) -> (naming: Naming, number: Int, rest: Substring)? {
            guard let number = DecisionRecord.number(fromFileName: name) else { return nil }
            // Every byte looked at is ASCII, so byte offsets are character boundaries.
            let bytes = name.utf8
            var position = bytes.startIndex
            func byte(at offset: Int) -> UInt8? {
                guard
                    let index = bytes.index(position, offsetBy: offset, limitedBy: bytes.endIndex),
                    index < bytes.endIndex
                else { return nil }
                return bytes[index]
            }
            func isDigit(_ byte: UInt8?) -> Bool {
                byte.map { (0x30...0x39).contains($0) } ?? false
            }
            var prefixLength = 0
            if let a = byte(at: 0), let d = byte(at: 1), let r = byte(at: 2),
                a | 0x20 == UInt8(ascii: "a"), d | 0x20 == UInt8(ascii: "d"),
                r | 0x20 == UInt8(ascii: "r")
            {
                prefixLength = 3
                if let next = byte(at: 3),
                    next == UInt8(ascii: "-") || next == UInt8(ascii: "_")
                        || next == UInt8(ascii: " ")
                {
                    prefixLength = 4
                }
            }
            position = bytes.index(position, offsetBy: prefixLength)
            let prefix = String(Substring(bytes[bytes.startIndex..<position]))
            var width = 0
            while isDigit(byte(at: width)) { width += 1 }
            guard width > 0 else { return nil }
            position = bytes.index(position, offsetBy: width)
            let separator =
                byte(at: 0) == UInt8(ascii: "_") ? "_" : "-"
            return (
                Naming(prefix: prefix, width: width, separator: separator, dated: false),
                number, Substring(bytes[position...])
            )
        }

        private static func isDated(_ name: String) -> Bool {
            let digits = name.prefix { $0.isASCII && $0.isNumber }
            return digits.count == 8 && DecisionRecord.number(fromFileName: name) == nil
        }

        private static func compactDate(_ date: String) -> String? {
            guard date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { return nil }
            return date.replacingOccurrences(of: "-", with: "")
        }
    }
}

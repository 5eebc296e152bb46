/// Hand-written matchers for the shapes the parser looks for on every line of every record.
///
/// They were `Regex` patterns (each quoted in its doc comment), and running them was about
/// 40% of `adr list` over a 1,000-record log. Each matcher answers exactly what its pattern
/// answered, including where the pattern would backtrack.
enum RecordScan {
    static let statusLabels: Set<String> = [
        "status", "statut", "état", "etat", "estado", "stand", "stato",
    ]
    static let dateLabels: Set<String> = ["date", "datum", "fecha", "data"]
    private static let onlyStatus: Set<String> = ["status"]

    /// The text after a `Status:` label in any of its languages, or `nil` without one:
    /// `(?i)\s*(?:status|statut|état|etat|estado|stand|stato)\s*:\s*`.
    static func afterStatusLabel(_ text: some StringProtocol) -> Substring? {
        var scanner = TextScanner(text)
        return scanner.skipLabel(statusLabels) ? scanner.rest : nil
    }

    /// The text after a `Date:` label: `(?i)\s*(?:date|datum|fecha|data)\s*:\s*`.
    static func afterDateLabel(_ text: some StringProtocol) -> Substring? {
        var scanner = TextScanner(text)
        return scanner.skipLabel(dateLabels) ? scanner.rest : nil
    }

    // MARK: Link lines

    /// The words naming a link's type at the start of a line (`Superseded by [`,
    /// `- Amends: [`):
    /// `\s*(?:[-*+]\s+)?(?:(?i)status\s*:\s*)?(\p{L}[\p{L}\- ]{0,60}?)\s*:?\s+\[`.
    static func linkType(_ line: some StringProtocol) -> Substring? {
        var scanner = TextScanner(line)
        scanner.skipWhitespace()
        // A bullet must be followed by a space; without one the line cannot match, as the
        // words must start with a letter.
        if scanner.skip(anyOf: "-*+"), !scanner.skipWhitespace() { return nil }
        var afterLabel = scanner
        if afterLabel.skipLabel(onlyStatus), let type = linkTypeWords(afterLabel.rest) {
            return type
        }
        // `Status: [Accepted](…)`: the regex backtracks and reads `Status` as the type.
        return linkTypeWords(scanner.rest)
    }

    /// `(\p{L}[\p{L}\- ]{0,60}?)\s*:?\s+\[`: the shortest run of words that a link follows.
    private static func linkTypeWords(_ text: Substring) -> Substring? {
        var scanner = TextScanner(text)
        guard scanner.skip(where: \.isRegexLetter) else { return nil }
        var count = 1
        while true {
            // The link can only open at a space or a colon.
            if let next = scanner.next, next.isRegexWhitespace || next == ":",
                opensLink(scanner.rest)
            {
                return text[..<scanner.rest.startIndex]
            }
            guard count <= 60,
                scanner.skip(where: { $0.isRegexLetter || $0 == "-" || $0 == " " })
            else { return nil }
            count += 1
        }
    }

    /// `\s*:?\s+\[`: a space (after an optional colon) and then the link.
    private static func opensLink(_ text: Substring) -> Bool {
        var scanner = TextScanner(text)
        let spaceBefore = scanner.skipWhitespace()
        if scanner.skip(anyOf: ":") {
            return scanner.skipWhitespace() && scanner.next == "["
        }
        return spaceBefore && scanner.next == "["
    }

    // MARK: Headings

    /// Splits `1. T`, `0010. T`, `6 T`, `ADR-004: T`, `Architecture Decision Record: T`
    /// into number and title, as these whole-line patterns did, tried in order:
    /// `(?i)adr[-_ ]?(\d+)\s*[:.\-–—]?\s+(.+)`, `(\d+)\s*[.:)\-–—]?\s+(.+)` and
    /// `(?i)architecture\s+decision\s+record\s*[:\-–—]\s*(.+)`.
    static func splitHeading(_ heading: String) -> (number: Int?, title: String)? {
        var adr = TextScanner(heading)
        if adr.skip(caseInsensitive: "adr") {
            _ = adr.skip(anyOf: "-_ ")
            let digits = adr.digits()
            if !digits.isEmpty, let title = titleAfterNumber(adr.rest, separators: ":.-–—") {
                return (Int(digits), title.trimmingWhitespace)
            }
        }
        var numbered = TextScanner(heading)
        let digits = numbered.digits()
        if !digits.isEmpty, let title = titleAfterNumber(numbered.rest, separators: ".:)-–—") {
            return (Int(digits), title.trimmingWhitespace)
        }
        var named = TextScanner(heading)
        if named.skip(caseInsensitive: "architecture"), named.skipWhitespace(),
            named.skip(caseInsensitive: "decision"), named.skipWhitespace(),
            named.skip(caseInsensitive: "record")
        {
            named.skipWhitespace()
            if named.skip(anyOf: ":-–—"),
                let title = titleAfterSpace(named.rest, requiringSpace: false)
            {
                return (nil, title.trimmingWhitespace)
            }
        }
        return nil
    }

    /// `\s*[separators]?\s+(.+)` after a heading's number: the title, or `nil`.
    private static func titleAfterNumber(_ text: Substring, separators: String) -> Substring? {
        var scanner = TextScanner(text)
        scanner.skipWhitespace()
        if scanner.skip(anyOf: separators), let title = titleAfterSpace(scanner.rest) {
            return title
        }
        // Without the separator (or with one not followed by a space, as in `1 :x`), the
        // separator is part of the title.
        return titleAfterSpace(text)
    }

    /// `\s+(.+)` (or `\s*(.+)` when not `requiringSpace`) over the whole of `text`: the
    /// spaces, then at least one character and no line break.
    private static func titleAfterSpace(_ text: Substring, requiringSpace: Bool = true)
        -> Substring?
    {
        let body = text.drop { $0.isRegexWhitespace }
        if requiringSpace, body.startIndex == text.startIndex { return nil }
        if body.isEmpty {
            // Only spaces: the spaces give their last one to `(.+)`.
            guard text.count >= (requiringSpace ? 2 : 1), let last = text.last, !last.isNewline
            else { return nil }
            return text.suffix(1)
        }
        return body.contains(where: \.isNewline) ? nil : body
    }

    // MARK: Dates

    /// `(?i)\s+on\s+(\d.*)$` anywhere: the date in `Accepted on 2024-01-02`.
    static func onDateSuffix(_ text: String) -> Substring? {
        var index = text.startIndex
        while let space = text[index...].firstIndex(where: \.isRegexWhitespace) {
            var scanner = TextScanner(text[space...])
            scanner.skipWhitespace()
            if scanner.skip(caseInsensitive: "on"), scanner.skipWhitespace(),
                let first = scanner.next, first.isRegexDigit,
                !scanner.rest.contains(where: \.isNewline)
            {
                return scanner.rest
            }
            // Later spaces of the same run would find the same word; start after it.
            index = text[space...].firstIndex { !$0.isRegexWhitespace } ?? text.endIndex
        }
        return nil
    }

    /// Year, month and day of a date that starts the text: with `yearFirst`
    /// `(\d{4})[-\/.](\d{1,2})[-\/.](\d{1,2})(?!\d)`, else
    /// `(\d{1,2})[-\/.](\d{1,2})[-\/.](\d{4})(?!\d)`.
    static func datePrefix(_ text: String, yearFirst: Bool)
        -> (year: Substring, month: Substring, day: Substring)?
    {
        // A digit run cannot end early: what follows it must be a separator or no digit.
        var scanner = TextScanner(text)
        let first = scanner.digits()
        guard scanner.skip(anyOf: "-/.") else { return nil }
        let second = scanner.digits()
        guard scanner.skip(anyOf: "-/.") else { return nil }
        let third = scanner.digits()
        let short = 1...2
        if yearFirst {
            guard first.count == 4, short.contains(second.count), short.contains(third.count)
            else { return nil }
            return (first, second, third)
        }
        guard short.contains(first.count), short.contains(second.count), third.count == 4
        else { return nil }
        return (third, second, first)
    }

    // MARK: File names

    /// Whether a name starts like a numbered record: `(adr[-_ ]?)?\d+[-_. ]`, with `adr`
    /// in any case when `anyCase`.
    static func hasNumberedPrefix(_ name: String, anyCase: Bool) -> Bool {
        var scanner = TextScanner(name)
        if anyCase ? scanner.skip(caseInsensitive: "adr") : scanner.skip(literal: "adr") {
            // Were no digits to follow, dropping `adr` would not help: `a` is no digit.
            _ = scanner.skip(anyOf: "-_ ")
        }
        return !scanner.digits().isEmpty && scanner.skip(anyOf: "-_. ")
    }

    /// The record number a file name carries; see `DecisionRecord.number(fromFileName:)`.
    static func fileNumber(_ name: String) -> Int? {
        if let number = plainFileNumber(name) { return number }
        // `(\d{4})(\d{2})(\d{2})(?:[-_. ]|$)`: log4brains' date, not a number.
        var compact = TextScanner(name)
        let leading = compact.digits()
        if leading.count == 8, compact.isAtEnd || compact.skip(anyOf: "-_. "),
            let year = Int(leading.prefix(4)), let month = Int(leading.dropFirst(4).prefix(2)),
            let day = Int(leading.suffix(2)),
            (1900...2199).contains(year), (1...12).contains(month), (1...31).contains(day)
        {
            return nil
        }
        // `\d{4}-\d{2}-\d{2}-`: an ISO date prefix.
        var iso = TextScanner(name)
        if iso.digits().count == 4, iso.skip(anyOf: "-"), iso.digits().count == 2,
            iso.skip(anyOf: "-"), iso.digits().count == 2, iso.skip(anyOf: "-")
        {
            return nil
        }
        // `(?i)adr[-_ ]?(\d+)(?:[-_. ]|$)`, then `(\d+)(?:[-_. ]|$)`.
        var adr = TextScanner(name)
        if adr.skip(caseInsensitive: "adr") {
            _ = adr.skip(anyOf: "-_ ")
            let digits = adr.digits()
            if !digits.isEmpty, adr.isAtEnd || adr.skip(anyOf: "-_. ") { return Int(digits) }
        }
        var plain = TextScanner(name)
        let digits = plain.digits()
        if !digits.isEmpty, plain.isAtEnd || plain.skip(anyOf: "-_. ") { return Int(digits) }
        return nil
    }

    /// The common case of ``fileNumber(_:)``, read as bytes: `0007-slug.md`, digits (not
    /// eight, which may be a date; not four followed by `-DD-DD-`, an ISO date) and a
    /// separator. `nil` sends every other name to the scanners.
    private static func plainFileNumber(_ name: String) -> Int? {
        var bytes = name.utf8.makeIterator()
        var count = 0
        var value = 0
        var next = bytes.next()
        while let byte = next, (0x30...0x39).contains(byte), count < 18 {
            value = value * 10 + Int(byte - 0x30)
            count += 1
            next = bytes.next()
        }
        guard count > 0, count != 8, count < 18, let separator = next,
            separator == UInt8(ascii: "-") || separator == UInt8(ascii: "_")
                || separator == UInt8(ascii: ".") || separator == UInt8(ascii: " ")
        else { return nil }
        // `YYYY-MM-DD-`: an ISO date, left to the scanners.
        if count == 4, separator == UInt8(ascii: "-") {
            let month = (bytes.next(), bytes.next(), bytes.next())
            if let first = month.0, let second = month.1, (0x30...0x39).contains(first),
                (0x30...0x39).contains(second), month.2 == UInt8(ascii: "-")
            {
                return nil
            }
        }
        return value
    }

    // MARK: Lists

    /// The text after a list marker: `(?:[-*+]|\d+[.)])\s+`; `nil` without one.
    static func afterListMarker(_ text: String) -> Substring? {
        var scanner = TextScanner(text)
        if !scanner.skip(anyOf: "-*+") {
            guard !scanner.digits().isEmpty, scanner.skip(anyOf: ".)") else { return nil }
        }
        return scanner.skipWhitespace() ? scanner.rest : nil
    }
}

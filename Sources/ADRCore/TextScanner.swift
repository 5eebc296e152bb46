/// A cursor over a line of text for the hand-written matchers in `RecordScan`.
///
/// It steps by `Character`, so whitespace, letters and digits mean what `\s`, `\p{L}` and
/// `\d` mean in a Swift `Regex` (grapheme semantics: a character's first scalar decides).
struct TextScanner {
    private(set) var rest: Substring

    init(_ text: some StringProtocol) {
        rest = Substring(text)
    }

    var next: Character? { rest.first }
    var isAtEnd: Bool { rest.isEmpty }

    /// Skips `\s*`; returns whether it skipped anything.
    @discardableResult
    mutating func skipWhitespace() -> Bool {
        let start = rest.startIndex
        while let first = rest.first, first.isWhitespace { rest.removeFirst() }
        return rest.startIndex != start
    }

    /// Skips one character if it is among `characters`.
    mutating func skip(anyOf characters: String) -> Bool {
        guard let first = rest.first, characters.contains(first) else { return false }
        rest.removeFirst()
        return true
    }

    /// Skips `word` exactly as written.
    mutating func skip(literal word: String) -> Bool {
        guard rest.hasPrefix(word) else { return false }
        rest = rest.dropFirst(word.count)
        return true
    }

    /// Skips `word` (written in lower case) in any case, as `(?i)word` would.
    mutating func skip(caseInsensitive word: String) -> Bool {
        var candidate = rest
        for expected in word {
            guard let actual = candidate.first,
                actual == expected || actual.lowercased() == String(expected)
            else { return false }
            candidate.removeFirst()
        }
        rest = candidate
        return true
    }

    /// `\d+`: the digits here, possibly none.
    mutating func digits() -> Substring {
        let start = rest.startIndex
        while let first = rest.first, first.isRegexDigit { rest.removeFirst() }
        return rest.base[start..<rest.startIndex]
    }

    /// The letters here, possibly none.
    mutating func letters() -> Substring {
        let start = rest.startIndex
        while let first = rest.first, first.isRegexLetter { rest.removeFirst() }
        return rest.base[start..<rest.startIndex]
    }

    /// `\s*(?:label1|label2|…)\s*:\s*` with the labels written in lower case and matched in
    /// any case; stays put and returns `false` when there is no such label.
    mutating func skipLabel(_ labels: Set<String>) -> Bool {
        var candidate = self
        candidate.skipWhitespace()
        // A label is followed by a space or a colon, never a letter, so the whole run of
        // letters must be the label.
        let word = candidate.letters()
        guard !word.isEmpty, labels.contains(word.lowercased()) else { return false }
        candidate.skipWhitespace()
        guard candidate.skip(anyOf: ":") else { return false }
        candidate.skipWhitespace()
        self = candidate
        return true
    }
}

extension Character {
    /// `\d` in a Swift `Regex`: a numeric character, ASCII digits first because they are
    /// the ones records use.
    var isRegexDigit: Bool {
        if let ascii = asciiValue { return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii) }
        return isNumber
    }

    /// `\p{L}` in a Swift `Regex`: the first scalar is in a letter category.
    var isRegexLetter: Bool {
        if let ascii = asciiValue {
            return (ascii | 0x20) >= UInt8(ascii: "a") && (ascii | 0x20) <= UInt8(ascii: "z")
        }
        switch unicodeScalars.first?.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return false
        }
    }
}

extension StringProtocol {
    /// Whether `needle` occurs in the text, byte for byte. For the ASCII needles the parser
    /// looks for, this is what `contains(_:)` answers, without Foundation's bridging.
    func containsBytes(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return true }
        let bytes = utf8
        var start = bytes.startIndex
        while let found = bytes[start...].firstIndex(of: first) {
            if bytes[found...].starts(with: pattern) { return true }
            start = bytes.index(after: found)
        }
        return false
    }
}

import Foundation

/// A cursor over a line of text for the hand-written matchers in `RecordScan`.
///
/// It steps by `Character`, so whitespace, letters and digits mean what `\s`, `\p{L}` and
/// `\d` mean in a Swift `Regex` (grapheme semantics: a character's first scalar decides).
struct TextScanner {
    private(set) var rest: Substring

    init(_ text: some StringProtocol) {
        rest = Substring(text)
    }

    var next: Character? { peek()?.character }
    var isAtEnd: Bool { rest.isEmpty }

    /// The next character and where the one after it starts. An ASCII byte followed by
    /// another (or by nothing) is a whole character, CR LF aside, so the common case needs
    /// no grapheme breaking, which cost more than the matching itself.
    private func peek() -> (character: Character, end: String.Index)? {
        let bytes = rest.utf8
        guard let first = bytes.first else { return nil }
        let second = bytes.index(after: bytes.startIndex)
        if first < 0x80, first != UInt8(ascii: "\r"),
            second == bytes.endIndex || bytes[second] < 0x80
        {
            return (Character(Unicode.Scalar(first)), second)
        }
        return (rest[rest.startIndex], rest.index(after: rest.startIndex))
    }

    /// Steps over the next character if it satisfies `matches`.
    mutating func skip(where matches: (Character) -> Bool) -> Bool {
        guard let (character, end) = peek(), matches(character) else { return false }
        rest = rest[end...]
        return true
    }

    /// Skips `\s*`; returns whether it skipped anything.
    @discardableResult
    mutating func skipWhitespace() -> Bool {
        let start = rest.startIndex
        skipRun(ascii: { $0 == 0x20 || (0x09...0x0D).contains($0) }, \.isRegexWhitespace)
        return rest.startIndex != start
    }

    /// Skips characters while they satisfy `matches`; `matchesASCII` answers the same for
    /// an ASCII character as its byte, so a run of ASCII is skipped without making
    /// `Character`s.
    private mutating func skipRun(
        ascii matchesASCII: (UInt8) -> Bool,
        _ matches: (Character) -> Bool
    ) {
        let bytes = rest.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex, bytes[index] < 0x80, bytes[index] != UInt8(ascii: "\r"),
            matchesASCII(bytes[index])
        {
            let next = bytes.index(after: index)
            // A non-ASCII byte next may be a mark joined to this character.
            guard next == bytes.endIndex || bytes[next] < 0x80 else { break }
            index = next
        }
        rest = rest[index...]
        while skip(where: matches) {}
    }

    /// Skips one character if it is among `characters`.
    mutating func skip(anyOf characters: String) -> Bool {
        skip { characters.contains($0) }
    }

    /// Skips `word` exactly as written.
    mutating func skip(literal word: String) -> Bool {
        guard rest.hasPrefix(word) else { return false }
        rest = rest.dropFirst(word.count)
        return true
    }

    /// Skips `word` (written in lower case) in any case, as `(?i)word` would.
    mutating func skip(caseInsensitive word: String) -> Bool {
        var candidate = self
        for expected in word {
            guard
                candidate.skip(where: {
                    $0 == expected || $0.lowercased() == String(expected)
                })
            else { return false }
        }
        self = candidate
        return true
    }

    /// `\d+`: the digits here, possibly none.
    mutating func digits() -> Substring {
        let start = rest.startIndex
        skipRun(ascii: { (0x30...0x39).contains($0) }, \.isRegexDigit)
        return rest.base[start..<rest.startIndex]
    }

    /// The letters here, possibly none.
    mutating func letters() -> Substring {
        let start = rest.startIndex
        skipRun(ascii: { (0x61...0x7A).contains($0 | 0x20) }, \.isRegexLetter)
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

    /// `\s` in a Swift `Regex`, which is `isWhitespace`, answered for ASCII without a
    /// lookup in the Unicode tables.
    var isRegexWhitespace: Bool {
        if let ascii = asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return isWhitespace
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
    var trimmingWhitespace: String {
        guard let trimmed = trimmingASCIIWhitespace() else {
            return String(trimmingTrailingWhitespace.drop { $0.isWhitespace })
        }
        return String(trimmed)
    }

    var trimmingTrailingWhitespace: String {
        if let trimmed = trimmingASCIIWhitespace(leading: false) { return String(trimmed) }
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    /// The text without whitespace at its ends (or only at its end), found byte by byte;
    /// `nil` when a non-ASCII byte is next to what would be cut, where `Character`s must
    /// decide (a combining mark joins the space before it; U+00A0 is whitespace).
    private func trimmingASCIIWhitespace(leading: Bool = true) -> Substring? {
        let text = Substring(self)
        let bytes = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = bytes.startIndex
        if leading {
            while start < bytes.endIndex, isSpace(bytes[start]) {
                start = bytes.index(after: start)
            }
        }
        var end = bytes.endIndex
        while end > start, isSpace(bytes[bytes.index(before: end)]) {
            end = bytes.index(before: end)
        }
        let startsNonASCII = leading && start < end && bytes[start] >= 0x80
        let endsNonASCII = start < end && bytes[bytes.index(before: end)] >= 0x80
        if startsNonASCII || endsNonASCII { return nil }
        return text[start..<end]
    }

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

extension String {
    /// Whether the UTF-8 form holds `byte`, scanned as a buffer: the generic
    /// `utf8.contains` steps through string indices and was the hottest function of a
    /// record parse. `withUTF8` copies nothing for a native string.
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bufferContainsByte(byte, $0) }
    }
}

extension Substring {
    /// Whether the UTF-8 form holds `byte` (see `String.containsByte(_:)`).
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bufferContainsByte(byte, $0) }
    }
}

/// `memchr`: the generic `contains` compared each byte through a protocol witness.
private func bufferContainsByte(_ byte: UInt8, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
    return memchr(base, Int32(byte), bytes.count) != nil
}

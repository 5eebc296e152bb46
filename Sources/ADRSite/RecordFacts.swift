import ADRCore
import ADRMarkdown
import Foundation

/// What the site reads from a record's text beyond ``DecisionRecord``: its people, its
/// patterns and the sections that explain it.
public struct RecordFacts: Sendable, Hashable {
    /// Deciders (`Deciders:`, `decision-makers:`, `deciders:`), as written, split at commas.
    public var deciders: [String]
    /// The option a MADR record chose (`Chosen option: "…"`).
    public var chosenOption: String?
    /// The reason after MADR's `because`.
    public var because: String?
    /// Values of an explicit `pattern:` or `patterns:` key (front matter or a bullet).
    public var patterns: [String]
    /// The Rationale section's text.
    public var rationale: String?
    /// The Decision (or Decision Outcome) section's text.
    public var decision: String?
    /// The Consequences section's text.
    public var consequences: String?
    /// The whole text without Markdown syntax, for search.
    public var plainText: String

    /// A record and its facts from one parse of `text`.
    public static func reading(_ text: String, path: String) -> (
        record: DecisionRecord, facts: RecordFacts
    ) {
        let (record, body) = DecisionRecord.reading(text, path: path)
        return (record, RecordFacts(text: text, body: body))
    }

    /// Reads the facts of `text`.
    public init(parsing text: String) {
        self.init(
            text: text,
            body: MarkdownDocument(parsing: DecisionRecord.markdownBody(of: text))
        )
    }

    /// The facts of `text`, whose Markdown body (``DecisionRecord/markdownBody(of:)``) is
    /// `body`.
    init(text: String, body document: MarkdownDocument) {
        deciders = []
        patterns = []
        var lineNumber = 0
        for rawLine in Self.lines(of: text, upTo: 60) {
            lineNumber += 1
            if lineNumber > 60 { break }
            // Only lines that name a key are looked at, and cheaply: this runs on every
            // record. A line without a colon byte has no colon character.
            guard rawLine.utf8.contains(UInt8(ascii: ":")),
                let colon = rawLine.firstIndex(of: ":")
            else { continue }
            var keyPart = rawLine[..<colon].drop { $0 == " " || $0 == "\t" }
            for marker in ["-", "*", "+"] where keyPart.hasPrefix(marker + " ") {
                keyPart = keyPart.dropFirst(2)
            }
            let key = Self.trimmed(keyPart.filter { $0 != "*" }).lowercased()
            guard key.hasPrefix("deci") || key.hasPrefix("pattern") else { continue }
            let value = Self.trimmed(rawLine[rawLine.index(after: colon)...].filter { $0 != "*" })
            guard !value.isEmpty else { continue }
            switch key {
            case "deciders", "decision-makers", "decision makers":
                if deciders.isEmpty { deciders = Self.list(value) }
            case "pattern", "patterns":
                patterns += Self.list(value)
            default: break
            }
        }
        var sections: [String: [String]] = [:]
        var current: String?
        var currentLevel = 0
        var plain: [String] = []
        for block in document.blocks {
            plain.append(block.text)
            if case .heading(let level) = block.kind {
                if level <= 1 {
                    current = nil
                    continue
                }
                if current == nil || level <= currentLevel {
                    let key = Self.trimmed(block.text.lowercased())
                    current = key
                    currentLevel = level
                    continue
                }
            }
            let isFootnote =
                block.kind == .footnoteDefinition
                || (block.text.hasPrefix("[^") && block.text.contains("]:"))
            if let current, !isFootnote {
                sections[current, default: []].append(Self.withoutFootnoteReferences(block.text))
            }
            if chosenOption == nil, case .paragraph = block.kind,
                Self.mentionsChosenOption(block.text)
            {
                (chosenOption, because) = Self.chosenOption(in: block.text)
            }
        }
        func section(_ names: [String]) -> String? {
            for name in names {
                if let texts = sections[name], !texts.isEmpty {
                    return texts.joined(separator: "\n\n")
                }
            }
            return nil
        }
        rationale = section(["rationale", "justification", "why"])
        decision = section(["decision", "decision outcome"])
        consequences = section(["consequences", "positive consequences"])
        plainText = plain.joined(separator: "\n")
    }

    /// The first `count` lines of `text`, as splitting it at each `"\n"` and `"\r\n"`
    /// character gives them. Without a carriage return every line feed byte is such a character (a grapheme
    /// always ends after one), so the bytes are searched; walking the characters of every
    /// record was a third of a site build's instructions.
    static func lines(of text: String, upTo count: Int) -> [Substring] {
        var contiguous = text
        // Byte offsets of the line feeds, found over the contiguous bytes (walking `utf8`
        // checked every index); `nil` when the text has a carriage return.
        let breaks: [Int]? = contiguous.withUTF8 { bytes in
            guard !bytes.contains(UInt8(ascii: "\r")) else { return nil }
            var breaks: [Int] = []
            for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
                breaks.append(offset)
                if breaks.count == count { break }
            }
            return breaks
        }
        guard let breaks else {
            // A CRLF is one character, a line break as much as a lone LF.
            return text.split(
                maxSplits: count,
                omittingEmptySubsequences: false,
                whereSeparator: { $0 == "\n" || $0 == "\r\n" }
            )
        }
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        for offset in breaks {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(text[start..<end])
            start = utf8.index(after: end)
        }
        if lines.count < count { lines.append(text[start...]) }
        return lines
    }

    /// Whether `text` lower-cased contains `chosen option`. ASCII text is searched byte by
    /// byte with its letters folded (what lower-casing it does); other text as Foundation
    /// searches, whose lower-casing and comparison know every script.
    static func mentionsChosenOption(_ text: String) -> Bool {
        var text = text
        let isASCII = text.withUTF8 { bytes in
            bytes.allSatisfy { $0 < 0x80 }
        }
        guard isASCII else { return text.lowercased().contains("chosen option") }
        let needle = Array("chosen option".utf8)
        return text.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) {
                var matches = true
                for offset in 0..<needle.count {
                    var byte = bytes[start + offset]
                    if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
                    if byte != needle[offset] {
                        matches = false
                        break
                    }
                }
                if matches { return true }
            }
            return false
        }
    }

    /// Whether `text` has the two bytes `first` and `second` next to each other.
    static func contains(_ first: UInt8, followedBy second: UInt8, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for index in 0..<(bytes.count - 1) where bytes[index] == first {
                if bytes[index + 1] == second { return true }
            }
            return false
        }
    }

    /// `text` without `[^1]` footnote references, which mean nothing out of the page.
    static func withoutFootnoteReferences(_ text: String) -> String {
        // Most blocks have none: looked for byte by byte, not through Foundation's search.
        guard Self.contains(UInt8(ascii: "["), followedBy: UInt8(ascii: "^"), in: text) else {
            return text
        }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "[^") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "]") else {
                rest = rest[start.lowerBound...]
                break
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmed<S: StringProtocol>(_ text: S) -> String {
        let start = text.firstIndex { $0 != " " && $0 != "\t" && $0 != "\r" } ?? text.endIndex
        let end = text.lastIndex { $0 != " " && $0 != "\t" && $0 != "\r" }
        guard let end, start <= end else { return "" }
        return String(text[start...end])
    }

    private static func list(_ value: String) -> [String] {
        var trimmed = value
        if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
            trimmed = String(trimmed.dropFirst().dropLast())
        }
        return trimmed.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: .init(charactersIn: "\"'")
            )
        }.filter { !$0.isEmpty }
    }

    /// `Chosen option: "Queue", because it decouples …` → (`Queue`, `it decouples …`).
    private static func chosenOption(in paragraph: String) -> (String?, String?) {
        let flat = paragraph.replacingOccurrences(of: "\n", with: " ")
        guard let range = flat.range(of: "chosen option:", options: .caseInsensitive) else {
            return (nil, nil)
        }
        var rest = flat[range.upperBound...].trimmingCharacters(in: .whitespaces)
        var option: String
        let quotes: [(Character, Character)] = [("\"", "\""), ("“", "”"), ("'", "'")]
        if let quote = quotes.first(where: { rest.first == $0.0 }),
            let close = rest.dropFirst().firstIndex(of: quote.1)
        {
            option = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = String(rest[rest.index(after: close)...])
        } else {
            let end = rest.firstIndex(where: { $0 == "," || $0 == "." }) ?? rest.endIndex
            option = String(rest[..<end])
            rest = String(rest[end...])
        }
        option = option.trimmingCharacters(in: .whitespaces)
        var because: String?
        if let reason = rest.range(of: "because", options: .caseInsensitive) {
            because = rest[reason.upperBound...].trimmingCharacters(in: .whitespaces)
        }
        return (option.isEmpty ? nil : option, because)
    }
}

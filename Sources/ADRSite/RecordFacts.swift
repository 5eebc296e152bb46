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

    /// Reads the facts of `text`.
    public init(parsing text: String) {
        deciders = []
        patterns = []
        var frontMatter = true
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if lineNumber > 60 { break }
            var line = Substring(rawLine.trimmingCharacters(in: .whitespaces))
            if lineNumber == 1, line == "---" { continue }
            if frontMatter, line == "---" { frontMatter = false }
            for prefix in ["- ", "* ", "+ "] where line.hasPrefix(prefix) {
                line = line.dropFirst(prefix.count)
            }
            line = Substring(line.replacingOccurrences(of: "**", with: ""))
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { continue }
            switch key {
            case "deciders", "decision-makers", "decision makers":
                if deciders.isEmpty { deciders = Self.list(value) }
            case "pattern", "patterns":
                patterns += Self.list(value)
            default: break
            }
        }
        let document = MarkdownDocument(parsing: Self.withoutFrontMatter(text))
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
                    let key = block.text.lowercased().trimmingCharacters(in: .whitespaces)
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
            if chosenOption == nil, case .paragraph = block.kind {
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

    /// `text` without a leading YAML front matter block.
    static func withoutFrontMatter(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.dropFirst().firstIndex(where: {
                $0.trimmingCharacters(in: .whitespaces) == "---"
            })
        else { return text }
        lines.removeSubrange(0...end)
        return lines.joined(separator: "\n")
    }

    /// `text` without `[^1]` footnote references, which mean nothing out of the page.
    static func withoutFootnoteReferences(_ text: String) -> String {
        guard text.contains("[^") else { return text }
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

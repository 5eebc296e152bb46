import ADRMarkdown
import Foundation

/// What an audit needs of a record's text beyond ``DecisionRecord``: where the title,
/// status and date are, every link in the text, and the words of its decision text with
/// their lines.
public struct RecordFacts: Sendable, Hashable {
    /// The line of the first-level heading the title comes from.
    public var headingLine: Int?
    /// The number written in the title (`3` in `# 3. Use X`), whatever the file name says.
    public var headingNumber: Int?
    /// The line where the status is kept: the front matter key, the `## Status` heading or
    /// the `Status:` line.
    public var statusLine: Int?
    /// The line of the date, when the record states one.
    public var dateLine: Int?
    /// Every link and image of the text, inline or reference-style (resolved).
    public var links: [TextLink]

    /// Whether `text` can hold a Markdown link or image: an inline one needs `](`, a
    /// reference-style one a `]:` definition. Most records have none, and need no parse
    /// for their links.
    public static func mayHaveLinks(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 1 else { return false }
            // `memchr` jumps from one `]` to the next: this runs on every record, several
            // times an audit.
            var offset = 0
            let bracket = Int32(UInt8(ascii: "]"))
            while offset < bytes.count - 1,
                let found = memchr(base + offset, bracket, bytes.count - 1 - offset)
            {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let next = bytes[index + 1]
                if next == UInt8(ascii: "(") || next == UInt8(ascii: ":") { return true }
                offset = index + 1
            }
            return false
        }
    }

    /// The number written in a title heading (`3` in `3. Use X`, `ADR-004: T`).
    public static func number(inHeading heading: String) -> Int? {
        RecordScan.splitHeading(heading.trimmingWhitespace)?.number
    }

    /// Facts read before (from a cache).
    public init(
        headingLine: Int?,
        headingNumber: Int?,
        statusLine: Int?,
        dateLine: Int?,
        links: [TextLink]
    ) {
        self.headingLine = headingLine
        self.headingNumber = headingNumber
        self.statusLine = statusLine
        self.dateLine = dateLine
        self.links = links
    }

    /// Reads `text`; never fails.
    public init(parsing text: String) {
        self.init(layout: RecordLayout(text: text))
    }

    /// The record and its facts from one parse of `text` (the slow part of reading both).
    public static func reading(_ text: String, path: String) -> (
        record: DecisionRecord, facts: RecordFacts
    ) {
        let layout = RecordLayout(text: text)
        return (DecisionRecord(layout: layout, path: path), RecordFacts(layout: layout))
    }

    init(layout: RecordLayout) {
        let source = layout.source
        let blocks = source.document.blocks
        headingLine = layout.titleHeadingIndex.map { blocks[$0].startLine }
        headingNumber = layout.titleHeadingIndex.flatMap {
            RecordScan.splitHeading(blocks[$0].text.trimmingWhitespace)?.number
        }
        statusLine =
            layout.frontMatterKeys["status"] ?? layout.statusSection?.headingLine
            ?? layout.statusLine?.line
        dateLine = layout.dateLine?.line ?? layout.frontMatterKeys["date"]
        var links: [TextLink] = []
        for block in blocks {
            for link in block.links {
                links.append(
                    TextLink(
                        text: link.text,
                        destination: link.destination,
                        line: link.line,
                        column: Self.column(of: link, in: source.content(link.line)),
                        isImage: link.isImage
                    )
                )
            }
        }
        self.links = links
    }

    /// The words of the decision text of `text` (see ``DecisionText``) in order, each with
    /// its line: two texts whose words are equal differ only in whitespace, line breaks and
    /// the number in the title. A parse of its own, for the few records whose text changed.
    public static func decisionWords(in text: String) -> [DecisionWord] {
        words(RecordLayout(text: text))
    }

    /// The 1-based column of the link's `[` (or `![`) in its line, else 1.
    private static func column(of link: MarkdownLink, in line: String) -> Int {
        let opening = (link.isImage ? "![" : "[") + link.text
        guard let range = line.range(of: opening) ?? line.range(of: link.destination) else {
            return 1
        }
        return line.distance(from: line.startIndex, to: range.lowerBound) + 1
    }

    /// The lines ``DecisionText/normalized(_:)`` keeps, split into words. The lines dropped
    /// are the same: keep the two in step.
    static func words(_ layout: RecordLayout) -> [DecisionWord] {
        let source = layout.source
        var dropped = Set<Int>()
        if let section = layout.statusSection {
            let last = section.nextHeadingLine.map { $0 - 1 } ?? source.lines.count
            dropped.formUnion(section.headingLine...max(section.headingLine, last))
        }
        if let statusLine = layout.statusLine { dropped.insert(statusLine.line) }
        if let statusKey = layout.frontMatterKeys["status"] { dropped.insert(statusKey) }
        for link in layout.linkLines { dropped.insert(link.line) }
        for block in source.document.blocks {
            if case .heading = block.kind, RecordLayout.headingKey(block.text) == "links" {
                dropped.insert(block.startLine)
            }
        }
        // The title without its number: renumbering a record is not rewriting it.
        let blocks = source.document.blocks
        let heading = layout.titleHeadingIndex.map { blocks[$0] }
        var words: [DecisionWord] = []
        for (index, line) in source.lines.enumerated() where !dropped.contains(index + 1) {
            var content = line.content
            if let heading, heading.startLine == index + 1,
                let title = RecordScan.splitHeading(heading.text.trimmingWhitespace)?.title
            {
                content = "# " + title
            }
            // Split on ASCII blanks as bytes: by `Character` this took most of an audit.
            content.withUTF8 { bytes in
                var start: Int?
                for offset in 0...bytes.count {
                    let blank =
                        offset == bytes.count || bytes[offset] == 0x20 || bytes[offset] == 0x09
                        || bytes[offset] == 0x0D
                    if blank, let first = start {
                        let word = String(
                            decoding: UnsafeBufferPointer(rebasing: bytes[first..<offset]),
                            as: UTF8.self
                        )
                        words.append(DecisionWord(text: word, line: index + 1))
                        start = nil
                    } else if !blank, start == nil {
                        start = offset
                    }
                }
            }
        }
        return words
    }
}

/// A link or image in a record's text.
public struct TextLink: Sendable, Hashable {
    public var text: String
    /// As cmark resolved it: a reference-style link has its definition's destination.
    public var destination: String
    public var line: Int
    public var column: Int
    public var isImage: Bool

    public init(text: String, destination: String, line: Int, column: Int, isImage: Bool) {
        self.text = text
        self.destination = destination
        self.line = line
        self.column = column
        self.isImage = isImage
    }
}

/// One word of a decision text and the line it is on.
public struct DecisionWord: Sendable, Hashable {
    public var text: String
    public var line: Int

    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

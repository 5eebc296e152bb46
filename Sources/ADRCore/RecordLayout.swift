import ADRMarkdown

/// Where a record keeps its title, status, date and links: found once, used both to read
/// the record and to edit it in place.
struct RecordLayout {
    struct Section {
        /// Index of the heading in `source.document.blocks`.
        var headingIndex: Int
        var headingLine: Int
        /// Indices of the blocks up to the next heading of the same or a higher level.
        var blockIndices: Range<Int>
        /// The line of the next heading after this one (any level), as adr-tools uses it.
        var nextHeadingLine: Int?
    }

    /// One line of a paragraph or list item, with its plain text.
    struct TextLine {
        var line: Int
        var text: String
        var blockIndex: Int
    }

    /// A `Type [text](target.md)` line.
    struct LinkLine {
        var type: String
        var target: String
        var text: String
        var line: Int
    }

    var source: RecordSource
    var titleHeadingIndex: Int?
    var statusSection: Section?
    /// The `- Status: …` bullet or `Status: …` line outside a status section.
    var statusLine: TextLine?
    var dateLine: TextLine?
    var linkLines: [LinkLine] = []
    /// Line of each top-level front matter key.
    var frontMatterKeys: [String: Int] = [:]
    /// The first link (not image) on each line of each block, for ``linkLine(_:)``.
    private var firstLinks: [BlockLine: MarkdownLink] = [:]

    private struct BlockLine: Hashable {
        var block: Int
        var line: Int
    }

    init(text: String) {
        source = RecordSource(text: text)
        let blocks = source.document.blocks
        // Found once for all lines: searching each line's block for its link made a block
        // dense with links cost the square of its links.
        for (index, block) in blocks.enumerated() {
            for link in block.links where !link.isImage {
                let key = BlockLine(block: index, line: link.line)
                if firstLinks[key] == nil { firstLinks[key] = link }
            }
        }
        titleHeadingIndex = blocks.firstIndex { block in
            block.kind == .heading(level: 1)
                && !Self.sectionNames.contains(Self.headingKey(block.text))
        }
        statusSection = section { Self.statusHeadings.contains(Self.headingKey($0)) }
        for line in textLines() {
            if let link = linkLine(line) { linkLines.append(link) }
            let hasLabel = line.text.containsByte(UInt8(ascii: ":"))
            if statusLine == nil, hasLabel, !isInStatusSection(line.blockIndex),
                RecordScan.afterStatusLabel(line.text) != nil
            {
                statusLine = line
            }
            if dateLine == nil, hasLabel, RecordScan.afterDateLabel(line.text) != nil {
                dateLine = line
            }
        }
        if let frontMatter = source.frontMatter {
            for number in frontMatter.dropFirst().dropLast() {
                if let match = source.content(number).prefixMatch(
                    of: RecordPatterns.frontMatterKey
                ),
                    frontMatterKeys[String(match.1)] == nil
                {
                    frontMatterKeys[String(match.1)] = number
                }
            }
        }
    }

    static let statusHeadings: Set<String> = [
        "status", "statut", "état", "etat", "estado", "stand", "stato", "statuts",
    ]
    /// First-level headings that name a section rather than the record.
    static let sectionNames: Set<String> = [
        "context", "status", "decision", "consequences", "context and problem statement",
    ]

    static func headingKey(_ text: String) -> String {
        var key = text.trimmingWhitespace.lowercased()
        while key.hasSuffix(":") { key = key.dropLast().trimmingWhitespace }
        return key
    }

    func isInStatusSection(_ blockIndex: Int) -> Bool {
        statusSection?.blockIndices.contains(blockIndex) ?? false
    }

    /// The first section whose heading (level 2 or deeper) satisfies `matches`.
    func section(where matches: (String) -> Bool) -> Section? {
        let blocks = source.document.blocks
        for (index, block) in blocks.enumerated() {
            guard case .heading(let level) = block.kind, level >= 2, matches(block.text) else {
                continue
            }
            var end = index + 1
            while end < blocks.count {
                if case .heading(let other) = blocks[end].kind, other <= level { break }
                end += 1
            }
            let next = blocks[(index + 1)...].first {
                if case .heading = $0.kind { return true }
                return false
            }
            return Section(
                headingIndex: index,
                headingLine: block.startLine,
                blockIndices: (index + 1)..<end,
                nextHeadingLine: next?.startLine
            )
        }
        return nil
    }

    /// Every line of every paragraph and list item, in order, as plain text.
    func textLines(in indices: Range<Int>? = nil) -> [TextLine] {
        let blocks = source.document.blocks
        var result: [TextLine] = []
        for index in indices ?? blocks.indices {
            let block = blocks[index]
            switch block.kind {
            case .paragraph:
                // Most paragraphs are one line; they keep their text without a copy.
                guard block.text.containsByte(UInt8(ascii: "\n")) else {
                    result.append(
                        TextLine(line: block.startLine, text: block.text, blockIndex: index)
                    )
                    continue
                }
                for (offset, text) in block.text.split(
                    separator: "\n",
                    omittingEmptySubsequences: false
                ).enumerated() {
                    result.append(
                        TextLine(
                            line: block.startLine + offset,
                            text: String(text),
                            blockIndex: index
                        )
                    )
                }
            case .list:
                for item in block.items {
                    let first = item.text.prefix { $0 != "\n" }
                    result.append(
                        TextLine(line: item.startLine, text: String(first), blockIndex: index)
                    )
                }
            default: continue
            }
        }
        return result
    }

    /// Reads `Type words [text](target.md)` from the source line, resolving the target
    /// through cmark so reference-style links count too.
    func linkLine(_ line: TextLine) -> LinkLine? {
        let written = source.content(line.line)
        // Cheap tests first: most lines hold no link at all, and most links lead out of the
        // log; only then read the words before the link.
        guard written.containsByte(UInt8(ascii: "[")) else { return nil }
        let block = source.document.blocks[line.blockIndex]
        guard
            let link = firstLinks[BlockLine(block: line.blockIndex, line: line.line)],
            Self.isRecordTarget(link.destination), let type = RecordScan.linkType(written),
            type.split(separator: " ").count <= 5,
            Self.isLinkAlone(after: type, in: written, block: block, line: line.line)
        else { return nil }
        return LinkLine(
            type: String(type),
            target: link.destination,
            text: link.text,
            line: line.line
        )
    }

    /// Whether the link after `type` ends the line, and a line that is no list item is a
    /// paragraph of its own: adr-tools' `Type [title](file)` and the bullet forms are typed
    /// links; a link in prose ("As discussed in [3](0003-x.md), we…") is a plain reference.
    static func isLinkAlone(
        after type: Substring,
        in written: String,
        block: MarkdownBlock,
        line: Int
    ) -> Bool {
        let isListItem = written.drop { $0 == " " }.first.map { "-*+".contains($0) } ?? false
        if !isListItem, block.kind == .paragraph, block.startLine != block.endLine {
            return false
        }
        var rest = written[type.endIndex...].drop { $0 == " " || $0 == ":" || $0 == "\t" }
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return false }
        rest = rest[rest.index(after: close)...]
        if rest.first == "(" {
            guard let end = rest.firstIndex(of: ")") else { return false }
            rest = rest[rest.index(after: end)...]
        } else if rest.first == "[" {
            guard let end = rest.firstIndex(of: "]") else { return false }
            rest = rest[rest.index(after: end)...]
        }
        return rest.allSatisfy(\.isWhitespace)
    }

    /// The links to records that are not typed links: links in prose, in document order.
    func proseReferences() -> [RecordReference] {
        let typed = Set(linkLines.map { "\($0.line)\u{0}\($0.target)" })
        var references: [RecordReference] = []
        for block in source.document.blocks where !block.links.isEmpty {
            for link in block.links
            where !link.isImage && Self.isRecordTarget(link.destination)
                && !typed.contains("\(link.line)\u{0}\(link.destination)")
            {
                references.append(
                    RecordReference(text: link.text, target: link.destination, line: link.line)
                )
            }
        }
        return references
    }

    /// Whether a link destination is a relative Markdown file, as links between records are.
    static func isRecordTarget(_ destination: String) -> Bool {
        let path = destination.prefix { $0 != "#" && $0 != "?" }.lowercased()
        return !path.containsBytes("://") && !path.hasPrefix("/") && !path.hasPrefix("mailto:")
            && (path.hasSuffix(".md") || path.hasSuffix(".markdown"))
    }

    /// Whether every line of a block is a link line (adr-tools' link paragraphs).
    func isLinkBlock(_ index: Int) -> Bool {
        let lines = textLines(in: index..<(index + 1))
        return !lines.isEmpty && lines.allSatisfy { linkLine($0) != nil }
    }
}

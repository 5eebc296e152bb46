import ADRMarkdown
import Yams

extension DecisionRecord {
    /// Reads a record in any of the forms real logs use (adr-tools/Nygard, MADR 2–4,
    /// log4brains, the `ADR-001` style), with BOM, CRLF and leading HTML comments.
    ///
    /// Never fails: what cannot be read is left `nil` and explained in `warnings`.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the file's path, used in warnings; the number and fallback title come from
    ///     its last component (or its folder for `<slug>/index.md` and `README.md`).
    public init(parsing text: String, path: String) {
        self.init(layout: RecordLayout(text: text), path: path)
    }

    /// The record from a layout already found, for a caller that reads more of it.
    init(layout: RecordLayout, path: String) {
        var reader = RecordReader(layout: layout, path: path)
        self = reader.read()
    }

    /// The record and its Markdown body (what ``markdownBody(of:)`` gives, parsed) from one
    /// parse of `text`, for a caller that reads more of the body.
    public static func reading(_ text: String, path: String) -> (
        record: DecisionRecord, body: MarkdownDocument
    ) {
        let layout = RecordLayout(text: text)
        return (DecisionRecord(layout: layout, path: path), layout.source.document)
    }

    /// The Markdown of `text` after its front matter, as every reader of a record takes it:
    /// a front matter may follow blank lines and HTML comments and close with `---` or
    /// `...`; a BOM goes, and line endings become line feeds.
    public static func markdownBody(of text: String) -> String {
        RecordSource.body(of: text)
    }

    /// Only the status and the decision text (see ``DecisionText``), from one parse: what
    /// a history scan needs of each of thousands of revisions, without the title, links,
    /// date and tags, and without warnings.
    public static func statusAndDecisionText(_ text: String, path: String)
        -> (status: RecordStatus?, decisionText: String)
    {
        let layout = RecordLayout(text: text)
        var reader = RecordReader(layout: layout, path: path)
        reader.readFrontMatter()
        var record = DecisionRecord(path: path, title: "")
        reader.readStatus(into: &record)
        return (record.status, DecisionText.normalized(layout))
    }

    /// Only the status, as ``statusAndDecisionText(_:path:)`` reads it, for a history scan
    /// that keeps no decision-text hashes.
    public static func status(_ text: String, path: String) -> RecordStatus? {
        var reader = RecordReader(layout: RecordLayout(text: text), path: path)
        reader.readFrontMatter()
        var record = DecisionRecord(path: path, title: "")
        reader.readStatus(into: &record)
        return record.status
    }
}

/// The state of one parse; kept out of the public type so the steps can share warnings.
private struct RecordReader {
    let layout: RecordLayout
    let path: String
    var warnings: [SourceWarning] = []
    var frontMatter: Node.Mapping?

    init(layout: RecordLayout, path: String) {
        self.layout = layout
        self.path = path
    }

    var blocks: [MarkdownBlock] { layout.source.document.blocks }

    mutating func warn(_ line: Int?, _ message: String) {
        warnings.append(SourceWarning(path: path, line: line, message: message))
    }

    mutating func read() -> DecisionRecord {
        readFrontMatter()
        let name = DecisionRecord.recordName(path: path)
        var record = DecisionRecord(path: path, title: "")
        if let index = layout.titleHeadingIndex {
            let heading = blocks[index].text.trimmingWhitespace
            record.heading = heading
            let (number, title) = Self.splitHeading(heading)
            record.title = title
            record.number =
                DecisionRecord.number(fromFileName: name) ?? number.flatMap(RecordFileName.bounded)
        } else if let title = frontMatterString("title"), !title.isEmpty {
            record.title = title
            record.number = DecisionRecord.number(fromFileName: name)
        } else {
            record.title = DecisionRecord.title(fromName: name)
            record.number = DecisionRecord.number(fromFileName: name)
            warn(nil, "no title (no first-level heading and no front matter title)")
        }
        record.links = layout.linkLines.map {
            RecordLink(type: $0.type, target: $0.target, line: $0.line)
        }
        record.references = layout.proseReferences()
        readStatus(into: &record)
        readDate(into: &record)
        record.tags = frontMatterList("tags")
        if record.tags.isEmpty, layout.statusLine != nil {
            record.tags = DecisionRecord.tags(fromBulletsIn: layout.source.text)
        }
        record.warnings = warnings
        return record
    }

    // MARK: Front matter

    mutating func readFrontMatter() {
        if layout.source.frontMatterUnclosed {
            warn(1, "malformed front matter: no closing ---")
        }
        guard let yaml = layout.source.frontMatterYAML, let fence = layout.source.frontMatter
        else { return }
        do {
            let node = try Yams.compose(yaml: yaml)
            if let node, node.mapping == nil {
                warn(fence.lowerBound, "malformed front matter: not a mapping of keys to values")
            }
            frontMatter = node?.mapping
        } catch let error as YamlError {
            var line = fence.lowerBound
            var problem = "\(error)"
            switch error {
            case .scanner(_, let text, let mark, _), .parser(_, let text, let mark, _),
                .composer(_, let text, let mark, _):
                line = fence.lowerBound + mark.line
                problem = text
            default: break
            }
            warn(line, "malformed front matter: \(problem)")
        } catch {
            warn(fence.lowerBound, "malformed front matter: \(error)")
        }
    }

    /// A scalar value as written; `compose` keeps `date: 2024-01-02` as text, so no
    /// timestamp conversion (and no time zone) gets in the way.
    func frontMatterString(_ keys: String...) -> String? {
        for key in keys {
            if let value = frontMatter?[key]?.scalar?.string { return value.trimmingWhitespace }
        }
        return nil
    }

    func frontMatterList(_ key: String) -> [String] {
        guard let node = frontMatter?[key] else { return [] }
        if let sequence = node.sequence {
            return sequence.compactMap { $0.scalar?.string.trimmingWhitespace }
        }
        return (node.scalar?.string ?? "").split(separator: ",").map { $0.trimmingWhitespace }
            .filter { !$0.isEmpty }
    }

    // MARK: Title

    /// Splits `1. T`, `0010. T`, `6 T`, `ADR-004: T`, `Architecture Decision Record: T`.
    static func splitHeading(_ heading: String) -> (Int?, String) {
        RecordScan.splitHeading(heading) ?? (nil, heading)
    }

    // MARK: Status

    mutating func readStatus(into record: inout DecisionRecord) {
        var written: (text: String, line: Int?)?
        if let section = layout.statusSection { written = statusInSection(section) }
        if written == nil, let line = layout.statusLine {
            let source = layout.source.content(line.line)
            let value =
                source.prefixMatch(of: RecordPatterns.bulletOrBoldPrefix).map {
                    source[$0.range.upperBound...]
                } ?? source[...]
            let afterLabel = RecordScan.afterStatusLabel(value) ?? value
            written = (afterLabel.trimmingWhitespace, line.line)
        }
        if let inFrontMatter = frontMatterString("status"), !inFrontMatter.isEmpty {
            let line = layout.frontMatterKeys["status"]
            if let written,
                RecordStatus(parsing: written.text) != RecordStatus(parsing: inFrontMatter)
            {
                warn(
                    line,
                    "status \"\(inFrontMatter)\" in front matter disagrees with \"\(written.text)\""
                        + " on line \(written.line ?? 0); using the front matter"
                )
            }
            written = (inFrontMatter, line)
        }
        guard let written else {
            warn(nil, "missing status")
            return
        }
        record.statusText = written.text
        record.status = RecordStatus(parsing: written.text)
        if let status = record.status, !status.isKnown {
            warn(written.line, "unknown status \"\(written.text)\"")
        } else if record.status == nil {
            warn(written.line, "unknown status \"\(written.text)\"")
        }
    }

    /// The first line of the status section that is not a link line (adr-tools keeps its
    /// link paragraphs there); failing that a `Superseded by` link line; or a badge.
    func statusInSection(_ section: RecordLayout.Section) -> (text: String, line: Int?)? {
        var supersededBy: (String, Int?)?
        for index in section.blockIndices {
            let block = blocks[index]
            if block.kind == .paragraph, !block.links.isEmpty,
                block.links.allSatisfy(\.isImage), let badge = block.links.first
            {
                return (Self.badgeStatus(badge), block.startLine)
            }
            for line in layout.textLines(in: index..<(index + 1)) {
                let text = line.text.trimmingWhitespace
                if text.isEmpty { continue }
                if let link = layout.linkLine(line) {
                    if supersededBy == nil, RecordStatus(parsing: link.type) == .superseded {
                        supersededBy = (
                            layout.source.content(line.line).trimmingWhitespace, line.line
                        )
                    }
                    continue
                }
                return (Self.stripListMarker(layout.source.content(line.line)), line.line)
            }
        }
        return supersededBy
    }

    static func stripListMarker(_ line: String) -> String {
        let trimmed = line.trimmingWhitespace
        return RecordScan.afterListMarker(trimmed).map(String.init) ?? trimmed
    }

    /// `![Status: accepted](…)` or a shields.io `badge/status-accepted-green` URL.
    static func badgeStatus(_ badge: MarkdownLink) -> String {
        var text = badge.text
        if let afterLabel = RecordScan.afterStatusLabel(text) { text = String(afterLabel) }
        if RecordStatus(parsing: text) == nil || text.lowercased() == "status",
            let match = badge.destination.firstMatch(of: RecordPatterns.statusBadge)
        {
            text = String(match.1)
        }
        return text.trimmingWhitespace
    }

    // MARK: Date

    mutating func readDate(into record: inout DecisionRecord) {
        var candidates: [(String, Int?)] = []
        if let value = frontMatterString("date", "created") {
            let key = frontMatter?["date"] != nil ? "date" : "created"
            candidates.append((value, layout.frontMatterKeys[key]))
        }
        if let line = layout.dateLine, let value = RecordScan.afterDateLabel(line.text) {
            candidates.append((String(value), line.line))
        }
        if let statusText = record.statusText, let date = RecordScan.onDateSuffix(statusText) {
            candidates.append((String(date), layout.statusSection?.headingLine))
        }
        for (value, line) in candidates {
            switch RecordDate(reading: value) {
            case .iso(let date):
                record.date = date
                return
            case .placeholder:
                warn(line, "date is a placeholder: \"\(value.trimmingWhitespace)\"")
            case .unparseable:
                warn(line, "unparseable date \"\(value.trimmingWhitespace)\"")
            case .impossible:
                warn(line, "impossible date \"\(value.trimmingWhitespace)\" (left as it is)")
            }
        }
    }
}

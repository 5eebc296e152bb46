/// The part of a record an approval vouches for: the record without the lines that change
/// when its status changes or another record links to it, with whitespace normalised.
///
/// An approval stores a hash of this text, so marking a record accepted, superseding it or
/// linking it keeps the approval current, while any edit of the decision makes it stale.
public enum DecisionText {
    /// `text` without its status and link lines, with LF line endings, no trailing
    /// spaces, no runs of blank lines and exactly one final newline.
    ///
    /// Removed: the `## Status` heading and its section (the status paragraph and the
    /// adr-tools link lines kept there), a `- Status:` bullet or `Status:` line, the front
    /// matter `status:` key, every `Type [text](record.md)` link line, and a `## Links`
    /// heading (adr adds one when it links a MADR record).
    public static func normalized(_ text: String) -> String {
        normalized(RecordLayout(text: text))
    }

    static func normalized(_ layout: RecordLayout) -> String {
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
        var lines: [String] = []
        for (index, line) in source.lines.enumerated() where !dropped.contains(index + 1) {
            var content = Substring(line.content)
            // A lone CR (old Mac line ending, or CRLF split oddly) is whitespace here.
            while let last = content.last, last == " " || last == "\t" || last == "\r" {
                content = content.dropLast()
            }
            if content.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(String(content))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0 + "\n" }.joined()
    }
}

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
        // Built as bytes: trimming by `Character` and joining strings took most of the
        // time a history scan spends hashing decision texts.
        var output: [UInt8] = []
        var pendingBlank = false
        var wroteLine = false
        for (index, line) in source.lines.enumerated() where !dropped.contains(index + 1) {
            var content = line.content
            content.withUTF8 { bytes in
                var end = bytes.count
                // A lone CR (old Mac line ending, or CRLF split oddly) is whitespace here.
                while end > 0,
                    bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09
                        || bytes[end - 1] == 0x0D
                {
                    end -= 1
                }
                guard end > 0 else {
                    // Blank lines collapse into one, and none leads the text.
                    pendingBlank = wroteLine
                    return
                }
                if pendingBlank { output.append(0x0A) }
                pendingBlank = false
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<end]))
                output.append(0x0A)
                wroteLine = true
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

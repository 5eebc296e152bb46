/// In-place edits of a record's text that touch only the lines they must.
///
/// Every function takes and returns the whole file's text. A BOM, CRLF line endings and
/// every byte the edit does not concern come back unchanged; new lines use the file's own
/// line ending. Front matter is edited as text, never re-serialised, so comments and key
/// order survive.
public enum RecordText {
    /// Sets the status wherever the record keeps it: the `## Status` section's status
    /// paragraph, a `- Status:` bullet, and the front matter `status:` key (all of those
    /// present). A record with no status gets a `status:` key when it has a front matter,
    /// else a `## Status` section after its `Date:` line or its title.
    ///
    /// The new status takes the case style of the old one (`accepted` stays lower case in
    /// MADR). `date` is written where the status form carries one, the `ADR-001` style's
    /// `Approved on 2026-02-08`; other forms keep their `Date:` line.
    public static func settingStatus(_ status: String, date: String? = nil, in text: String)
        -> String
    {
        let layout = RecordLayout(text: text)
        var source = layout.source
        var changed = false
        if let section = layout.statusSection {
            let line = statusLine(in: section, layout: layout)
            if let line {
                let old = source.content(line.first)
                var new = styled(status, like: old.trimmingWhitespace)
                if let match = old.firstMatch(of: /(?i)\s+on\s+(\d\S*)/) {
                    new += " on \(date ?? String(match.1))"
                }
                let indent = old.prefix { $0 == " " }
                source.lines[line.first - 1].content = indent + new
                source.lines.removeSubrange(line.first..<line.last)
            } else {
                source.insert(["", status], before: section.headingLine + 1)
            }
            changed = true
        } else if let line = layout.statusLine {
            let old = source.content(line.line)
            if let match = old.prefixMatch(
                of:
                    /(\s*(?:[-*+]\s+)?(?:\*\*)?(?i:status|statut|état|etat|estado|stand|stato)(?:\*\*)?\s*:\s*(?:\*\*)?)(.*)/
            ) {
                source.lines[line.line - 1].content =
                    match.1 + styled(status, like: String(match.2))
                changed = true
            }
        }
        if let line = layout.frontMatterKeys["status"] {
            source.lines[line - 1].content = settingYAMLValue(status, in: source.content(line))
            changed = true
        }
        if !changed {
            if let fence = source.frontMatter {
                source.insert(["status: \(yamlScalar(status, like: ""))"], before: fence.upperBound)
            } else {
                let blocks = source.document.blocks
                let anchor =
                    layout.dateLine.map {
                        source.lastContentLine(upTo: blocks[$0.blockIndex].endLine)
                    }
                    ?? layout.titleHeadingIndex.map { blocks[$0].endLine }
                if let anchor {
                    source.insert(["", "## Status", "", status], before: anchor + 1)
                } else {
                    source.insert(["## Status", "", status, ""], before: 1)
                }
            }
        }
        return source.text
    }

    /// Adds a link line to another record the way adr-tools does: `Type [text](target)` as
    /// its own paragraph just before the heading that follows `## Status`, then one blank
    /// line (at the end of the file when the status section is last).
    ///
    /// Records without a status section (MADR) get `- Type [text](target)` in a
    /// `## Links` section (created at the end when absent), or, for a MADR 4 record with a
    /// `## More Information` section and no `## Links`, a paragraph at that section's end.
    public static func addingLink(
        type: String,
        text linkText: String,
        target: String,
        in text: String
    ) -> String {
        let link = "\(type) [\(linkText)](\(target))"
        // The same link twice says nothing more, and `adr link` run again must not add it.
        let present = text.split(whereSeparator: \.isNewline).contains {
            let line = $0.trimmingWhitespace
            return line == link || line == "- " + link || line == "* " + link
        }
        if present { return text }
        let layout = RecordLayout(text: text)
        var source = layout.source
        let blocks = source.document.blocks
        if let section = layout.statusSection {
            if let next = section.nextHeadingLine {
                source.insert([link, ""], before: next)
            } else {
                appendParagraph([link], to: &source)
            }
        } else if let links = layout.section(where: { RecordLayout.headingKey($0) == "links" }) {
            // cmark may count the blank line after a list as part of it.
            let last = links.blockIndices.last.map {
                source.lastContentLine(upTo: blocks[$0].endLine)
            }
            if let last {
                source.insert(["- \(link)"], before: last + 1)
            } else {
                source.insert(["", "- \(link)"], before: links.headingLine + 1)
            }
        } else if layout.statusLine == nil,
            let more = layout.section(where: { RecordLayout.headingKey($0) == "more information" })
        {
            let last =
                more.blockIndices.last.map { source.lastContentLine(upTo: blocks[$0].endLine) }
                ?? more.headingLine
            source.insert(["", link], before: last + 1)
        } else {
            appendParagraph(["## Links", "", "- \(link)"], to: &source)
        }
        return source.text
    }

    /// Removes a status paragraph reading exactly `Accepted` from the `## Status` section,
    /// as adr-tools does to the record a new one supersedes; blank lines around it are
    /// left one in a row.
    public static func removingAcceptedStatus(in text: String) -> String {
        let layout = RecordLayout(text: text)
        var source = layout.source
        guard let section = layout.statusSection else { return text }
        for index in section.blockIndices {
            let block = source.document.blocks[index]
            guard block.kind == .paragraph, block.startLine == block.endLine,
                source.content(block.startLine).trimmingTrailingWhitespace == "Accepted"
            else { continue }
            let removesBlank =
                source.content(block.startLine + 1).trimmingWhitespace.isEmpty
                && block.startLine < source.lines.count
            source.lines.removeSubrange(
                (block.startLine - 1)..<(block.startLine + (removesBlank ? 1 : 0))
            )
            return source.text
        }
        return text
    }

    /// Marks a record superseded in the form it keeps its status: adr-tools records lose
    /// their `Accepted` paragraph (add the `Superceded by` line with `addingLink`); a MADR 2
    /// `- Status:` bullet becomes `superseded by [text](target)`; a front matter `status:`
    /// becomes `superseded by ADR-NNNN` (MADR 4), or the link when `number` is `nil`.
    public static func markingSuperseded(
        in text: String,
        byText linkText: String,
        target: String,
        number: Int?
    ) -> String {
        let layout = RecordLayout(text: text)
        var result = text
        if layout.statusSection != nil { result = removingAcceptedStatus(in: result) }
        let link = "superseded by [\(linkText)](\(target))"
        if layout.statusSection == nil, layout.statusLine != nil {
            result = settingStatus(link, in: result)
        }
        if layout.frontMatterKeys["status"] != nil {
            let identifier = number.map { "superseded by ADR-" + zeroPadded($0) }
            var source = RecordLayout(text: result).source
            if let line = RecordLayout(text: result).frontMatterKeys["status"] {
                source.lines[line - 1].content = settingYAMLValue(
                    identifier ?? link,
                    in: source.content(line)
                )
            }
            result = source.text
        }
        return result
    }

    /// Rewrites every link whose destination names the file `oldTarget` (`0003-x.md`,
    /// `./0003-x.md`, a reference definition) to `newTarget`, and the link text to
    /// `newHeading` where it reads exactly `oldHeading`; used when renumbering.
    /// `text` with a front matter status `superseded by ADR-<old>` (MADR 4, which names the
    /// record by number, not by link) naming `new` instead; used when renumbering.
    public static func rewritingSupersededNumber(in text: String, from old: Int, to new: Int)
        -> String
    {
        guard text.hasPrefix("---") else { return text }
        var source = RecordSource(text: text)
        for index in source.lines.indices.dropFirst() {
            let line = source.lines[index].content
            if line.trimmingWhitespace == "---" { break }
            guard
                let match = line.wholeMatch(of: /(\s*status:\s*["']?superseded by ADR-)(\d+)(.*)/),
                Int(match.2) == old
            else { continue }
            source.lines[index].content = match.1 + zeroPadded(new) + match.3
        }
        return source.text
    }

    public static func rewritingLinks(
        in text: String,
        from oldTarget: String,
        to newTarget: String,
        oldHeading: String? = nil,
        newHeading: String? = nil
    ) -> String {
        var source = RecordSource(text: text)
        for index in source.lines.indices {
            var line = source.lines[index].content
            guard line.contains(oldTarget) else { continue }
            line = line.replacing(/\[([^\]]*)\]\(([^)\s]+)((?:\s+"[^"]*")?)\)/) { match in
                guard let destination = renamed(String(match.2), oldTarget, newTarget) else {
                    return String(match.0)
                }
                var label = String(match.1)
                if let oldHeading, let newHeading, label == oldHeading { label = newHeading }
                return "[\(label)](\(destination)\(match.3))"
            }
            if let match = line.prefixMatch(of: /(\s{0,3}\[[^\]]+\]:\s*)(\S+)(.*)/),
                let destination = renamed(String(match.2), oldTarget, newTarget)
            {
                line = match.1 + destination + match.3
            }
            source.lines[index].content = line
        }
        return source.text
    }

    // MARK: Pieces

    private static func renamed(_ destination: String, _ old: String, _ new: String) -> String? {
        let fragmentStart =
            destination.firstIndex { $0 == "#" || $0 == "?" } ?? destination.endIndex
        let path = destination[..<fragmentStart]
        guard path == old || path.hasSuffix("/" + old) else { return nil }
        return path.dropLast(old.count) + new + destination[fragmentStart...]
    }

    /// The status lines (first and last, 1-based) in a status section: the first line
    /// that is not a link line and the non-link lines of its paragraph after it.
    private static func statusLine(in section: RecordLayout.Section, layout: RecordLayout)
        -> (first: Int, last: Int)?
    {
        for index in section.blockIndices {
            let lines = layout.textLines(in: index..<(index + 1))
            guard
                let first = lines.firstIndex(where: {
                    !$0.text.trimmingWhitespace.isEmpty
                        && layout.linkLine($0) == nil
                })
            else { continue }
            var last = first
            while last + 1 < lines.count,
                layout.linkLine(lines[last + 1]) == nil,
                layout.source.document.blocks[index].kind == .paragraph
            {
                last += 1
            }
            return (lines[first].line, lines[last].line)
        }
        return nil
    }

    /// Appends lines as a new paragraph, with one blank line before it.
    private static func appendParagraph(_ lines: [String], to source: inout RecordSource) {
        let endsBlank = source.lines.last.map { $0.content.trimmingWhitespace.isEmpty } ?? true
        source.insert((endsBlank ? [] : [""]) + lines, before: source.lines.count + 1)
    }

    /// Gives `new` the case style of `old`: lower-case, upper-case, or capitalised.
    static func styled(_ new: String, like old: String) -> String {
        guard let first = old.first(where: \.isLetter) else { return new }
        let letters = old.prefix { !$0.isWhitespace }.filter(\.isLetter)
        if letters.count > 1, letters.allSatisfy(\.isUppercase) { return new.uppercased() }
        if first.isLowercase { return new.prefix(1).lowercased() + new.dropFirst() }
        return new.prefix(1).uppercased() + new.dropFirst()
    }

    /// Replaces the value of a `key: value  # comment` line, keeping key, spacing, quote
    /// style and comment.
    static func settingYAMLValue(_ value: String, in line: String) -> String {
        guard let match = line.wholeMatch(of: /(\s*[\w-]+\s*:\s*)(.*?)(\s+#.*)?/) else {
            return line
        }
        return match.1 + yamlScalar(value, like: String(match.2)) + (match.3 ?? "")
    }

    /// `value` as a YAML scalar, quoted like `old` was, or double-quoted when plain text
    /// would not read back as the same string.
    static func yamlScalar(_ value: String, like old: String) -> String {
        let styledValue = old.isEmpty ? value : styled(value, like: old)
        if old.hasPrefix("'") {
            return "'" + styledValue.replacing("'", with: "''") + "'"
        }
        let needsQuotes =
            old.hasPrefix("\"") || styledValue.contains(": ") || styledValue.contains(" #")
            || styledValue.first.map { "[]{}&*!|>'\"%@`#,?:-".contains($0) } ?? true
        guard needsQuotes else { return styledValue }
        let escaped = styledValue.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return "\"" + escaped + "\""
    }
}

/// A record number as adr-tools writes it: at least four digits.
private func zeroPadded(_ number: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

import ADRMarkdown

/// A record's text split into lines that remember their own terminators, so an edit can
/// change some lines and give back every other byte unchanged.
struct RecordSource {
    struct Line {
        var content: String
        /// `"\n"`, `"\r\n"`, or `""` for a last line without one.
        var terminator: String
    }

    var hasBOM: Bool
    /// Line `n` (1-based, as in warnings) is `lines[n - 1]`.
    var lines: [Line]
    /// First and last line of a YAML front matter, both `---` (or `...` to close).
    var frontMatter: ClosedRange<Int>?
    /// Whether a front matter was opened but never closed.
    var frontMatterUnclosed: Bool
    /// The Markdown after the front matter, with line numbers of the whole file.
    var document: MarkdownDocument

    init(text: String) {
        var text = text
        (hasBOM, lines) = text.withUTF8(Self.splitLines)
        let bodyStart: Int
        (bodyStart, frontMatter, frontMatterUnclosed) = Self.locateFrontMatter(in: lines)
        let markdown = Self.body(of: text, hasBOM: hasBOM, lines: lines, bodyStart: bodyStart)
        document = MarkdownDocument(parsing: markdown, lineOffset: bodyStart)
    }

    /// The Markdown of `text` after its front matter, with line feeds only: what
    /// `document` is parsed from.
    static func body(of text: String) -> String {
        var text = text
        let (hasBOM, lines) = text.withUTF8(Self.splitLines)
        let bodyStart = Self.locateFrontMatter(in: lines).bodyStart
        return body(of: text, hasBOM: hasBOM, lines: lines, bodyStart: bodyStart)
    }

    private static func body(of text: String, hasBOM: Bool, lines: [Line], bodyStart: Int)
        -> String
    {
        // A file without front matter, BOM or CR is its own Markdown; no need to rebuild it.
        let isPlain = bodyStart == 0 && !hasBOM && !text.containsByte(UInt8(ascii: "\r"))
        return isPlain
            ? (text.utf8.last == UInt8(ascii: "\n") ? text : text + "\n")
            : Self.markdown(lines[min(bodyStart, lines.count)...])
    }

    /// Splits UTF-8 text at each LF; a CR just before the LF belongs to the terminator, any
    /// other CR to the content. Works on bytes: both are ASCII, so no split falls inside a
    /// character, and stepping through `Character`s cost more than the rest of the parse.
    private static func splitLines(_ bytes: UnsafeBufferPointer<UInt8>) -> (Bool, [Line]) {
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        var lines: [Line] = []
        var start = hasBOM ? 3 : 0
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                lines.append(Line(content: text(start..<bytes.count), terminator: ""))
                break
            }
            let hasCR = newline > start && bytes[newline - 1] == UInt8(ascii: "\r")
            lines.append(
                Line(
                    content: text(start..<(hasCR ? newline - 1 : newline)),
                    terminator: hasCR ? "\r\n" : "\n"
                )
            )
            start = newline + 1
        }
        return (hasBOM, lines)
    }

    /// The text for cmark: LF only, and a lone CR dropped so cmark counts the same lines.
    private static func markdown(_ lines: ArraySlice<Line>) -> String {
        var result = ""
        result.reserveCapacity(lines.reduce(0) { $0 + $1.content.utf8.count + 1 })
        for line in lines {
            if line.content.containsByte(UInt8(ascii: "\r")) {
                result += line.content.replacing("\r", with: "")
            } else {
                result += line.content
            }
            result += "\n"
        }
        return lines.isEmpty ? "\n" : result
    }

    /// Finds a front matter after any blank lines and HTML comments (SPDX headers, linter
    /// pragmas): the number of lines before the Markdown body, the front matter's lines,
    /// and whether it was left open.
    private static func locateFrontMatter(in lines: [Line])
        -> (bodyStart: Int, frontMatter: ClosedRange<Int>?, unclosed: Bool)
    {
        var index = 0
        var inComment = false
        while index < lines.count {
            let text = lines[index].content.trimmingWhitespace
            if inComment {
                inComment = !text.containsBytes("-->")
            } else if text.hasPrefix("<!--") {
                inComment = !text.containsBytes("-->")
            } else if !text.isEmpty {
                break
            }
            index += 1
        }
        guard index < lines.count, lines[index].content.trimmingTrailingWhitespace == "---" else {
            return (0, nil, false)
        }
        for closing in (index + 1)..<lines.count {
            let text = lines[closing].content.trimmingTrailingWhitespace
            if text == "---" || text == "..." {
                return (closing + 1, (index + 1)...(closing + 1), false)
            }
        }
        return (0, nil, true)
    }

    /// The line ending new lines should use: CRLF when the file already uses it.
    var newline: String {
        lines.first { !$0.terminator.isEmpty }?.terminator ?? "\n"
    }

    /// The content of 1-based line `number`, or `""` past the end.
    func content(_ number: Int) -> String {
        number >= 1 && number <= lines.count ? lines[number - 1].content : ""
    }

    /// The last line at or before `number` that is not blank.
    func lastContentLine(upTo number: Int) -> Int {
        var line = number
        while line > 1, content(line).trimmingWhitespace.isEmpty { line -= 1 }
        return line
    }

    /// The YAML between the front matter fences.
    var frontMatterYAML: String? {
        guard let frontMatter else { return nil }
        return lines[frontMatter.lowerBound..<(frontMatter.upperBound - 1)]
            .map(\.content).joined(separator: "\n") + "\n"
    }

    /// The text again, byte for byte as given unless lines were changed.
    var text: String {
        var result = hasBOM ? "\u{FEFF}" : ""
        for line in lines { result += line.content + line.terminator }
        return result
    }

    /// Inserts `contents` as new lines before 1-based line `number` (`lines.count + 1`
    /// appends), giving a last line without a terminator one first.
    mutating func insert(_ contents: [String], before number: Int) {
        let newline = self.newline
        if number > lines.count, let last = lines.indices.last, lines[last].terminator.isEmpty {
            lines[last].terminator = newline
        }
        let new = contents.map { Line(content: $0, terminator: newline) }
        lines.insert(contentsOf: new, at: min(number - 1, lines.count))
    }
}

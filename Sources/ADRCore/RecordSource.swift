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
    var frontMatterUnclosed = false
    /// The Markdown after the front matter, with line numbers of the whole file.
    var document: MarkdownDocument

    init(text: String) {
        var scalars = Substring(text).unicodeScalars[...]
        hasBOM = scalars.first == "\u{FEFF}"
        if hasBOM { scalars = scalars.dropFirst() }
        var lines: [Line] = []
        var current = String.UnicodeScalarView()
        var pendingCR = false
        for scalar in scalars {
            if scalar == "\n" {
                lines.append(Line(content: String(current), terminator: pendingCR ? "\r\n" : "\n"))
                current = String.UnicodeScalarView()
                pendingCR = false
                continue
            }
            if pendingCR { current.append("\r") }
            pendingCR = scalar == "\r"
            if !pendingCR { current.append(scalar) }
        }
        if pendingCR { current.append("\r") }
        if !current.isEmpty { lines.append(Line(content: String(current), terminator: "")) }
        self.lines = lines
        document = MarkdownDocument(parsing: "")
        let bodyStart = locateFrontMatter()
        document = MarkdownDocument(
            parsing: Self.markdown(lines[min(bodyStart, lines.count)...]), lineOffset: bodyStart)
    }

    /// The text for cmark: LF only, and a lone CR dropped so cmark counts the same lines.
    private static func markdown(_ lines: ArraySlice<Line>) -> String {
        lines.map { line in
            line.content.utf8.contains(UInt8(ascii: "\r")) ? line.content.replacing("\r", with: "") : line.content
        }.joined(separator: "\n") + "\n"
    }

    /// Finds a front matter after any blank lines and HTML comments (SPDX headers, linter
    /// pragmas); returns the number of lines before the Markdown body.
    private mutating func locateFrontMatter() -> Int {
        var index = 0
        var inComment = false
        while index < lines.count {
            let text = lines[index].content.trimmingWhitespace
            if inComment {
                inComment = !text.contains("-->")
            } else if text.hasPrefix("<!--") {
                inComment = !text.contains("-->")
            } else if !text.isEmpty {
                break
            }
            index += 1
        }
        guard index < lines.count, lines[index].content.trimmingTrailingWhitespace == "---" else {
            return 0
        }
        for closing in (index + 1)..<lines.count {
            let text = lines[closing].content.trimmingTrailingWhitespace
            if text == "---" || text == "..." {
                frontMatter = (index + 1)...(closing + 1)
                return closing + 1
            }
        }
        frontMatterUnclosed = true
        return 0
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

extension StringProtocol {
    var trimmingWhitespace: String {
        String(trimmingTrailingWhitespace.drop { $0.isWhitespace })
    }

    var trimmingTrailingWhitespace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}

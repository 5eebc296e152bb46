extension DecisionRecord {
    /// Whether a file in a log's folder is a record rather than a README, template, image
    /// or configuration file. The one place this rule lives.
    ///
    /// `.md` files are records unless named like an index or template; `.md.md` counts;
    /// a file without extension counts when its name starts with a record number.
    public static func isLikelyRecord(fileName: String) -> Bool {
        let lowered = fileName.lowercased()
        let stem: String
        if lowered.hasSuffix(".md") {
            stem = String(lowered.dropLast(3))
        } else if lowered.hasSuffix(".markdown") {
            stem = String(lowered.dropLast(9))
        } else if !lowered.containsByte(UInt8(ascii: ".")) {
            return RecordScan.hasNumberedPrefix(lowered, anyCase: false)
        } else {
            return false
        }
        if lowered.hasPrefix(".") { return false }
        // A numbered file is a record whatever its slug (`0005-template-for-emails.md`, as
        // `adr new Template for emails` names it); templates are unnumbered or number 0.
        if (number(fromFileName: fileName) ?? 0) == 0, isTemplateName(stem) { return false }
        return !notRecordStems.contains(stem)
    }

    /// The stems of the other Markdown files a log folder holds.
    private static let notRecordStems: Set<String> = [
        "readme", "index", "toc", "summary", "changelog", "license", "contributing", "",
    ]

    /// `template`, `0000-template`, `adr-template`, `template-madr`: a template, not a
    /// record, unless numbered. A record about templates (`0004-embed-templates`) is one.
    private static func isTemplateName(_ stem: String) -> Bool {
        // Splitting into words is slow; most names cannot hold the word at all.
        guard stem.containsBytes("template") else { return false }
        let words = stem.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        let meaningful = words.filter { !$0.allSatisfy(\.isNumber) && $0 != "adr" }
        return meaningful.first == "template" || meaningful.last == "template"
    }

    /// Whether the file at `path` (relative to the log) is a record; a folder-per-record
    /// log's `<0001-slug>/index.md` or `README.md` is one when its folder is named like one.
    public static func isLikelyRecord(path: String) -> Bool {
        let components = path.split(separator: "/").map(String.init)
        guard let last = components.last else { return false }
        let lowered = last.lowercased()
        if lowered == "index.md" || lowered == "readme.md" {
            guard components.count > 1 else { return false }
            let folder = components[components.count - 2]
            return RecordScan.hasNumberedPrefix(folder, anyCase: true)
        }
        return isLikelyRecord(fileName: last)
    }

    /// The name that identifies the record at `path`: its file name, or for
    /// `<slug>/index.md` and `<slug>/README.md` the folder's name.
    public static func recordName(path: String) -> String {
        // Split as bytes: `/` is ASCII, and this runs for every record read.
        let components = path.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        guard let last = components.last else { return path }
        let lowered = last.lowercased()
        if (lowered == "index.md" || lowered == "readme.md") && components.count > 1 {
            return components[components.count - 2]
        }
        return last
    }

    /// The record number a file name carries (`0001-x.md`, `005-x.md`, `adr-001-x.md`,
    /// `adr001-x.md`, `001. Title.md`); `nil` for log4brains' `YYYYMMDD-slug.md` date
    /// prefixes, which are not numbers.
    public static func number(fromFileName name: String) -> Int? {
        RecordScan.fileNumber(name).flatMap(RecordFileName.bounded)
    }

    /// A readable title from a file or folder name: number and extension dropped, dashes
    /// and underscores as spaces, first letter capitalised.
    public static func title(fromName name: String) -> String {
        var stem = Substring(name)
        while let dot = stem.lastIndex(of: "."),
            ["md", "markdown"].contains(stem[stem.index(after: dot)...].lowercased())
        {
            stem = stem[..<dot]
        }
        if let match = stem.prefixMatch(of: RecordPatterns.numberedStemPrefix) {
            stem = stem[match.range.upperBound...]
        }
        let words = stem.split { $0 == "-" || $0 == "_" || $0 == " " }.joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

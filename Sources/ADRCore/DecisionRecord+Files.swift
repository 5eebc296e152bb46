extension DecisionRecord {
    /// Whether a file in a log's folder is a record rather than a README, template, image
    /// or configuration file. The one place this rule lives.
    ///
    /// `.md` files are records unless named like an index or template; `.md.md` counts;
    /// a file without extension counts when its name starts with a record number.
    public static func isLikelyRecord(fileName: String) -> Bool {
        // Looked at as bytes: this runs for every file of the log in every command, and
        // the extension, the dot and the words looked for are ASCII.
        var name = fileName
        return name.withUTF8 { bytes in
            func endsWith(_ suffix: String) -> Bool {
                let suffix = Array(suffix.utf8)
                guard bytes.count >= suffix.count else { return false }
                return zip(bytes[(bytes.count - suffix.count)...], suffix).allSatisfy {
                    asciiLowercased($0) == $1
                }
            }
            let stemLength: Int
            if endsWith(".md") {
                stemLength = bytes.count - 3
            } else if endsWith(".markdown") {
                stemLength = bytes.count - 9
            } else if !bytes.contains(UInt8(ascii: ".")) {
                return RecordScan.hasNumberedPrefix(fileName, anyCase: true)
            } else {
                return false
            }
            if bytes.first == UInt8(ascii: ".") { return false }
            // A numbered file is a record whatever its slug (`0005-template-for-emails.md`,
            // as `adr new Template for emails` names it), and no stem of `notRecordStems`
            // has a number; templates are unnumbered or number 0.
            if (number(fromFileName: fileName) ?? 0) != 0 { return true }
            let stemBytes = bytes[..<stemLength]
            let mayBeTemplate = containsWord("template", in: stemBytes)
            // No other stem is longer than `contributing`.
            guard mayBeTemplate || stemLength <= 12 else { return true }
            let stem = String(decoding: stemBytes, as: UTF8.self).lowercased()
            if mayBeTemplate, isTemplateName(stem) { return false }
            return !notRecordStems.contains(stem)
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether `word` (lowercase ASCII) occurs in `bytes`, in any case.
    private static func containsWord(
        _ word: String,
        in bytes: Slice<UnsafeBufferPointer<UInt8>>
    ) -> Bool {
        let word = Array(word.utf8)
        guard bytes.count >= word.count else { return false }
        var start = bytes.startIndex
        while start + word.count <= bytes.endIndex {
            if asciiLowercased(bytes[start]) == word[0],
                zip(bytes[start..<(start + word.count)], word).allSatisfy({
                    asciiLowercased($0) == $1
                })
            {
                return true
            }
            start += 1
        }
        return false
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
        // Found from the end in the path's bytes (`/` is ASCII), without splitting it: this
        // runs several times for every record of an audit.
        guard path.utf8.contains(UInt8(ascii: "/")) else { return path }
        var path = path
        return path.withUTF8 { bytes in
            guard let last = lastComponent(of: bytes, before: bytes.count) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var name = last
            if isFolderIndex(UnsafeBufferPointer(rebasing: bytes[last])),
                let folder = lastComponent(of: bytes, before: last.lowerBound)
            {
                name = folder
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self)
        }
    }

    /// The offsets of the last non-empty `/`-separated component of `bytes` before `end`.
    private static func lastComponent(of bytes: UnsafeBufferPointer<UInt8>, before end: Int)
        -> Range<Int>?
    {
        let slash = UInt8(ascii: "/")
        var upper = end
        while upper > 0, bytes[upper - 1] == slash { upper -= 1 }
        guard upper > 0 else { return nil }
        var lower = upper
        while lower > 0, bytes[lower - 1] != slash { lower -= 1 }
        return lower..<upper
    }

    /// `index.md` or `README.md` in any case. ASCII case folding is enough: no other
    /// character lowercases to one of these letters.
    private static func isFolderIndex(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count == 8 || name.count == 9 else { return false }
        let lowered = name.lazy.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return lowered.elementsEqual("index.md".utf8) || lowered.elementsEqual("readme.md".utf8)
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

/// One file of a decision log: where it is, what it says, and what was read from it.
public struct LogEntry: Sendable, Hashable {
    /// The path relative to the log folder (`0001-x.md`, or `use-x/index.md` for a log with
    /// a folder per record).
    public var fileName: String
    /// The full text as read.
    public var text: String
    public var record: DecisionRecord

    public init(fileName: String, text: String, record: DecisionRecord) {
        self.fileName = fileName
        self.text = text
        self.record = record
    }

    /// The record's identity: its file name without `.md`, or its folder's name.
    public var id: String {
        // Split as bytes: a site asks for every record's id many times, and splitting the
        // string itself compares whole characters.
        let components = fileName.utf8.split(separator: UInt8(ascii: "/")).map(Substring.init)
        if components.count > 1, let last = components.last,
            ["index.md", "readme.md"].contains(last.lowercased())
        {
            return String(components[components.count - 2])
        }
        let name = String(components.last ?? Substring(fileName))
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// The text links to this record show: the H1 as written, else the title.
    public var linkText: String { record.heading ?? record.title }
}

/// A REF that names no record, or several.
public struct ReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reference: String
    public var candidates: [String]

    public var description: String {
        if candidates.isEmpty { return "no record matches \"\(reference)\"" }
        return "\"\(reference)\" matches several records: \(candidates.joined(separator: ", "))"
    }
}

/// All the records of one log folder, in file-name order (the order `adr list` prints).
public struct DecisionLog: Sendable, Hashable {
    public private(set) var entries: [LogEntry]

    /// `entries` in numeric order, so `0011-x.md` among `00-a.md`, `01-b.md` does not sort
    /// between them; names without a number (log4brains' dates) after, by name.
    public init(entries: [LogEntry]) {
        let keys = entries.map { entry in
            DecisionRecord.number(fromFileName: DecisionRecord.recordName(path: entry.fileName))
                ?? Int.max
        }
        func precedes(_ left: Int, _ right: Int) -> Bool {
            (keys[left], entries[left].fileName) < (keys[right], entries[right].fileName)
        }
        // A tree lists zero-padded names in this order already: then nothing moves. The
        // keys are sorted, not the entries, which are large.
        if entries.indices.dropFirst().allSatisfy({ !precedes($0, $0 - 1) }) {
            self.entries = entries
        } else {
            self.entries = entries.indices.sorted(by: precedes).map { entries[$0] }
        }
    }

    /// Numbers more than one record carries, each with those records' file names.
    public var duplicateNumbers: [Int: [String]] {
        var seen = Set<Int>()
        var repeated = Set<Int>()
        for entry in entries {
            guard let number = entry.record.number else { continue }
            if !seen.insert(number).inserted { repeated.insert(number) }
        }
        guard !repeated.isEmpty else { return [:] }
        var names: [Int: [String]] = [:]
        for entry in entries {
            guard let number = entry.record.number, repeated.contains(number) else { continue }
            names[number, default: []].append(entry.fileName)
        }
        return names
    }

    /// The number a new record gets: one more than the highest number in the log.
    public var nextNumber: Int {
        // A number out of range is not a record's to continue from (and could overflow).
        (entries.compactMap(\.record.number).filter(RecordFileName.numbers.contains).max() ?? 0)
            + 1
    }

    /// The spelling the log already uses for supersede links; adr-tools logs keep
    /// `Superceded`, others get the dictionary spelling.
    public var linkSpelling: LinkSpelling? {
        for entry in entries {
            for link in entry.record.links {
                let type = link.type.lowercased()
                if type.hasPrefix("superced") { return .superceded }
                if type.hasPrefix("supersed") { return .superseded }
            }
        }
        return nil
    }

    /// The record a user's REF names: a number (`7`, `0007`, `ADR-7`), a file name, an id
    /// or a path relative to the log folder. Throws when it names none or several.
    public func entry(matching reference: String) throws(ReferenceError) -> LogEntry {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        var number = trimmed
        for prefix in ["adr-", "adr", "#"] where number.lowercased().hasPrefix(prefix) {
            number = String(number.dropFirst(prefix.count))
        }
        let matches: [LogEntry]
        if let wanted = Int(number), number.allSatisfy({ $0.isASCII && $0.isNumber }) {
            matches = entries.filter { $0.record.number == wanted }
        } else {
            let name = trimmed.hasPrefix("./") ? String(trimmed.dropFirst(2)) : trimmed
            let exact = entries.filter {
                $0.fileName == name || $0.id == name || $0.fileName.hasSuffix("/" + name)
            }
            matches =
                exact.isEmpty
                ? entries.filter { $0.id.lowercased().contains(name.lowercased()) } : exact
        }
        guard matches.count == 1, let match = matches.first else {
            throw ReferenceError(reference: reference, candidates: matches.map(\.fileName))
        }
        return match
    }

    /// The entry a link points at, resolving its destination relative to the linking file.
    public func target(of link: RecordLink, from source: LogEntry) -> LogEntry? {
        guard let fileName = Self.logRelativePath(of: link.target, from: source.fileName) else {
            return nil
        }
        return entries.first { $0.fileName == fileName }
    }

    /// Links from other records that point at `entry`.
    public func incomingLinks(to entry: LogEntry) -> [(source: LogEntry, link: RecordLink)] {
        entries.flatMap { source in
            source.record.links.filter { target(of: $0, from: source)?.fileName == entry.fileName }
                .map { (source: source, link: $0) }
        }
    }

    /// The destination to write in `source` for a link to `target`: the bare file name
    /// when both sit in one folder, as adr-tools writes it.
    public static func linkDestination(from source: String, to target: String) -> String {
        let sourceFolder = source.split(separator: "/").dropLast()
        let targetParts = target.split(separator: "/")
        var common = 0
        while common < sourceFolder.count, common < targetParts.count - 1,
            sourceFolder[common] == targetParts[common]
        {
            common += 1
        }
        let ups = Array(repeating: "..", count: sourceFolder.count - common)
        return (ups + targetParts[common...].map(String.init)).joined(separator: "/")
    }

    /// A link destination resolved against the folder of `source` (both relative to the
    /// same root: the log folder here, the repository for the site), or `nil` for URLs,
    /// anchors-only links and paths leaving that root.
    public static func logRelativePath(of destination: String, from source: String) -> String? {
        var path = destination
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if path.isEmpty || path.contains("://") || path.hasPrefix("/") { return nil }
        // Foundation's decoding is slow, and only a path holding a `%` has anything to decode.
        if path.utf8.contains(UInt8(ascii: "%")) { path = path.removingPercentEncoding ?? path }
        var parts = source.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}

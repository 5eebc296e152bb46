public import ADRCore
import Foundation

/// Everything an audit looks at, read by the caller: the rules do no I/O.
public struct AuditInput: Sendable {
    /// The log being audited: at `HEAD`, or the working tree.
    public var log: AuditedLog
    /// Paths (relative to the repository root) that links of `log` point to outside the
    /// log and that exist; see ``AuditedLog/linkedFiles``.
    public var existingFiles: Set<String>
    /// What `--base` compares with, when given.
    public var base: AuditBase?
    /// The history of every record, for `--history` and the approval rules; `nil` when not
    /// read.
    public var histories: [RecordHistory]?
    /// The approvals of the records that need them, judged against their history, by the
    /// record's path; `nil` when approvals were not read.
    public var approvals: [String: [ApprovalState]]?
    public var approvalSettings: Configuration.ApprovalSettings
    /// Who may approve (names or emails), when `.adr.yml` says; `nil` means anyone.
    public var approvers: [String]?
    /// `--history`: report every commit of the history that broke a rule.
    public var includesHistory: Bool

    public init(
        log: AuditedLog,
        existingFiles: Set<String> = [],
        base: AuditBase? = nil,
        histories: [RecordHistory]? = nil,
        approvals: [String: [ApprovalState]]? = nil,
        approvalSettings: Configuration.ApprovalSettings = .init(),
        approvers: [String]? = nil,
        includesHistory: Bool = false
    ) {
        self.log = log
        self.existingFiles = existingFiles
        self.base = base
        self.histories = histories
        self.approvals = approvals
        self.approvalSettings = approvalSettings
        self.approvers = approvers
        self.includesHistory = includesHistory
    }
}

/// The log at the merge base of `--base REF` and `HEAD`, and what REF gained since.
public struct AuditBase: Sendable {
    /// The reference as the user gave it (`origin/main`), for messages.
    public var name: String
    /// The log at the merge base.
    public var log: AuditedLog
    /// The records' paths at REF's tip (relative to the repository root).
    public var tipRecordPaths: [String]
    /// The status each record added on this branch had when it first appeared (by its path
    /// now); a record missing here is taken as first appearing as it is now.
    public var firstStatuses: [String: RecordStatus?]

    public init(
        name: String,
        log: AuditedLog,
        tipRecordPaths: [String] = [],
        firstStatuses: [String: RecordStatus?] = [:]
    ) {
        self.name = name
        self.log = log
        self.tipRecordPaths = tipRecordPaths
        self.firstStatuses = firstStatuses
    }
}

/// A log with what an audit reads of each record's text: read ahead for the records that
/// have links, and on demand for the few others a finding needs the lines of.
public struct AuditedLog: Sendable {
    public var log: DecisionLog
    /// Facts read ahead, by the record's path (``DecisionRecord/path``, relative to the
    /// repository root).
    public var knownFacts: [String: RecordFacts]
    /// The records whose text was not read, by path: their record and facts came from the
    /// records cache (keyed by blob, so they are the text's), and their ``LogEntry/text`` is
    /// empty. Their facts are among ``knownFacts``. With a base, a record whose text is
    /// unread at `HEAD` has the same blob at the merge base, where it is the same entry: the
    /// caller reads the text of every record that differs from the base's.
    public var unreadTexts: Set<String>
    /// The index in ``entries`` of the record at each path (the first, should two share
    /// one).
    private var indexByPath: [String: Int]

    /// Reads the facts of every record that may have links.
    public init(_ log: DecisionLog) {
        var facts: [String: RecordFacts] = [:]
        for entry in log.entries where RecordFacts.mayHaveLinks(entry.text) {
            facts[entry.record.path] = RecordFacts(parsing: entry.text)
        }
        self.init(log, facts: facts)
    }

    /// A log whose facts the caller read already (on every core, say); those of records
    /// that may have links must be among them.
    public init(
        _ log: DecisionLog,
        facts: [String: RecordFacts],
        unreadTexts: Set<String> = []
    ) {
        self.log = log
        knownFacts = facts
        self.unreadTexts = unreadTexts
        var indexByPath = [String: Int](minimumCapacity: log.entries.count)
        // From the last, so that the first of two records at one path wins.
        for index in log.entries.indices.reversed() {
            indexByPath[log.entries[index].record.path] = index
        }
        self.indexByPath = indexByPath
    }

    public var entries: [LogEntry] { log.entries }

    /// The index in ``entries`` of the record at `path`.
    func index(ofPath path: String) -> Int? { indexByPath[path] }

    /// The facts of the record at `path`: read ahead, else read now.
    public func facts(of path: String) -> RecordFacts? {
        if let known = knownFacts[path] { return known }
        return indexByPath[path].map { RecordFacts(parsing: log.entries[$0].text) }
    }

    /// The links of the record at `path`, without a parse when it has none.
    func links(of entry: LogEntry) -> [TextLink] {
        if entry.text.isEmpty, unreadTexts.contains(entry.record.path) {
            return knownFacts[entry.record.path]?.links ?? []
        }
        guard RecordFacts.mayHaveLinks(entry.text) else { return [] }
        return facts(of: entry.record.path)?.links ?? []
    }

    /// Paths (relative to the repository root) of the local files the records link to
    /// that are not records of the log: the caller says which exist.
    public var linkedFiles: Set<String> {
        var paths = Set<String>()
        for entry in entries {
            for link in links(of: entry) {
                if let path = AuditPaths.resolve(link.destination, from: entry.record.path),
                    indexByPath[path] == nil
                {
                    paths.insert(path)
                }
            }
        }
        return paths
    }
}

/// Link destinations as paths relative to the repository root.
public enum AuditPaths {
    /// `destination` (as written in the file at `source`) relative to the repository root;
    /// `nil` for URLs, anchors, absolute paths and paths leaving the repository.
    public static func resolve(_ destination: String, from source: String) -> String? {
        if let simple = plainSibling(destination, from: source) { return simple }
        var path = destination
        // Foundation's trimming and percent decoding cost most of an audit when run on
        // every link: only links that need them get them.
        if path.first?.isWhitespace == true || path.last?.isWhitespace == true {
            path = path.trimmingCharacters(in: .whitespaces)
        }
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            path = String(path[..<cut])
        }
        if path.isEmpty || path.hasPrefix("/") || hasScheme(path) { return nil }
        if path.contains("%") { path = path.removingPercentEncoding ?? path }
        var parts = source.split(separator: "/").dropLast()
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// The common case, in bytes: a plain file name (no `/`, `%`, `#`, `?`, `:`, blank, nor
    /// a name of only dots) beside an ASCII source inside a folder, which resolves to that
    /// folder joined with the name. `nil` when `destination` needs the full rules. (String
    /// slicing and searching cost a quarter of an audit of a log with many links.)
    private static func plainSibling(_ destination: String, from source: String) -> String? {
        var destination = destination
        var source = source
        return destination.withUTF8 { name -> String? in
            var onlyDots = true
            for byte in name {
                switch byte {
                case UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "?"),
                    UInt8(ascii: ":"), UInt8(ascii: "\\"), 0...0x20, 0x7F...:
                    return nil
                case UInt8(ascii: "."): break
                default: onlyDots = false
                }
            }
            guard !name.isEmpty, !onlyDots else { return nil }
            return source.withUTF8 { path -> String? in
                let slash = UInt8(ascii: "/")
                guard path.allSatisfy({ $0 < 0x80 }), let last = path.lastIndex(of: slash) else {
                    return nil
                }
                // A folder that splitting would change (an empty component) takes the full
                // rules.
                guard last > 0, path[0] != slash, path[last - 1] != slash,
                    !(1..<last).contains(where: { path[$0] == slash && path[$0 - 1] == slash })
                else { return nil }
                return String(unsafeUninitializedCapacity: last + 1 + name.count) { text in
                    for index in 0...last { text[index] = path[index] }
                    for index in name.indices { text[last + 1 + index] = name[index] }
                    return last + 1 + name.count
                }
            }
        }
    }

    /// `https:`, `mailto:`, `ftp:` and the like.
    private static func hasScheme(_ path: String) -> Bool {
        guard let colon = path.firstIndex(of: ":") else { return false }
        let scheme = path[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0))
        }
    }
}

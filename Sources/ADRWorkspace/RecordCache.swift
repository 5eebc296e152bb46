import ADRCore
import Foundation

/// What was read from each record file, keyed by its path and what `stat` says of it (size,
/// modification and change times, inode), kept in `<git dir>/adr/records-cache` so that
/// `adr list`, `generate toc` and `show` over a large log neither read nor parse the
/// records that did not change (decision 15).
///
/// As git's index does, a file modified within the last two seconds before a run is not
/// stored ("racy"): an edit in the same clock tick as the cache could otherwise keep the
/// same times. Records read from a commit (`adr audit`) are kept in a file of their own,
/// `<git dir>/adr/committed-records-cache`, keyed by path and blob id, which name their
/// contents exactly, with their ``RecordFacts`` for the audit (a Markdown parse each, a
/// third of an audit of a large log): neither kind of command reads the other's records.
/// Anything unexpected in the file means "no cache".
struct RecordCache {
    static let version = 5
    private(set) var records: [String: (status: FileStatus, record: DecisionRecord)] = [:]
    /// The facts of records read from commits, by blob key.
    private(set) var facts: [String: RecordFacts] = [:]
    private(set) var isStale = false

    /// The cache file for the repository holding `folder`: in its git directory, found
    /// without libgit2 (a `.git` folder, or a `.git` file naming one), or `nil` outside a
    /// repository.
    static func path(forLogIn folder: String, environment: [String: String]) -> String? {
        if let gitDirectory = environment["GIT_DIR"], !gitDirectory.isEmpty {
            return PathText.join(gitDirectory, "adr/records-cache")
        }
        guard let root = LogLocation.repositoryRoot(from: folder) else { return nil }
        let dotGit = PathText.join(root, ".git")
        if FileStore.isDirectory(dotGit) { return PathText.join(dotGit, "adr/records-cache") }
        // A linked worktree or a submodule: `.git` is a file naming the git directory.
        guard let text = try? FileStore.read(dotGit), text.hasPrefix("gitdir:") else {
            return nil
        }
        let named = text.dropFirst("gitdir:".count)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return PathText.join(PathText.absolute(named, from: root), "adr/records-cache")
    }

    /// The cache of records read from commits, in the git directory `gitDirectory`.
    static func committedPath(inGitDirectory gitDirectory: String) -> String {
        PathText.join(gitDirectory, "adr/committed-records-cache")
    }

    static func load(from path: String) -> RecordCache {
        var cache = RecordCache()
        guard let data = FileManager.default.contents(atPath: path) else { return cache }
        let ok = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let lines = raw.bindMemory(to: UInt8.self)
                .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            guard let header = lines.first,
                String(decoding: header, as: UTF8.self) == "adr-records-cache\t\(version)"
            else { return false }
            for line in lines.dropFirst() {
                var fields = CacheFields(line)
                guard let name = fields.string(), let size = fields.integer(),
                    let modified = fields.integer(), let changed = fields.integer(),
                    let inode = fields.unsignedInteger(),
                    let record = record(from: &fields), let known = facts(from: &fields),
                    fields.isAtEnd
                else { return false }
                if let known { cache.facts[name] = known }
                let status = FileStatus(
                    size: size,
                    modified: modified,
                    changed: changed,
                    inode: inode
                )
                cache.records[name] = (status, record)
            }
            return true
        }
        return ok ? cache : RecordCache()
    }

    /// The record read before from `name` when the file has not changed since.
    func record(named name: String, status: FileStatus) -> DecisionRecord? {
        guard let known = records[name], known.status == status else { return nil }
        return known.record
    }

    /// Records what `name` holds, unless it changed too recently to tell a later edit apart.
    mutating func store(
        _ record: DecisionRecord,
        named name: String,
        status: FileStatus,
        now: Int64
    ) {
        // git's racy rule looks at the modification time alone; the change time is still
        // part of the key, so a later `touch` or metadata change is seen.
        guard now - status.modified > 2_000_000_000 else { return }
        if let known = records[name], known.status == status, known.record == record { return }
        records[name] = (status, record)
        isStale = true
    }

    /// Keeps only `names` (the files of the log now), so the cache never grows past the
    /// log.
    mutating func keepOnly(_ names: Set<String>) {
        let before = records.count
        let nothingToDrop =
            facts.isEmpty && before <= names.count && records.keys.allSatisfy(names.contains)
        guard !nothingToDrop else { return }
        records = records.filter { names.contains($0.key) }
        facts = [:]
        if records.count != before { isStale = true }
    }

    // MARK: Records read from commits

    /// The key of the record at `path` (from the repository root) with blob `blob`.
    static func blobKey(path: String, blob: String) -> String { "blob:" + path + ":" + blob }

    /// Blob keys need no file status: the id names the contents.
    private static let committed = FileStatus(size: -1, modified: 0, changed: 0, inode: 0)

    /// The record read before from the blob `key` names.
    func record(forBlob key: String) -> DecisionRecord? {
        records[key]?.record
    }

    /// The facts stored with the blob `key` names.
    func facts(forBlob key: String) -> RecordFacts? {
        facts[key]
    }

    /// Stores what the blob `key` names holds, with its facts when they were read.
    mutating func store(_ record: DecisionRecord, facts: RecordFacts? = nil, forBlob key: String) {
        if records[key]?.record == record, self.facts[key] == facts { return }
        records[key] = (Self.committed, record)
        self.facts[key] = facts
        isStale = true
    }

    /// Keeps only `keys` of the records read from commits.
    mutating func keepOnlyBlobs(_ keys: Set<String>) {
        let before = records.count
        records = records.filter { keys.contains($0.key) }
        facts = facts.filter { keys.contains($0.key) }
        if records.count != before { isStale = true }
    }

    /// Writes through a temporary file renamed over the cache; a failure only costs the
    /// next run some parsing.
    func save(to path: String) {
        var text = "adr-records-cache\t\(Self.version)\n"
        for (name, known) in records.sorted(by: { $0.key < $1.key }) {
            let status = known.status
            let fields =
                [
                    name, String(status.size), String(status.modified), String(status.changed),
                    String(status.inode),
                ] + Self.fields(of: known.record) + Self.fields(of: facts[name])
            text += fields.map(CacheLine.escaped).joined(separator: "\t") + "\n"
        }
        try? FileStore.createDirectory(PathText.parent(path))
        try? FileStore.replace(path, with: text)
    }

    /// Optional values are written with a leading `+`, absent ones as `-`; lists as a count
    /// followed by their items.
    private static func fields(of record: DecisionRecord) -> [String] {
        func optional(_ value: String?) -> String { value.map { "+" + $0 } ?? "-" }
        var fields = [
            record.path, optional(record.number.map(String.init)), record.title,
            optional(record.heading), optional(record.status?.name), optional(record.statusText),
            optional(record.date), String(record.tags.count),
        ]
        fields += record.tags
        fields.append(String(record.links.count))
        for link in record.links { fields += [link.type, link.target, String(link.line)] }
        fields.append(String(record.references.count))
        for reference in record.references {
            fields += [reference.text, reference.target, String(reference.line)]
        }
        fields.append(String(record.warnings.count))
        for warning in record.warnings {
            fields += [warning.path, optional(warning.line.map(String.init)), warning.message]
        }
        return fields
    }

    /// `-` for none; else `+`, the four lines (optional), and the links, five fields each.
    private static func fields(of facts: RecordFacts?) -> [String] {
        guard let facts else { return ["-"] }
        func optional(_ value: Int?) -> String { value.map { "+" + String($0) } ?? "-" }
        var fields = [
            "+", optional(facts.headingLine), optional(facts.headingNumber),
            optional(facts.statusLine), optional(facts.dateLine), String(facts.links.count),
        ]
        for link in facts.links {
            fields += [
                link.text, link.destination, String(link.line), String(link.column),
                link.isImage ? "1" : "0",
            ]
        }
        return fields
    }

    /// `.some(nil)` for `-`, `nil` when the fields are damaged.
    private static func facts(from fields: inout CacheFields) -> RecordFacts?? {
        guard let marker = fields.string() else { return nil }
        if marker == "-" { return .some(nil) }
        guard marker == "+" else { return nil }
        func optional() -> Int?? {
            guard let value = fields.optionalInteger() else { return nil }
            guard let value else { return .some(nil) }
            return Int(exactly: value).map { .some($0) } ?? nil
        }
        guard let headingLine = optional(), let headingNumber = optional(),
            let statusLine = optional(), let dateLine = optional(),
            let count = fields.count()
        else { return nil }
        var links: [TextLink] = []
        for _ in 0..<count {
            guard let text = fields.string(), let destination = fields.string(),
                let line = fields.count(), let column = fields.count(),
                let image = fields.string()
            else { return nil }
            links.append(
                TextLink(
                    text: text,
                    destination: destination,
                    line: line,
                    column: column,
                    isImage: image == "1"
                )
            )
        }
        return .some(
            RecordFacts(
                headingLine: headingLine,
                headingNumber: headingNumber,
                statusLine: statusLine,
                dateLine: dateLine,
                links: links
            )
        )
    }

    private static func record(from fields: inout CacheFields) -> DecisionRecord? {
        guard let path = fields.string(), let number = fields.optionalInteger(),
            let title = fields.string(), let heading = fields.optionalString(),
            let status = fields.optionalString(), let statusText = fields.optionalString(),
            let date = fields.optionalString(), let tagCount = fields.count()
        else { return nil }
        var record = DecisionRecord(
            path: path,
            number: number.flatMap { Int(exactly: $0) },
            title: title,
            heading: heading,
            status: status.map { RecordStatus(name: $0) },
            statusText: statusText,
            date: date
        )
        for _ in 0..<tagCount {
            guard let tag = fields.string() else { return nil }
            record.tags.append(tag)
        }
        guard let linkCount = fields.count() else { return nil }
        for _ in 0..<linkCount {
            guard let type = fields.string(), let target = fields.string(),
                let line = fields.count()
            else { return nil }
            record.links.append(RecordLink(type: type, target: target, line: line))
        }
        guard let referenceCount = fields.count() else { return nil }
        for _ in 0..<referenceCount {
            guard let text = fields.string(), let target = fields.string(),
                let line = fields.count()
            else { return nil }
            record.references.append(RecordReference(text: text, target: target, line: line))
        }
        guard let warningCount = fields.count() else { return nil }
        for _ in 0..<warningCount {
            guard let path = fields.string(), let line = fields.optionalInteger(),
                let message = fields.string()
            else { return nil }
            record.warnings.append(
                SourceWarning(path: path, line: line.flatMap { Int(exactly: $0) }, message: message)
            )
        }
        return record
    }
}

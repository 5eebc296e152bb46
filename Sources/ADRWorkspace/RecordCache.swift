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
    /// By file name or blob key; the facts only for records read from commits, so that one
    /// lookup gives both.
    private(set) var records:
        [String: (status: FileStatus, record: DecisionRecord, facts: RecordFacts?)] = [:]
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
            let bytes = raw.bindMemory(to: UInt8.self)
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
                .makeIterator()
            guard let header = lines.next(),
                String(decoding: header, as: UTF8.self) == "adr-records-cache\t\(version)"
            else { return false }
            // A line is a few hundred bytes: room for every record without growing.
            cache.records.reserveCapacity(bytes.count / 160)
            while let line = lines.next() {
                var fields = CacheFields(line)
                guard let name = fields.text(), let size = fields.integer(Int64.self),
                    let modified = fields.integer(Int64.self),
                    let changed = fields.integer(Int64.self),
                    let inode = fields.integer(UInt64.self),
                    let record = record(from: &fields), let known = facts(from: &fields),
                    fields.isAtEnd
                else { return false }
                let status = FileStatus(
                    size: size,
                    modified: modified,
                    changed: changed,
                    inode: inode
                )
                cache.records[name] = (status, record, known)
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
        records[name] = (status, record, nil)
        isStale = true
    }

    /// Keeps only `names` (the files of the log now) of the records read from files, so
    /// the cache never grows past the log.
    mutating func keepOnly(_ names: Set<String>) {
        let before = records.count
        let nothingToDrop = before <= names.count && records.keys.allSatisfy(names.contains)
        guard !nothingToDrop else { return }
        records = records.filter { names.contains($0.key) }
        if records.count != before { isStale = true }
    }

    // MARK: Records read from commits

    /// The key of the record at `path` (from the repository root) with blob `blob`.
    static func blobKey(path: String, blob: String) -> String {
        var key = "blob:"
        key.reserveCapacity(6 + path.utf8.count + blob.utf8.count)
        key += path
        key += ":"
        key += blob
        return key
    }

    private static func isBlobKey(_ key: String) -> Bool { key.hasPrefix("blob:") }

    /// Blob keys need no file status: the id names the contents.
    private static let committed = FileStatus(size: -1, modified: 0, changed: 0, inode: 0)

    /// The record read before from the blob `key` names and the facts stored with it.
    func committed(forBlob key: String) -> (record: DecisionRecord, facts: RecordFacts?)? {
        records[key].map { ($0.record, $0.facts) }
    }

    /// Stores what the blob `key` names holds, with its facts when they were read.
    mutating func store(_ record: DecisionRecord, facts: RecordFacts? = nil, forBlob key: String) {
        if let known = records[key], known.record == record, known.facts == facts { return }
        records[key] = (Self.committed, record, facts)
        isStale = true
    }

    /// How many records read from commits the cache holds.
    var blobKeyCount: Int { records.keys.reduce(0) { $0 + (Self.isBlobKey($1) ? 1 : 0) } }

    /// Keeps only `keys` of the records read from commits.
    mutating func keepOnlyBlobs(_ keys: Set<String>) {
        let before = records.count
        records = records.filter { keys.contains($0.key) }
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
                ] + Self.fields(of: known.record) + Self.fields(of: known.facts)
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
        guard let marker = fields.next() else { return nil }
        if CacheFields.isAbsent(marker) { return .some(nil) }
        guard marker.count == 1, marker.first == UInt8(ascii: "+") else { return nil }
        guard let headingLine = fields.optionalInteger(),
            let headingNumber = fields.optionalInteger(),
            let statusLine = fields.optionalInteger(), let dateLine = fields.optionalInteger(),
            let count = fields.count()
        else { return nil }
        var links: [TextLink] = []
        links.reserveCapacity(min(count, 64))
        for _ in 0..<count {
            guard let text = fields.text(), let destination = fields.text(),
                let line = fields.integer(Int.self), let column = fields.integer(Int.self),
                let image = fields.text()
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
        guard let path = fields.text(), let number = fields.optionalText(),
            let title = fields.text(), let heading = fields.optionalText(),
            let status = fields.optionalText(), let statusText = fields.optionalText(),
            let date = fields.optionalText(), let tagCount = fields.count()
        else { return nil }
        var record = DecisionRecord(
            path: path,
            number: number.flatMap { Int($0) },
            title: title,
            heading: heading,
            status: status.map { RecordStatus(name: $0) },
            statusText: statusText,
            date: date
        )
        for _ in 0..<tagCount {
            guard let tag = fields.text() else { return nil }
            record.tags.append(tag)
        }
        guard let linkCount = fields.count() else { return nil }
        for _ in 0..<linkCount {
            guard let type = fields.text(), let target = fields.text(),
                let line = fields.integer(Int.self)
            else { return nil }
            record.links.append(RecordLink(type: type, target: target, line: line))
        }
        guard let referenceCount = fields.count() else { return nil }
        for _ in 0..<referenceCount {
            guard let text = fields.text(), let target = fields.text(),
                let line = fields.integer(Int.self)
            else { return nil }
            record.references.append(RecordReference(text: text, target: target, line: line))
        }
        guard let warningCount = fields.count() else { return nil }
        for _ in 0..<warningCount {
            guard let path = fields.text(), let line = fields.optionalText(),
                let message = fields.text()
            else { return nil }
            record.warnings.append(
                SourceWarning(path: path, line: line.flatMap { Int($0) }, message: message)
            )
        }
        return record
    }
}

/// The tab-separated fields of one cache line, read in order straight from its bytes: a
/// cache of a large log has a hundred thousand of them, and making a `String` of each
/// before reading it cost most of a warm audit's load of the cache. Anything that does
/// not read as what it should be is `nil` (a damaged cache).
struct CacheFields {
    private let line: Slice<UnsafeBufferPointer<UInt8>>
    private var position: Int
    /// Past the last field.
    private(set) var isAtEnd = false

    init(_ line: Slice<UnsafeBufferPointer<UInt8>>) {
        self.line = line
        position = line.startIndex
    }

    /// The next field's bytes, still escaped.
    mutating func next() -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard !isAtEnd else { return nil }
        let end = line[position...].firstIndex(of: UInt8(ascii: "\t")) ?? line.endIndex
        let field = line[position..<end]
        if end == line.endIndex { isAtEnd = true } else { position = end + 1 }
        return field
    }

    /// The next field as text.
    mutating func text() -> String? { next().map(CacheLine.unescaped) }

    /// The next field, `-` for none and `+` before a value.
    mutating func optionalText() -> String?? {
        guard let field = next() else { return nil }
        if Self.isAbsent(field) { return .some(nil) }
        guard field.first == UInt8(ascii: "+") else { return nil }
        return .some(CacheLine.unescaped(field.dropFirst()))
    }

    /// The next field as a decimal number.
    mutating func integer<Number: FixedWidthInteger>(_: Number.Type) -> Number? {
        guard let field = next() else { return nil }
        return Self.number(field)
    }

    /// The next field as how many items follow: a decimal number, never negative.
    mutating func count() -> Int? {
        integer(Int.self).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The next field as `-` for none or `+` and a decimal number.
    mutating func optionalInteger() -> Int?? {
        guard let field = next() else { return nil }
        if Self.isAbsent(field) { return .some(nil) }
        guard field.first == UInt8(ascii: "+"), let value = Self.number(field.dropFirst()) as Int?
        else { return nil }
        return .some(value)
    }

    static func isAbsent(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        field.count == 1 && field.first == UInt8(ascii: "-")
    }

    /// An optional sign and decimal digits, as `Int(String)` reads them.
    private static func number<Number: FixedWidthInteger>(
        _ field: Slice<UnsafeBufferPointer<UInt8>>
    ) -> Number? {
        var digits = field[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value: Number = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            let digit = Number(byte - 0x30)
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) =
                negative
                ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !overflowTimes, !overflowSum else { return nil }
            value = sum
        }
        return value
    }
}

import ADRCore
import ADRGit
import Foundation

/// What was read from each record file, keyed by its path and the git blob id of its bytes,
/// kept in `<git dir>/adr/records-cache` so `adr list` over a large log parses only the
/// records that changed. A key names exact contents, so a hit is always right; anything
/// unexpected in the file means "no cache".
struct RecordCache {
    static let version = 1
    private(set) var records: [String: DecisionRecord] = [:]
    private(set) var isStale = false

    static func key(path: String, contents: Data) -> String? {
        (try? ObjectID.blobID(hashing: contents)).map { path + "\t" + $0.hex }
    }

    static func load(from path: String) -> RecordCache {
        var cache = RecordCache()
        guard let data = FileStore.contents(of: path) else { return cache }
        let ok = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let lines = raw.bindMemory(to: UInt8.self)
                .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            guard let header = lines.first,
                String(decoding: header, as: UTF8.self) == "adr-records-cache\t\(version)"
            else { return false }
            for line in lines.dropFirst() {
                let fields = line.split(
                    separator: UInt8(ascii: "\t"),
                    omittingEmptySubsequences: false
                )
                .map(CacheLine.unescaped)
                guard fields.count >= 2, let record = record(from: fields.dropFirst(2)) else {
                    return false
                }
                cache.records[fields[0] + "\t" + fields[1]] = record
            }
            return true
        }
        return ok ? cache : RecordCache()
    }

    /// Records `record` under `key`, marking the cache for saving when it is new.
    mutating func store(_ record: DecisionRecord, under key: String) {
        if records[key] != record {
            records[key] = record
            isStale = true
        }
    }

    /// Keeps only `keys` (the files of the log now), so the cache never grows past the log.
    mutating func keepOnly(_ keys: Set<String>) {
        let before = records.count
        records = records.filter { keys.contains($0.key) }
        if records.count != before { isStale = true }
    }

    /// Writes through a temporary file renamed over the cache; a failure only costs the
    /// next run some parsing.
    func save(to path: String) {
        var text = "adr-records-cache\t\(Self.version)\n"
        for (key, record) in records.sorted(by: { $0.key < $1.key }) {
            text +=
                key + "\t" + Self.fields(of: record).map(CacheLine.escaped).joined(separator: "\t")
            text += "\n"
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
        fields.append(String(record.warnings.count))
        for warning in record.warnings {
            fields += [warning.path, optional(warning.line.map(String.init)), warning.message]
        }
        return fields
    }

    private static func record(from slice: ArraySlice<String>) -> DecisionRecord? {
        var fields = slice.makeIterator()
        func next() -> String? { fields.next() }
        func optional() -> String?? {
            guard let field = next() else { return nil }
            if field == "-" { return .some(nil) }
            guard field.hasPrefix("+") else { return nil }
            return .some(String(field.dropFirst()))
        }
        func count() -> Int? { next().flatMap { Int($0) } }
        guard let path = next(), let number = optional(), let title = next(),
            let heading = optional(), let status = optional(), let statusText = optional(),
            let date = optional(), let tagCount = count()
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
            guard let tag = next() else { return nil }
            record.tags.append(tag)
        }
        guard let linkCount = count() else { return nil }
        for _ in 0..<linkCount {
            guard let type = next(), let target = next(), let line = count() else { return nil }
            record.links.append(RecordLink(type: type, target: target, line: line))
        }
        guard let warningCount = count() else { return nil }
        for _ in 0..<warningCount {
            guard let path = next(), let line = optional(), let message = next() else {
                return nil
            }
            record.warnings.append(
                SourceWarning(path: path, line: line.flatMap { Int($0) }, message: message)
            )
        }
        return next() == nil ? record : nil
    }
}

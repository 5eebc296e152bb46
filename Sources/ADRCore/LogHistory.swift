/// The history of every record a log ever held, as of `HEAD`.
public struct LogHistory: Sendable {
    /// One history per record, including records deleted since.
    public var records: [RecordHistory]
    /// Diagnostics for stderr, such as a shallow clone's truncated history.
    public var warnings: [String]

    public init(records: [RecordHistory], warnings: [String] = []) {
        self.records = records
        self.warnings = warnings
    }

    /// The history of the record at `path` (relative to the repository root) at `HEAD`.
    public func history(ofPath path: String) -> RecordHistory? {
        records.last { $0.lastChanged?.path == path && !$0.isDeleted }
    }

    /// ``history(ofPath:)`` for every path at once, for a caller that looks up many: one
    /// pass instead of one per record.
    public var historiesByPath: [String: RecordHistory] {
        var byPath: [String: RecordHistory] = [:]
        byPath.reserveCapacity(records.count)
        // Later records win, as `last(where:)` finds them.
        for record in records where !record.isDeleted {
            if let path = record.lastChanged?.path { byPath[path] = record }
        }
        return byPath
    }

    /// Records deleted at `HEAD`.
    public var deletedRecords: [RecordHistory] {
        records.filter(\.isDeleted)
    }

    /// Every event of every record, newest first.
    public var events: [LogEvent] {
        LogEvent.newestFirst(records.flatMap(\.events))
    }

    /// A deleted record that `reference` names, by number, file name or id, as a record
    /// of the log is named (``DecisionLog/entry(matching:)``).
    public func deletedRecord(matching reference: String) -> RecordHistory? {
        let deleted = deletedRecords
        // The file name alone identifies a record here, as a log folder has no subfolders.
        let entries = deleted.map { history in
            let path = history.lastChanged?.path ?? ""
            let name = String(path.split(separator: "/").last ?? "")
            return LogEntry(
                fileName: name,
                text: "",
                record: DecisionRecord(parsing: "", path: path)
            )
        }
        guard let match = try? DecisionLog(entries: entries).entry(matching: reference),
            let index = entries.firstIndex(of: match)
        else { return nil }
        return deleted[index]
    }
}

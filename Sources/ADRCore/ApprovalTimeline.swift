/// The trailer keys that approve, matched in any case: `Approved-by`, `approved-by`.
public struct TrailerKeys: Sendable {
    private let keys: Set<String>

    public init(_ keys: [String]) {
        self.keys = Set(keys.map { $0.lowercased() })
    }

    public func contains(_ key: String) -> Bool { keys.contains(key.lowercased()) }
}

/// Where approvals sit among a log's events: a trailer approval right after its commit's
/// change; a note approval, given later, after the last commit made before its date.
public struct ApprovalTimeline: Sendable {
    /// Revision times, ascending, with the highest walk position up to each.
    private var times: [Int64] = []
    private var highestOrder: [Int] = []

    /// A timeline of every revision of the log (`allRevisions`), which places notes.
    public init(_ allRevisions: [RecordRevision]) {
        var highest = Int.min
        for revision in allRevisions.sorted(by: { $0.time < $1.time }) {
            highest = max(highest, revision.order)
            times.append(revision.time)
            highestOrder.append(highest)
        }
    }

    /// The highest walk position among revisions made at or before `time`.
    public func lastOrder(atOrBefore time: Int64) -> Int? {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : highestOrder[low - 1]
    }

    /// The approvals that commit trailers with one of `keys` record in `records`, as
    /// events; `textHash` gives a revision's decision-text hash (`nil`: no text).
    public static func trailerEvents<Failure: Error>(
        of records: [RecordHistory],
        keys: TrailerKeys,
        textHash: (RecordRevision) throws(Failure) -> String?
    ) throws(Failure) -> [LogEvent] {
        var events: [LogEvent] = []
        for record in records {
            for revision in record.revisions where revision.change != .deleted {
                let approving = revision.trailers.filter { keys.contains($0.key) }
                guard !approving.isEmpty, let hash = try textHash(revision) else { continue }
                for trailer in approving {
                    let approval = Approval(
                        record: revision.path,
                        textHash: hash,
                        approver: trailer.value,
                        date: revision.date,
                        source: .trailer,
                        commit: revision.commit
                    )
                    events.append(LogEvent(kind: .approved, revision: revision, approval: approval))
                }
            }
        }
        return events
    }

    /// The approvals a note on `revisions`' commit records, as events placed after every
    /// commit made before each was given.
    public func noteEvents(_ approvals: [Approval], on revisions: [RecordRevision]) -> [LogEvent] {
        approvals.compactMap { approval -> LogEvent? in
            guard let revision = revisions.first(where: { $0.path == approval.record }) else {
                return nil
            }
            let latest =
                CalendarDate.epochSeconds(ofTimestamp: approval.date).flatMap(
                    lastOrder(atOrBefore:)
                )
                ?? revision.order
            return LogEvent(
                kind: .approved,
                revision: revision,
                approval: approval,
                order: max(revision.order, latest)
            )
        }
    }
}

/// One thing that happened to a record, as `adr log` lists it.
public struct LogEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable {
        case created
        case statusChanged = "status changed"
        case edited
        case renamed
        case deleted
        /// Someone approved the decision text, in a commit trailer or a git note.
        case approved
    }

    public var kind: Kind
    /// The revision the event comes from; for an approval, the revision whose commit
    /// carries the trailer or the note.
    public var revision: RecordRevision
    /// The status before a status change.
    public var previousStatus: RecordStatus?
    /// The approval of an ``Kind/approved`` event.
    public var approval: Approval?
    /// Where the event sorts in the walk of the history (see ``RecordRevision/order``): the
    /// revision's, except for an approval in a note, which is given after its commit.
    public var order: Int

    public init(
        kind: Kind,
        revision: RecordRevision,
        previousStatus: RecordStatus? = nil,
        approval: Approval? = nil,
        order: Int? = nil
    ) {
        self.kind = kind
        self.revision = revision
        self.previousStatus = previousStatus
        self.approval = approval
        self.order = order ?? revision.order
    }

    /// When it happened, ISO 8601: the approval's date for an approval, else the commit's.
    public var date: String { approval?.date ?? revision.date }

    /// `events` newest first by ``order``; an approval comes after the change its commit
    /// made, and events that tie keep their relative order reversed.
    public static func newestFirst(_ events: [LogEvent]) -> [LogEvent] {
        newestFirstIndices(events).map { events[$0] }
    }

    /// The indices of `events` in the order of ``newestFirst(_:)``, for a caller that reads
    /// a long log once and need not copy it.
    public static func newestFirstIndices(_ events: [LogEvent]) -> [Int] {
        // Sorting small keys, not the events: comparing copies of whole events was most of
        // a warm `adr log`. The keys are read through the indices, which copies no event.
        let keys = events.indices.map { index in
            (
                order: events[index].order,
                approval: events[index].kind == .approved ? 1 : 0,
                index: index
            )
        }
        return keys.sorted { ($0.order, $0.approval, $0.index) > ($1.order, $1.approval, $1.index) }
            .map(\.index)
    }
}

extension RecordHistory {
    /// The events of this record, oldest first: one per revision, named by what changed.
    ///
    /// A revision that both renames a record and changes its status counts as a status
    /// change, since that is what a reader of the log cares about more.
    public var events: [LogEvent] {
        var events: [LogEvent] = []
        var status: RecordStatus?
        for (index, revision) in revisions.enumerated() {
            let kind: LogEvent.Kind
            if index == 0 || revisions[index - 1].change == .deleted {
                kind = revision.change == .deleted ? .deleted : .created
            } else if revision.change == .deleted {
                kind = .deleted
            } else if revision.status != status {
                kind = .statusChanged
            } else if revision.change == .renamed {
                kind = .renamed
            } else {
                kind = .edited
            }
            events.append(LogEvent(kind: kind, revision: revision, previousStatus: status))
            if revision.change != .deleted { status = revision.status }
        }
        return events
    }
}

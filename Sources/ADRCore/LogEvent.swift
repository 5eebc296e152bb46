/// One thing that happened to a record, as `adr log` lists it.
public struct LogEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable {
        case created
        case statusChanged = "status changed"
        case edited
        case renamed
        case deleted
    }

    public var kind: Kind
    /// The revision the event comes from.
    public var revision: RecordRevision
    /// The status before a status change.
    public var previousStatus: RecordStatus?

    public init(kind: Kind, revision: RecordRevision, previousStatus: RecordStatus? = nil) {
        self.kind = kind
        self.revision = revision
        self.previousStatus = previousStatus
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

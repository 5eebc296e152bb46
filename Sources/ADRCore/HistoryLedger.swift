/// Which record every path of a log belongs to, and each record's revisions so far: the
/// bookkeeping of a history scan, which needs no git once it has a commit's folder changes.
///
/// Records are identified by a number. `identities` maps every path a record ever had
/// (relative to the log folder) to it, so an edit on a branch that still uses an old name
/// lands in the right history.
public struct HistoryLedger: Sendable, Hashable {
    public var identities: [String: Int]
    public var histories: [[RecordRevision]]

    public init(identities: [String: Int] = [:], histories: [[RecordRevision]] = []) {
        self.identities = identities
        self.histories = histories
    }

    /// One changed file of the log folder, as a tree diff reports it.
    public struct FolderChange: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case added, deleted, renamed, copied, modified
        }

        public var kind: Kind
        /// Paths relative to the log folder.
        public var oldPath: String
        public var newPath: String

        public init(kind: Kind, oldPath: String, newPath: String) {
            self.kind = kind
            self.oldPath = oldPath
            self.newPath = newPath
        }
    }

    /// Where ``record(_:path:oldPath:revision:)`` put a revision.
    public struct Position: Sendable, Hashable {
        public var identity: Int
        public var index: Int
    }

    /// Records `change`, whose paths from the repository root are `path` (new) and
    /// `oldPath`; `revision` makes the revision from the kind of change and its paths.
    /// Returns where the revision went, or `nil` for the deletion of a record never seen.
    @discardableResult
    public mutating func record(
        _ change: FolderChange,
        path: String,
        oldPath: String,
        revision: (_ change: RecordChange, _ path: String, _ oldPath: String?) -> RecordRevision
    ) -> Position? {
        let kind: RecordChange
        let identity: Int
        switch change.kind {
        case .added:
            // A record deleted and added again at the same path is the same record.
            if let known = identities[change.newPath],
                histories[known].last?.change == .deleted,
                histories[known].last?.path == path
            {
                identity = known
            } else {
                identity = newIdentity()
            }
            kind = .added
        case .deleted:
            identity = identities[change.oldPath] ?? newIdentity()
            kind = .deleted
        case .renamed:
            identity = identities[change.oldPath] ?? newIdentity()
            kind = .renamed
        case .copied:
            identity = newIdentity()
            kind = .added
        case .modified:
            identity = identities[change.newPath] ?? newIdentity()
            kind = path == oldPath ? .modified : .renamed
        }
        if kind != .deleted { identities[change.newPath] = identity }
        if histories[identity].isEmpty, kind == .deleted { return nil }
        histories[identity].append(
            revision(
                kind,
                kind == .deleted ? oldPath : path,
                kind == .renamed ? oldPath : nil
            )
        )
        return Position(identity: identity, index: histories[identity].count - 1)
    }

    /// Every record's history, without the numbers a deletion of an unseen path took.
    public var recordHistories: [RecordHistory] {
        histories.filter { !$0.isEmpty }.map(RecordHistory.init)
    }

    private mutating func newIdentity() -> Int {
        histories.append([])
        return histories.count - 1
    }
}

/// A person as git records them, after `.mailmap`.
public struct Person: Sendable, Hashable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// `Name <email>`.
    public var formatted: String { "\(name) <\(email)>" }

    /// Reads `Name <email>`, the one form `--by` and approvers are written in; `nil` for
    /// anything else.
    public init?(parsing text: String) {
        guard let match = text.wholeMatch(of: /\s*([^<>\n]+)\s<([^<>\s]+)>\s*/) else {
            return nil
        }
        self.init(
            name: String(match.1).trimmingWhitespace,
            email: String(match.2)
        )
    }
}

/// How a commit changed a record.
public enum RecordChange: String, Sendable, Hashable {
    case added
    case modified
    case renamed
    case deleted
}

/// One `Key: value` trailer of a commit message.
public struct CommitTrailer: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One commit that changed a record, with the record as it was after that commit.
public struct RecordRevision: Sendable, Hashable {
    /// The full commit id (hex).
    public var commit: String
    public var author: Person
    public var committer: Person
    /// The author date, ISO 8601 with the author's offset (`2025-03-09T10:00:00+01:00`).
    public var date: String
    public var summary: String
    public var change: RecordChange
    /// The record's path after the commit, relative to the repository root.
    public var path: String
    /// The path before a rename.
    public var oldPath: String?
    /// The status as parsed at this revision (`nil` when deleted or stating none).
    public var status: RecordStatus?
    public var trailers: [CommitTrailer]
    /// The hash of the decision text at this revision (see ``DecisionText``), `nil` when
    /// the revision deleted the record.
    public var textHash: String?
    /// The id of the record's blob after the commit, so its text can be read again later;
    /// `nil` when the revision deleted the record.
    public var blob: String?
    /// The author date as seconds since the Unix epoch, for ordering and `--since`.
    public var time: Int64
    /// The commit's place in the oldest-first walk of the repository's history: orders the
    /// events of commits whose dates are equal or out of order (rebases, fixed test dates).
    public var order: Int

    public init(
        commit: String,
        author: Person,
        committer: Person,
        date: String,
        summary: String,
        change: RecordChange,
        path: String,
        oldPath: String? = nil,
        status: RecordStatus? = nil,
        trailers: [CommitTrailer] = [],
        textHash: String? = nil,
        blob: String? = nil,
        time: Int64 = 0,
        order: Int = 0
    ) {
        self.commit = commit
        self.author = author
        self.committer = committer
        self.date = date
        self.summary = summary
        self.change = change
        self.path = path
        self.oldPath = oldPath
        self.status = status
        self.trailers = trailers
        self.textHash = textHash
        self.blob = blob
        self.time = time
        self.order = order
    }
}

/// A change of a record's parsed status.
public struct StatusChange: Sendable, Hashable {
    public var status: RecordStatus?
    public var date: String
    public var commit: String
    public var author: Person

    public init(status: RecordStatus?, date: String, commit: String, author: Person) {
        self.status = status
        self.date = date
        self.commit = commit
        self.author = author
    }
}

/// Every commit on HEAD's history that changed one record, oldest first.
public struct RecordHistory: Sendable, Hashable {
    public var revisions: [RecordRevision]

    public init(revisions: [RecordRevision]) {
        self.revisions = revisions
    }

    /// The first commit: when the record was created.
    public var created: RecordRevision? { revisions.first }
    public var lastChanged: RecordRevision? { revisions.last }
    /// Whether the record no longer exists at HEAD.
    public var isDeleted: Bool { revisions.last?.change == .deleted }

    /// Each change of the parsed status, with when, where and by whom.
    public var statusTimeline: [StatusChange] {
        var timeline: [StatusChange] = []
        for revision in revisions where revision.change != .deleted {
            if timeline.last.map({ $0.status != revision.status }) ?? true {
                timeline.append(
                    StatusChange(
                        status: revision.status,
                        date: revision.date,
                        commit: revision.commit,
                        author: revision.author
                    )
                )
            }
        }
        return timeline
    }
}

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
///
/// A value with its fields in one shared, copy-on-write box: a long history is copied
/// into events, reports and caches many times over, and a copy is then one reference
/// count instead of one per string (most of a warm `adr log` went on those).
public struct RecordRevision: Sendable, Hashable {
    /// The full commit id (hex).
    public var commit: String {
        get { storage.fields.commit }
        _modify { yield &writable.commit }
    }
    public var author: Person {
        get { storage.fields.author }
        _modify { yield &writable.author }
    }
    public var committer: Person {
        get { storage.fields.committer }
        _modify { yield &writable.committer }
    }
    /// The author date, ISO 8601 with the author's offset (`2025-03-09T10:00:00+01:00`).
    public var date: String {
        get { storage.fields.date }
        _modify { yield &writable.date }
    }
    public var summary: String {
        get { storage.fields.summary }
        _modify { yield &writable.summary }
    }
    public var change: RecordChange {
        get { storage.fields.change }
        _modify { yield &writable.change }
    }
    /// The record's path after the commit, relative to the repository root.
    public var path: String {
        get { storage.fields.path }
        _modify { yield &writable.path }
    }
    /// The path before a rename.
    public var oldPath: String? {
        get { storage.fields.oldPath }
        _modify { yield &writable.oldPath }
    }
    /// The status as parsed at this revision (`nil` when deleted or stating none).
    public var status: RecordStatus? {
        get { storage.fields.status }
        _modify { yield &writable.status }
    }
    public var trailers: [CommitTrailer] {
        get { storage.fields.trailers }
        _modify { yield &writable.trailers }
    }
    /// The hash of the decision text at this revision (see ``DecisionText``), `nil` when
    /// the revision deleted the record.
    public var textHash: String? {
        get { storage.fields.textHash }
        _modify { yield &writable.textHash }
    }
    /// The id of the record's blob after the commit, so its text can be read again later;
    /// `nil` when the revision deleted the record.
    public var blob: String? {
        get { storage.fields.blob }
        _modify { yield &writable.blob }
    }
    /// The author date as seconds since the Unix epoch, for ordering and `--since`.
    public var time: Int64 {
        get { storage.fields.time }
        _modify { yield &writable.time }
    }
    /// The commit's place in the oldest-first walk of the repository's history: orders the
    /// events of commits whose dates are equal or out of order (rebases, fixed test dates).
    public var order: Int {
        get { storage.fields.order }
        _modify { yield &writable.order }
    }

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
        storage = Storage(
            fields: Fields(
                commit: commit,
                author: author,
                committer: committer,
                date: date,
                summary: summary,
                change: change,
                path: path,
                oldPath: oldPath,
                status: status,
                trailers: trailers,
                textHash: textHash,
                blob: blob,
                time: time,
                order: order
            )
        )
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.fields)
    }

    private struct Fields: Hashable {
        var commit: String
        var author: Person
        var committer: Person
        var date: String
        var summary: String
        var change: RecordChange
        var path: String
        var oldPath: String?
        var status: RecordStatus?
        var trailers: [CommitTrailer]
        var textHash: String?
        var blob: String?
        var time: Int64
        var order: Int
    }

    /// Mutated only through ``writable``, which copies it first unless this value is its
    /// only owner: shared boxes are never written, which is what makes it `Sendable`.
    private final class Storage: @unchecked Sendable {
        var fields: Fields

        init(fields: Fields) {
            self.fields = fields
        }
    }

    private var storage: Storage

    private var writable: Fields {
        get { storage.fields }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(fields: storage.fields) }
            yield &storage.fields
        }
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

/// What `adr show` says about approvals: each judged against the record's history, and a
/// warning for each note entry that could not be read.
public struct ApprovalReport: Sendable, Hashable {
    public var states: [ApprovalState]
    public var warnings: [String]

    public init(states: [ApprovalState], warnings: [String]) {
        self.states = states
        self.warnings = warnings
    }
}

/// A record with everything known about it: its text, where it is, its history and its
/// approvals. What `adr show` prints, and what the site and the audit are made from.
public struct RecordDetails: Sendable {
    public var entry: LogEntry
    /// The record's path as `adr` prints it, relative to the working directory.
    public var displayPath: String
    /// `nil` outside a git repository, or when git could not read it.
    public var history: RecordHistory?
    /// Whether the history could not be read (a missing object): a warning says why, and
    /// the record is shown without it.
    public var isHistoryUnreadable = false
    /// `nil` outside a git repository, for a deleted record, or when they could not be read
    /// (a warning says why).
    public var approvals: ApprovalReport?
    /// Whether the record is gone from the working tree and shown from its last commit.
    public var isDeleted: Bool
    /// Diagnostics for stderr: a truncated history, approvals that could not be read.
    public var warnings: [String]

    public init(
        entry: LogEntry,
        displayPath: String,
        history: RecordHistory?,
        approvals: ApprovalReport?,
        isDeleted: Bool,
        warnings: [String]
    ) {
        self.entry = entry
        self.displayPath = displayPath
        self.history = history
        self.approvals = approvals
        self.isDeleted = isDeleted
        self.warnings = warnings
    }
}

/// `adr log`'s events, with the order to print them in.
public struct LogEvents: Sendable {
    public var events: [LogEvent]
    /// Indices into `events`, newest first, after `--since`.
    public var order: [Int]
    public var warnings: [String]

    public init(events: [LogEvent], order: [Int], warnings: [String]) {
        self.events = events
        self.order = order
        self.warnings = warnings
    }
}

import ADRCore

/// How much a finding matters. `off` turns a rule off.
public enum AuditSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    case off
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .off: 0
        case .note: 1
        case .warning: 2
        case .error: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One problem an audit found: data, which a report turns into text and the command into
/// an exit status.
public struct AuditFinding: Sendable, Hashable {
    /// The rule's stable id (`decided-record-changed`).
    public var rule: String
    public var severity: AuditSeverity
    /// Relative to the repository root.
    public var path: String
    /// 1-based.
    public var line: Int
    /// 1-based.
    public var column: Int
    /// One line, without the path or the rule.
    public var message: String
    /// Names the finding across unrelated edits: rule, path and message, never the line;
    /// with an occurrence number when the same finding is made more than once in a file.
    public var fingerprint: String

    public init(
        rule: String,
        severity: AuditSeverity,
        path: String,
        line: Int = 1,
        column: Int = 1,
        message: String,
        fingerprint: String = ""
    ) {
        self.rule = rule
        self.severity = severity
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
        self.message = message
        self.fingerprint = fingerprint
    }

    /// Sorted by path, line, column, then rule and message: the order of every report.
    public static func precedes(_ lhs: Self, _ rhs: Self) -> Bool {
        (lhs.path, lhs.line, lhs.column, lhs.rule, lhs.message)
            < (rhs.path, rhs.line, rhs.column, rhs.rule, rhs.message)
    }
}

/// Stable hashes for fingerprints: FNV-1a, 64 bits, as hexadecimal. Not for security;
/// the same input gives the same text on every platform and in every release.
enum StableHash {
    static func hex(_ text: String) -> String {
        var hash = ContentHash()
        hash.add(text)
        return hash.hex
    }
}

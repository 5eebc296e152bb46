public import ADRCore

/// `adr audit`'s rules over an ``AuditInput``: findings as values, sorted, with their
/// severities and fingerprints.
public enum Audit {
    /// Every finding of every rule that is not off, sorted by path, line and column.
    ///
    /// `levels` are the severities chosen by `.adr.yml` and `--rule`, later ones winning.
    public static func findings(
        of input: AuditInput,
        levels: [String: AuditSeverity] = [:]
    ) -> [AuditFinding] {
        var raw: [AuditFinding] = []
        raw += LogRules.findings(input)
        if let base = input.base { raw += BaseRules.findings(input, base: base) }
        raw += ApprovalRules.findings(input)
        if input.includesHistory, let histories = input.histories {
            raw += HistoryRules.findings(input, histories: histories)
        }
        var findings: [AuditFinding] = []
        for var finding in raw {
            if let level = levels[finding.rule] {
                finding.severity = level
            }
            if finding.severity != .off { findings.append(finding) }
        }
        findings.sort(by: AuditFinding.precedes)
        return fingerprinted(findings)
    }

    /// The levels `.adr.yml` sets, then `--rule ID=LEVEL` (as `(id, level)` pairs);
    /// throws ``AuditSettingsError`` for an id or level that does not exist.
    public static func levels(
        configured: AuditSettings,
        overrides: [(rule: String, level: String)]
    ) throws(AuditSettingsError) -> [String: AuditSeverity] {
        var levels: [String: AuditSeverity] = [:]
        let pairs =
            configured.levels.map { (rule: $0.rule, level: $0.level, line: $0.line) }
            + overrides.map { (rule: $0.rule, level: $0.level, line: Int?.none) }
        for pair in pairs {
            guard AuditRule.named(pair.rule) != nil else {
                throw .unknownRule(pair.rule, line: pair.line)
            }
            guard let level = AuditSeverity(rawValue: pair.level.lowercased()) else {
                throw .unknownLevel(pair.level, rule: pair.rule)
            }
            levels[pair.rule] = level
        }
        return levels
    }

    /// Gives each finding its fingerprint: a hash of rule, path and message, then `:N` for
    /// the Nth finding with that hash (sorted order), as GitHub's own line hashes have.
    static func fingerprinted(_ findings: [AuditFinding]) -> [AuditFinding] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            var finding = finding
            let hash = StableHash.hex(finding.rule + "\n" + finding.path + "\n" + finding.message)
            let occurrence = (seen[hash] ?? 0) + 1
            seen[hash] = occurrence
            finding.fingerprint = "\(hash):\(occurrence)"
            return finding
        }
    }

    /// The paths of the records whose approvals the rules judge: those with a status that
    /// needs approvals, and with a base only those added or changed on this branch. Empty
    /// when `.adr.yml` asks nothing of approvals.
    public static func recordsNeedingApprovals(_ input: AuditInput) -> [String] {
        ApprovalRules.recordsInScope(input)
    }

    /// Whether `.adr.yml` asks anything of approvals (`required`, `approvers` or
    /// `distinct-approver`): without that, no rule reads them.
    public static func asksForApprovals(_ input: AuditInput) -> Bool {
        ApprovalRules.isConfigured(input)
    }
}

/// An `audit:` key or `--rule` that names no rule or level.
public enum AuditSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownRule(String, line: Int?)
    case unknownLevel(String, rule: String)

    public var description: String {
        switch self {
        case .unknownRule(let rule, let line):
            let place = line.map { ".adr.yml:\($0): " } ?? "--rule: "
            return "\(place)unknown rule \"\(rule)\" (see `adr audit --help` for the rules)"
        case .unknownLevel(let level, let rule):
            return "--rule \(rule)=\(level): expected off, note, warning or error"
        }
    }
}

/// Lifecycle states the rules reason about, from whatever words a record uses.
enum Lifecycle: String {
    case open
    case accepted
    case rejected
    case deprecated
    case superseded
    case unknown

    init(_ status: RecordStatus?) {
        switch status {
        case .proposed: self = .open
        case .accepted: self = .accepted
        case .rejected: self = .rejected
        case .deprecated: self = .deprecated
        case .superseded: self = .superseded
        case .other(let word):
            switch word {
            // "Approved on 2026-02-08": an accepted decision with its approval date.
            case "approved", "implemented", "amended": self = .accepted
            case "draft", "pending", "on hold", "in progress", "inprogress", "work in progress",
                "wip":
                self = .open
            case "withdrawn": self = .rejected
            case "partly superseded": self = .superseded
            default: self = .unknown
            }
        case nil: self = .unknown
        }
    }

    /// A decision taken: its text stays as it was decided.
    var isDecided: Bool { [.accepted, .rejected, .deprecated, .superseded].contains(self) }

    /// Whether the lifecycle allows going from `self` to `next`.
    func allows(_ next: Lifecycle) -> Bool {
        if self == next || self == .open || self == .unknown || next == .unknown { return true }
        switch self {
        case .accepted: return next == .deprecated || next == .superseded
        case .deprecated: return next == .superseded
        default: return false
        }
    }
}

extension RecordStatus {
    /// The status for messages, as adr names it.
    var auditName: String { name }
}

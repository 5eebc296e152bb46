/// Findings a log already had when it adopted the audit: `--write-baseline FILE` writes
/// them, `--baseline FILE` leaves them out, so only new problems fail.
///
/// The file is text, one finding a line, `fingerprint<TAB>rule<TAB>path<TAB>message`,
/// sorted like the findings; a finding matches by its fingerprint (rule, path and message,
/// never the line), so edits elsewhere in a record keep it matched.
public struct AuditBaseline: Sendable, Hashable {
    public static let header = "# adr audit baseline v1"

    public var fingerprints: Set<String>

    public init(findings: [AuditFinding]) {
        fingerprints = Set(findings.map(\.fingerprint))
    }

    /// Reads a baseline file's text; lines it does not understand are skipped.
    public init(parsing text: String) {
        fingerprints = []
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            if let first = line.split(separator: "\t").first, !first.isEmpty {
                fingerprints.insert(String(first))
            }
        }
    }

    /// The file's text for `findings`.
    public static func text(for findings: [AuditFinding]) -> String {
        var text = header + "\n"
        for finding in findings {
            let message = finding.message.split(whereSeparator: \.isNewline).joined(separator: " ")
            text += "\(finding.fingerprint)\t\(finding.rule)\t\(finding.path)\t\(message)\n"
        }
        return text
    }

    /// `findings` without those in the baseline.
    public func filtering(_ findings: [AuditFinding]) -> [AuditFinding] {
        findings.filter { !fingerprints.contains($0.fingerprint) }
    }
}

/// What an audit found, with what the reports need beside the findings.
public struct AuditResult: Sendable {
    public var findings: [AuditFinding]
    /// The paths of the records audited (relative to the repository root), sorted.
    public var records: [String]
    /// Findings left out because the baseline has them.
    public var baselined: Int

    public init(findings: [AuditFinding], records: [String], baselined: Int = 0) {
        self.findings = findings
        self.records = records
        self.baselined = baselined
    }

    public func count(_ severity: AuditSeverity) -> Int {
        findings.count { $0.severity == severity }
    }
}

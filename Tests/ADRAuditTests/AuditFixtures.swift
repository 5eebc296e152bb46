import ADRAudit
import ADRCore

/// Logs written as literal strings, as the rules see them.
enum Fixture {
    static let folder = "doc/adr"

    /// An adr-tools record.
    static func record(
        _ number: Int,
        _ title: String,
        status: String = "Accepted",
        date: String? = "2026-01-01",
        links: [String] = [],
        decision: String = "We will do it."
    ) -> String {
        var text = "# \(number). \(title)\n\n"
        if let date { text += "Date: \(date)\n\n" }
        text += "## Status\n\n\(status)\n\n"
        for link in links { text += link + "\n\n" }
        text += "## Context\n\nThe forces at play.\n\n## Decision\n\n\(decision)\n\n"
        text += "## Consequences\n\nSome things get easier.\n"
        return text
    }

    static func fileName(_ number: Int, _ title: String) -> String {
        RecordFileName.make(number: number, title: title)
    }

    /// A log of `files` (file name to text) in `doc/adr`.
    static func log(_ files: [String: String]) -> AuditedLog {
        AuditedLog(
            DecisionLog(
                entries: files.map { name, text in
                    LogEntry(
                        fileName: name,
                        text: text,
                        record: DecisionRecord(parsing: text, path: folder + "/" + name)
                    )
                }
            )
        )
    }

    static func findings(
        _ files: [String: String],
        existing: Set<String> = [],
        base: AuditBase? = nil,
        approvals: [String: [ApprovalState]]? = nil,
        settings: Configuration.ApprovalSettings = .init(),
        approvers: [String]? = nil,
        histories: [RecordHistory]? = nil,
        includesHistory: Bool = false
    ) -> [AuditFinding] {
        Audit.findings(
            of: AuditInput(
                log: log(files),
                existingFiles: existing,
                base: base,
                histories: histories,
                approvals: approvals,
                approvalSettings: settings,
                approvers: approvers,
                includesHistory: includesHistory
            )
        )
    }

    static func base(
        _ files: [String: String],
        tip: [String] = [],
        firstStatuses: [String: RecordStatus?] = [:]
    ) -> AuditBase {
        AuditBase(
            name: "origin/main",
            log: log(files),
            tipRecordPaths: tip.map { folder + "/" + $0 },
            firstStatuses: firstStatuses
        )
    }
}

extension Array where Element == AuditFinding {
    func rules() -> [String] { map(\.rule) }

    func with(_ rule: String) -> [AuditFinding] { filter { $0.rule == rule } }
}

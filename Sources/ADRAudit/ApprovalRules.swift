import ADRCore
import Foundation

/// The rules over approvals, as `approvals:` in `.adr.yml` configures them.
enum ApprovalRules {
    static func isConfigured(_ input: AuditInput) -> Bool {
        let settings = input.approvalSettings
        return settings.requiredCount != nil || input.approvers != nil
            || settings.requiresDistinctApprover
    }

    /// Whether a record with `status` needs approvals.
    static func needsApproval(_ status: RecordStatus?, _ input: AuditInput) -> Bool {
        let wanted = Set(input.approvalSettings.statusesNeedingApproval)
        guard let status else { return false }
        return wanted.contains(Lifecycle(status).rawValue) || wanted.contains(status.name)
    }

    static func recordsInScope(_ input: AuditInput) -> [String] {
        guard isConfigured(input) else { return [] }
        var changed: Set<String>?
        if let base = input.base {
            var paths = Set(input.log.entries.map(\.record.path))
            for pair in BaseRules.matched(base: base.log, head: input.log) {
                guard let head = pair.head else { continue }
                if !BaseRules.decisionChanged(pair.base, head),
                    pair.base.record.status == head.record.status
                {
                    paths.remove(head.record.path)
                }
            }
            changed = paths
        }
        return input.log.entries.filter { entry in
            needsApproval(entry.record.status, input)
                && (changed?.contains(entry.record.path) ?? true)
        }.map(\.record.path)
    }

    static func findings(_ input: AuditInput) -> [AuditFinding] {
        guard let approvals = input.approvals else { return [] }
        var findings: [AuditFinding] = []
        let judge = Judge(input: input)
        for path in recordsInScope(input) {
            let line = input.log.facts(of: path)?.statusLine ?? 1
            var counted = Set<String>()
            for state in approvals[path] ?? [] {
                let approval = state.approval
                let allowed = judge.isAllowed(approval)
                let isSelf = judge.isSelfApproval(approval, path: path)
                if !state.isCurrent {
                    findings.append(
                        finding(
                            "stale-approval",
                            path,
                            line,
                            "the approval by \(approval.approver) is of an earlier text, changed in "
                                + "\(state.changedBy.map { String($0.prefix(12)) } ?? "a later commit")"
                        )
                    )
                }
                if !allowed {
                    findings.append(
                        finding(
                            "unknown-approver",
                            path,
                            line,
                            "\(approval.approver) approved it but is not among the approvers in .adr.yml"
                        )
                    )
                }
                if isSelf {
                    findings.append(
                        finding(
                            "self-approval",
                            path,
                            line,
                            "\(approval.approver) approved a change they made; "
                                + "approvals: distinct-approver asks for someone else"
                        )
                    )
                }
                if state.isCurrent, allowed, !isSelf { counted.insert(approval.approverKey) }
            }
            if let required = input.approvalSettings.requiredCount, counted.count < required,
                let entry = input.log.entries.first(where: { $0.record.path == path })
            {
                findings.append(
                    finding(
                        "missing-approval",
                        path,
                        line,
                        "\(entry.record.status?.name ?? "accepted") with \(counted.count) of the "
                            + "\(required) current approvals required (approvals: required in .adr.yml)"
                    )
                )
            }
        }
        return findings
    }

    static func finding(_ rule: String, _ path: String, _ line: Int, _ message: String)
        -> AuditFinding
    {
        AuditFinding(
            rule: rule,
            severity: AuditRule.named(rule)?.defaultSeverity ?? .warning,
            path: path,
            line: line,
            message: message
        )
    }

    /// Who counts as an approver, and who wrote what.
    struct Judge {
        let input: AuditInput
        let allowedKeys: Set<String>?
        let historyByPath: [String: RecordHistory]

        init(input: AuditInput) {
            self.input = input
            allowedKeys = input.approvers.map { Set($0.map(Self.key)) }
            var byPath: [String: RecordHistory] = [:]
            for history in input.histories ?? [] where !history.isDeleted {
                if let path = history.lastChanged?.path { byPath[path] = history }
            }
            historyByPath = byPath
        }

        /// An email in angle brackets, else the whole text, lower-cased.
        static func key(_ person: String) -> String {
            Approval(
                record: "",
                textHash: "",
                approver: person,
                date: "",
                source: .note,
                commit: ""
            )
            .approverKey
        }

        func isAllowed(_ approval: Approval) -> Bool {
            guard let allowedKeys else { return true }
            if allowedKeys.contains(approval.approverKey) { return true }
            let name = approval.approver.split(separator: "<").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            return name.map(allowedKeys.contains) ?? false
        }

        /// Whether the approver wrote the revision whose text the approval approves.
        func isSelfApproval(_ approval: Approval, path: String) -> Bool {
            guard input.approvalSettings.requiresDistinctApprover,
                let history = historyByPath[path]
            else { return false }
            let revision =
                history.revisions.first { $0.commit == approval.commit }
                ?? history.revisions.last { $0.textHash == approval.textHash }
            guard let author = revision?.author else { return false }
            return author.email.lowercased() == approval.approverKey
        }
    }
}

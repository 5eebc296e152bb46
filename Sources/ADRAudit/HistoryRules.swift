import ADRCore

/// `--history`: every commit of the log's history that broke a rule, as who did what when.
enum HistoryRules {
    static func findings(_ input: AuditInput, histories: [RecordHistory]) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        let judge = ApprovalRules.Judge(input: input)
        for history in histories {
            let headPath = history.isDeleted ? nil : history.lastChanged?.path
            var previous: RecordRevision?
            for revision in history.revisions {
                let who =
                    "\(revision.commit.prefix(12)) by \(revision.author.formatted) on "
                    + "\(revision.date.prefix(10))"
                func add(_ rule: String, _ message: String) {
                    findings.append(
                        AuditFinding(
                            rule: rule,
                            severity: AuditRule.named(rule)?.defaultSeverity ?? .error,
                            path: revision.path,
                            message: message
                        )
                    )
                }
                if revision.change == .deleted {
                    add("record-deleted", "deleted in \(who)")
                    previous = nil
                    continue
                }
                let before = previous.map { Lifecycle($0.status) }
                let after = Lifecycle(revision.status)
                if let previous, let before {
                    if before.isDecided, let old = previous.textHash, let new = revision.textHash,
                        old != new
                    {
                        add(
                            "decided-record-changed",
                            "decision text rewritten in \(who) while the record was \(before.rawValue)"
                        )
                    }
                    if !before.allows(after) {
                        add(
                            "invalid-transition",
                            "status changed from \(previous.status?.name ?? "none") to "
                                + "\(revision.status?.name ?? "none") in \(who)"
                        )
                    }
                } else if after == .superseded || after == .deprecated {
                    add("invalid-transition", "first appeared already \(after.rawValue) in \(who)")
                }
                if let required = input.approvalSettings.requiredCount,
                    ApprovalRules.needsApproval(revision.status, input),
                    previous.map({ !ApprovalRules.needsApproval($0.status, input) }) ?? true
                {
                    let approvers = Set(
                        (headPath.flatMap { input.approvals?[$0] } ?? [])
                            .map(\.approval)
                            .filter { approval in
                                approval.textHash == revision.textHash
                                    && judge.isAllowed(approval)
                                    && !(headPath.map {
                                        judge.isSelfApproval(approval, path: $0)
                                    } ?? false)
                            }
                            .map(\.approverKey)
                    )
                    if approvers.count < required {
                        add(
                            "missing-approval",
                            "\(revision.status?.name ?? "accepted") in \(who) with "
                                + "\(approvers.count) of the \(required) approvals required"
                        )
                    }
                }
                previous = revision
            }
        }
        return findings
    }
}

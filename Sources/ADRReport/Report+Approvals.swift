import ADRCore

extension Report {
    /// The `"approvals"` array `adr show --format json` adds to a record's object.
    public static func approvalsJSON(_ report: ApprovalReport) -> JSONValue {
        .array(
            report.states.map { state in
                let approval = state.approval
                return .object([
                    ("by", .string(approval.approver)),
                    ("date", .string(approval.date)),
                    ("source", .string(approval.source.rawValue)),
                    ("commit", .string(approval.commit)),
                    ("textHash", .string(approval.textHash)),
                    ("current", .bool(state.isCurrent)),
                    ("changedBy", JSONValue(state.changedBy)),
                    ("comment", JSONValue(approval.comment)),
                ])
            }
        )
    }

    /// `json` (a record's object) with `approvals` appended as its last member.
    public static func adding(_ approvals: ApprovalReport, to json: JSONValue) -> JSONValue {
        guard case .object(let members) = json else { return json }
        return .object(members + [("approvals", approvalsJSON(approvals))])
    }

    /// The `approvals:` block `adr show` prints after the record's metadata; every value
    /// comes from commits or notes anyone could write, so all of it is sanitised.
    public static func approvalsText(_ report: ApprovalReport) -> String {
        guard !report.states.isEmpty else { return "approvals: none\n" }
        var lines = ["approvals:"]
        for state in report.states {
            let approval = state.approval
            let verdict =
                state.changedBy.map { "stale: text changed in \($0.prefix(12))" } ?? "current"
            var line =
                "  \(approval.approver)  \(approval.date)  \(approval.source.rawValue) "
                + "\(approval.commit.prefix(12))  \(verdict)"
            if let comment = approval.comment { line += "  \"\(comment)\"" }
            lines.append(line)
        }
        return lines.map(Terminal.sanitized).joined(separator: "\n") + "\n"
    }
}

extension Report {
    /// The line `adr sync` prints: what came in from the remote and what went out.
    public static func syncLine(_ summary: SyncSummary, remote: String) -> String {
        func notes(_ count: Int) -> String { count == 1 ? "1 note" : "\(count) notes" }
        return "synced approvals with \(remote): merged \(notes(summary.received)) from it, "
            + "pushed \(notes(summary.sent)) to it"
    }
}

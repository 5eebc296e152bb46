public import ADRSite

extension Report {
    /// `adr why TOPIC` for a person: the decision that holds, why, who approved it, and
    /// the decisions before it with their reasons.
    public static func whyText(_ pattern: DecisionPattern) -> String {
        var lines: [String] = []
        let count = pattern.before.count + (pattern.holding == nil ? 0 : 1)
        lines.append("\(pattern.name): \(count) decision\(count == 1 ? "" : "s")")
        lines.append("")
        if let holding = pattern.holding {
            lines.append("Holds now: \(heading(holding))")
            lines += details(holding, indent: "  ")
        } else {
            lines.append("No decision about \(pattern.name) holds now.")
        }
        if !pattern.before.isEmpty {
            lines.append("")
            lines.append("Before it:")
            for decision in pattern.before {
                lines.append("  \(heading(decision))")
                if !decision.replacedBy.isEmpty {
                    lines.append("    replaced by: \(decision.replacedBy.joined(separator: ", "))")
                }
                if let reason = decision.reason { lines.append("    why: \(oneLine(reason))") }
            }
        }
        return lines.map(Terminal.sanitized).joined(separator: "\n") + "\n"
    }

    /// `adr why TOPIC --format json`.
    public static func whyJSON(_ pattern: DecisionPattern) -> JSONValue {
        .object([
            ("topic", .string(pattern.name)),
            ("holding", pattern.holding.map(json) ?? .null),
            ("before", .array(pattern.before.map(json))),
        ])
    }

    private static func heading(_ decision: DecisionPattern.Decision) -> String {
        let number = decision.number.map { "\($0). " } ?? ""
        var facts = [decision.status?.name ?? "no status"]
        if let date = decision.date { facts.append(date) }
        if let log = decision.log { facts.append(log) }
        return "\(number)\(decision.title) (\(facts.joined(separator: ", "))) \(decision.path)"
    }

    private static func details(_ decision: DecisionPattern.Decision, indent: String) -> [String] {
        var lines: [String] = []
        if let reason = decision.reason { lines.append("\(indent)why: \(oneLine(reason))") }
        if let consequences = decision.consequences {
            lines.append("\(indent)consequences: \(oneLine(consequences))")
        }
        for state in decision.approvals {
            let verdict = state.isCurrent ? "current" : "stale"
            lines.append(
                "\(indent)approved by \(state.approval.approver) on \(state.approval.date.prefix(10)) (\(verdict))"
            )
        }
        return lines
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static func json(_ decision: DecisionPattern.Decision) -> JSONValue {
        .object([
            ("number", JSONValue(decision.number)),
            ("title", .string(decision.title)),
            ("status", JSONValue(decision.status?.name)),
            ("date", JSONValue(decision.date)),
            ("path", .string(decision.path)),
            ("log", JSONValue(decision.log)),
            ("reason", JSONValue(decision.reason)),
            ("consequences", JSONValue(decision.consequences)),
            ("replacedBy", .array(decision.replacedBy.map { .string($0) })),
            (
                "approvals",
                .array(
                    decision.approvals.map { state in
                        .object([
                            ("approver", .string(state.approval.approver)),
                            ("date", .string(state.approval.date)),
                            ("current", .bool(state.isCurrent)),
                        ])
                    }
                )
            ),
        ])
    }
}

/// One check of `adr audit`: its stable id, its default severity and what it is for.
public struct AuditRule: Sendable, Hashable {
    public var id: String
    public var defaultSeverity: AuditSeverity
    /// One line, for a rule table.
    public var summary: String
    /// What the rule checks and why.
    public var explanation: String
    /// What to do about a finding.
    public var help: String

    public init(
        id: String,
        defaultSeverity: AuditSeverity,
        summary: String,
        explanation: String,
        help: String
    ) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.explanation = explanation
        self.help = help
    }
}

extension AuditRule {
    /// Every rule, in the order the README lists them. The ids are stable.
    public static let all: [AuditRule] = [
        AuditRule(
            id: "unreadable-record",
            defaultSeverity: .error,
            summary: "A record the parser could not fully read.",
            explanation:
                "The parser's warnings: malformed front matter, no title, a file that cannot be read, statuses that disagree.",
            help: "Fix the record where the message says; `adr show REF` shows what was read."
        ),
        AuditRule(
            id: "duplicate-number",
            defaultSeverity: .error,
            summary: "Two records share a number.",
            explanation:
                "A number names one decision; two records with one number make references ambiguous.",
            help:
                "Give one of them a free number with `adr renumber REF`, or turn the rule off for a log that numbers this way on purpose."
        ),
        AuditRule(
            id: "title-number-mismatch",
            defaultSeverity: .warning,
            summary: "The title's number is not the file's.",
            explanation: "A file `0033-x.md` titled `# 3. X` is cited by two numbers.",
            help: "Make the title's number the file's."
        ),
        AuditRule(
            id: "missing-status",
            defaultSeverity: .warning,
            summary: "A record without a status.",
            explanation: "Without a status nobody knows whether the decision holds.",
            help: "Add a status (`adr status REF accepted`)."
        ),
        AuditRule(
            id: "unknown-status",
            defaultSeverity: .warning,
            summary: "A status outside the lifecycle.",
            explanation:
                "The status is none of proposed, accepted, rejected, deprecated, superseded or a common extra.",
            help: "Use one of the lifecycle's statuses."
        ),
        AuditRule(
            id: "missing-date",
            defaultSeverity: .warning,
            summary: "A record without a date.",
            explanation:
                "The record states no date, in a `Date:` line, the front matter or the status.",
            help: "Add the date the decision was made."
        ),
        AuditRule(
            id: "invalid-date",
            defaultSeverity: .warning,
            summary: "A date that cannot be read, or a placeholder.",
            explanation: "The date is neither ISO nor a day-month-year form adr reads.",
            help: "Write the date as YYYY-MM-DD."
        ),
        AuditRule(
            id: "dangling-link",
            defaultSeverity: .error,
            summary: "A link to a record or file that does not exist.",
            explanation: "An inline or reference-style link to a local file that is not there.",
            help: "Point the link at the record's current file name, or remove it."
        ),
        AuditRule(
            id: "one-way-supersede",
            defaultSeverity: .error,
            summary: "A supersede link without its reverse.",
            explanation:
                "A record says it supersedes another, which does not say it is superseded by it, or the reverse.",
            help: "Add the missing link line (`adr link`), or supersede with `adr new -s`."
        ),
        AuditRule(
            id: "superseded-without-successor",
            defaultSeverity: .warning,
            summary: "A superseded record that names no successor.",
            explanation:
                "A reader of a superseded record cannot find the decision that replaced it.",
            help: "Link the successor: `Superseded by [N. Title](file.md)`."
        ),
        AuditRule(
            id: "supersede-cycle",
            defaultSeverity: .error,
            summary: "Records that supersede each other in a circle.",
            explanation:
                "Following `Superseded by` links comes back to where it started, so no record holds.",
            help: "Remove the link that closes the circle."
        ),
        AuditRule(
            id: "numbering-gap",
            defaultSeverity: .note,
            summary: "Numbers missing between records.",
            explanation: "A gap may be a deleted or renumbered record, or one on another branch.",
            help: "Nothing to do if the gap is known."
        ),
        AuditRule(
            id: "decided-record-changed",
            defaultSeverity: .error,
            summary: "The decision text of a decided record changed.",
            explanation:
                "An accepted, rejected, deprecated or superseded record was rewritten; status, links and whitespace do not count.",
            help: "Revert the edit and supersede the record with a new one: `adr new -s REF TITLE`."
        ),
        AuditRule(
            id: "record-deleted",
            defaultSeverity: .error,
            summary: "A record was deleted.",
            explanation:
                "A record at the base is gone; decisions are superseded or deprecated, not deleted.",
            help: "Restore the record and mark it deprecated or superseded."
        ),
        AuditRule(
            id: "record-renamed",
            defaultSeverity: .warning,
            summary: "A decided record's file name or number changed.",
            explanation: "Links and references elsewhere use the old name.",
            help: "Keep the old name unless every reference was updated."
        ),
        AuditRule(
            id: "number-taken-on-base",
            defaultSeverity: .error,
            summary: "A new record uses a number the base took meanwhile.",
            explanation:
                "Another branch merged a record with the same number since this one started.",
            help:
                "Rebase onto the base and give the new record a free number with `adr renumber REF`."
        ),
        AuditRule(
            id: "invalid-transition",
            defaultSeverity: .error,
            summary: "A status change the lifecycle forbids.",
            explanation:
                "Accepted back to proposed, superseded back to accepted, or a record that first appears already superseded or deprecated.",
            help: "Supersede the record with a new one instead of changing its status back."
        ),
        AuditRule(
            id: "missing-approval",
            defaultSeverity: .error,
            summary: "An accepted record without the approvals required.",
            explanation:
                "`approvals: required` in .adr.yml asks for current approvals from allowed approvers.",
            help: "Ask an approver to run `adr approve REF`, or add an `Approved-by:` trailer."
        ),
        AuditRule(
            id: "stale-approval",
            defaultSeverity: .warning,
            summary: "An approval of an earlier text.",
            explanation: "The decision text changed after the approval was given.",
            help: "Ask for a new approval of the current text."
        ),
        AuditRule(
            id: "self-approval",
            defaultSeverity: .error,
            summary: "An approval by the author of the approved change.",
            explanation: "`approvals: distinct-approver` asks that someone else approves.",
            help: "Ask someone other than the author to approve."
        ),
        AuditRule(
            id: "unknown-approver",
            defaultSeverity: .warning,
            summary: "An approval by someone not in the approvers list.",
            explanation: "The approval does not count towards `approvals: required`.",
            help: "Add the person to `approvals: approvers`, or ask an approver."
        ),
    ]

    /// The rule with `id`.
    public static func named(_ id: String) -> AuditRule? {
        all.first { $0.id == id }
    }
}

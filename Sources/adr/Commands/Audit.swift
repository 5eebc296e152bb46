import ADRAudit
import ADRReport
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Check the decision log for CI: structure, links, statuses, approvals.",
            discussion: """
                With --base REF, also what this branch changed since the merge base of REF \
                and HEAD: rewritten decisions, deleted records, numbers another branch took. \
                Findings are `path:line:column: severity: message [rule-id]`; each rule's \
                level can be set under `audit:` in .adr.yml or with --rule.

                Rules: \(ADRAudit.AuditRule.all.map(\.id).joined(separator: ", ")).

                Exit status: 0 no error findings (warnings too with --strict), 1 error \
                findings, 2 could not audit (a base not found, a shallow clone), 64 usage.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(
            help: ArgumentHelp(
                "Also audit what changed since the merge base of this ref and HEAD.",
                valueName: "ref"
            )
        )
        var base: String?

        @Flag(help: "Audit the working tree instead of HEAD (for a pre-commit hook).")
        var worktree = false

        @Flag(help: "Also report every commit of the history that broke a rule.")
        var history = false

        @Option(help: "text, json, github, sarif, junit or codequality.")
        var format: AuditFormat = .text

        @Option(
            help: ArgumentHelp("Write the report to a file instead of stdout.", valueName: "file")
        )
        var output: String?

        @Option(
            help: ArgumentHelp(
                "Append a Markdown summary (for $GITHUB_STEP_SUMMARY).",
                valueName: "file"
            )
        )
        var summary: String?

        @Flag(help: "Fail on warnings too.")
        var strict = false

        @Option(
            help: ArgumentHelp(
                "Set a rule's level: off, note, warning or error.",
                valueName: "id=level"
            )
        )
        var rule: [RuleLevel] = []

        @Option(help: ArgumentHelp("Leave out the findings this file lists.", valueName: "file"))
        var baseline: String?

        @Option(
            help: ArgumentHelp("Write the findings as a baseline file and exit.", valueName: "file")
        )
        var writeBaseline: String?

        func run() throws {
            let workspace = try global.workspace()
            let request = AuditRequest(
                base: base,
                worktree: worktree,
                history: history,
                ruleLevels: rule.map { ($0.rule, $0.level) },
                baseline: writeBaseline == nil ? baseline : nil
            )
            let result = try workspace.audit(request)
            if let writeBaseline {
                try workspace.writeBaseline(result.findings, to: writeBaseline)
                return Output.warning("wrote \(result.findings.count) findings to \(writeBaseline)")
            }
            let context = AuditReport.Context(
                displayPath: { workspace.displayPath(workspace.location.root + "/" + $0) },
                toolVersion: ADR.configuration.version
            )
            let report = AuditReport.render(result, as: format.reportFormat, context: context)
            if let output {
                try workspace.writeReport(report, to: output)
            } else {
                Output.text(report)
            }
            if let summary {
                try workspace.append(AuditReport.markdownSummary(result), toFile: summary)
            }
            Output.warning("adr audit: " + AuditReport.summaryLine(result))
            if result.count(.error) > 0 || (strict && result.count(.warning) > 0) {
                throw ExitCode(1)
            }
        }
    }
}

/// `--rule ID=LEVEL`: a known rule and a level, checked while parsing (a usage error else).
struct RuleLevel: ExpressibleByArgument {
    var rule: String
    var level: String

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, AuditRule.named(parts[0]) != nil,
            AuditSeverity(rawValue: parts[1].lowercased()) != nil
        else { return nil }
        rule = parts[0]
        level = parts[1].lowercased()
    }
}

/// `--format` of `adr audit`.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif, junit, codequality

    var reportFormat: AuditReport.Format { AuditReport.Format(rawValue: rawValue) ?? .text }
}

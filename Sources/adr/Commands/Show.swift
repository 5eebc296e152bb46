import ADRCore
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a record with its metadata and its links, resolved both ways.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A number, file name or path.") var reference: String

        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let workspace = try global.workspace()
            let log = try workspace.readLog()
            let entry = try workspace.entry(matching: reference, in: log)
            let approvals = readApprovals(of: entry, in: workspace)
            switch format {
            case .json:
                let json = Report.json(for: entry, in: log, workspace: workspace)
                Output.line((approvals.map { Report.adding($0, to: json) } ?? json).rendered())
            case .text:
                Output.text(Report.text(for: entry, in: log, workspace: workspace))
                if let approvals { Output.text("\n" + Report.approvalsText(approvals)) }
            }
        }

        /// Approvals are extra: a git problem reading them is a warning, not a failed show.
        private func readApprovals(of entry: LogEntry, in workspace: Workspace) -> ApprovalReport? {
            do {
                let approvals = try workspace.approvals(of: entry)
                for warning in approvals?.warnings ?? [] { Output.warning("warning: \(warning)") }
                return approvals
            } catch {
                Output.warning("warning: approvals not shown: \(error)")
                return nil
            }
        }
    }
}

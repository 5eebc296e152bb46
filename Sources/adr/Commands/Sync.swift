import ADRReport
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Fetch, merge and push the approval notes.",
            discussion: """
                Fetches the remote's notes into <notes-ref>-remote, adds their approvals to \
                the local notes, then pushes the local notes reference.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A remote name, URL or path.") var remote: String = "origin"

        func run() throws {
            let workspace = try global.workspace()
            let merged = try workspace.syncApprovals(with: remote)
            Output.line(Terminal.sanitized(Report.syncLine(merged, remote: remote)))
        }
    }
}

import ADRCore
import ADRReport
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Record an approval of a record's committed decision text in a git note.",
            discussion: """
                The note goes on the commit that last changed the record, in the notes \
                reference of .adr.yml (default refs/notes/adr); `adr sync` shares it. \
                Approving the same text twice as the same person changes nothing.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A number, file name or path.") var reference: String

        @Option(help: ArgumentHelp("Who approves; default: git's user.", valueName: "Name <email>"))
        var by: Person?

        @Option(help: "A one-line comment kept with the approval.") var comment: String?

        func run() throws {
            let workspace = try global.workspace()
            let log = try workspace.readLog(texts: false)
            let entry = try workspace.entry(matching: reference, in: log)
            switch try workspace.approve(entry, by: by, comment: comment) {
            case .recorded(let approver, let commit):
                Output.line(
                    Terminal.sanitized("approved by \(approver) (note on \(commit.prefix(12)))")
                )
            case .alreadyRecorded(let approver, let commit):
                Output.line(
                    Terminal.sanitized(
                        "already approved by \(approver) (note on \(commit.prefix(12)))"
                    )
                )
            }
        }
    }
}

import ADRCore
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Change a record's status where the record keeps it.",
            discussion: """
                Allowed without --force: proposed -> accepted | rejected, \
                accepted -> deprecated | superseded.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A number, file name or path.") var reference: String
        @Argument(help: "The new status.") var status: String

        @Option(help: "Date of the change, YYYY-MM-DD (default: ADR_DATE or today).")
        var date: CalendarDate?

        @Flag(help: "Allow a change the lifecycle does not.") var force = false

        func run() throws {
            let workspace = try global.workspace()
            let path = try workspace.setStatus(of: reference, to: status, date: date, force: force)
            Output.line(workspace.displayPath(path))
        }
    }
}

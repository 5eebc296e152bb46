import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Renumber: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "renumber",
            abstract: "Move a record to a free number and rewrite every link to it.",
            discussion: "The fix when two branches added the same number."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A number, file name or path.") var reference: String
        @Option(help: "The new number (default: the next free one).") var to: Int?

        func run() throws {
            let workspace = try global.workspace()
            let (old, new) = try workspace.renumber(reference, to: to)
            Output.line("\(workspace.displayPath(old)) -> \(workspace.displayPath(new))")
        }
    }
}

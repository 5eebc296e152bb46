import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Start a decision log with its first record.",
            discussion: "With DIR, the log is DIR and .adr-dir records it, as adr-tools does."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The log folder (default: doc/adr).")
        var directory: String?

        @Option(help: "The template of the log: nygard (default), madr, madr-minimal, lightweight.")
        var template: String?

        func run() throws {
            var workspace = try global.workspace()
            let path = try workspace.initialize(directory: directory, template: template)
            Output.line(workspace.displayPath(path))
        }
    }
}

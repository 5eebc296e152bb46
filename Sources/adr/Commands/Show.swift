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
            switch format {
            case .json: Output.line(Report.json(for: entry, in: log, workspace: workspace).rendered())
            case .text: Output.text(Report.text(for: entry, in: log, workspace: workspace))
            }
        }
    }
}

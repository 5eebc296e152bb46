import ADRReport
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a record with its metadata and its links, resolved both ways.",
            discussion: """
                In a git repository also its history, status timeline and approvals; a \
                record deleted since is shown from its last committed text.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A number, file name or path.") var reference: String

        @Option(help: "text or json.") var format: OutputFormat = .text

        @OptionGroup var caching: CacheOptions

        func run() throws {
            let (log, details) = try global.workspace()
                .details(of: reference, useCache: caching.useCache, textHashes: format == .json)
            Output.warnings(details.warnings)
            switch format {
            case .json: Output.line(Report.json(for: details, in: log).rendered())
            case .text: Output.text(Report.text(for: details, in: log))
            }
        }
    }
}

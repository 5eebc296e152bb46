import ADRCore
import ADRReport
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the records of the log.",
            discussion: """
                At a terminal: a table of number, status, date and title. Piped: one path per \
                line, as adr-tools prints. --format json prints one array of records.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "Only records with this status (proposed, accepted, …).")
        var status: String?

        @Option(help: "Only records with this tag.")
        var tag: String?

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @Flag(help: "With --format json: add each record's git history.")
        var history = false

        @OptionGroup var caching: CacheOptions

        func run() throws {
            let workspace = try global.workspace()
            let (log, entries) = try workspace.records(withStatus: status, tag: tag)
            switch format {
            case .json:
                let found =
                    history ? try workspace.histories(of: entries, useCache: caching.useCache) : nil
                Output.warnings(found?.warnings ?? [])
                var writer = JSONWriter(sink: Output.write)
                writer.value(Report.json(for: entries, in: log, histories: found?.histories))
                writer.flush()
                Output.write([UInt8(ascii: "\n")])
            case .text:
                Output.warnings(entries.flatMap(\.record.warnings).map(\.description))
                if Terminal.standardOutputIsTerminal {
                    Output.text(Report.table(entries))
                } else {
                    Output.text(
                        entries.map { workspace.displayPath(workspace.absolutePath(of: $0)) + "\n" }
                            .joined()
                    )
                }
            }
        }
    }
}

import ADRCore
import ADRWorkspace
import ArgumentParser

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

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
            let log = try workspace.readLog()
            let entries = log.entries.filter { entry in
                (status.map { RecordStatus(name: $0) == entry.record.status } ?? true)
                    && (tag.map { wanted in
                        entry.record.tags.contains { $0.lowercased() == wanted.lowercased() }
                    }
                        ?? true)
            }
            switch format {
            case .json where history:
                let logHistory = try workspace.readHistory(useCache: caching.useCache)
                logHistory.warnings.forEach { Output.warning($0) }
                let byPath = logHistory.historiesByPath
                let records = entries.map { entry in
                    let path = workspace.rootRelativePath(workspace.absolutePath(of: entry))
                    return Report.json(for: entry, in: log, history: byPath[path])
                }
                var writer = JSONWriter(sink: Output.write(bytes:))
                writer.value(.array(records))
                writer.flush()
                Output.line("")
            case .json:
                Output.line(
                    JSONValue.array(
                        entries.map { Report.json(for: $0, in: log) }
                    ).rendered()
                )
            case .text:
                for entry in entries { entry.record.warnings.forEach { Output.warning("\($0)") } }
                if Terminal.standardOutputIsTerminal {
                    Output.text(Report.table(entries))
                } else {
                    for entry in entries {
                        Output.line(workspace.displayPath(workspace.absolutePath(of: entry)))
                    }
                }
            }
        }
    }
}

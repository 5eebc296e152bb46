import ADRCore
import ADRReport
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Show the decision log's events from git history, newest first.",
            discussion: """
                Events: created, status changed, edited, renamed, deleted, approved (from \
                commit trailers and approval notes). Needs a git repository. The history is \
                cached in the git directory (--no-cache scans it all and leaves the cache).
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Only this record: a number, file name or path.")
        var reference: String?

        @Option(help: "Only events on or after this date (YYYY-MM-DD).")
        var since: CalendarDate?

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @OptionGroup var caching: CacheOptions

        func run() throws {
            let log = try global.workspace()
                .events(of: reference, since: since, useCache: caching.useCache)
            Output.warnings(log.warnings)
            switch format {
            case .json:
                var writer = JSONWriter(sink: Output.write)
                Report.writeJSON(for: log.events, inOrder: log.order, to: &writer)
                writer.flush()
                Output.write([UInt8(ascii: "\n")])
            case .text:
                Report.writeText(for: log.events, inOrder: log.order, to: Output.write)
            }
        }
    }
}

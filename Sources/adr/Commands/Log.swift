import ADRCore
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Show the decision log's events from git history, newest first.",
            discussion: """
                Events: created, status changed, edited, renamed, deleted, approved (from \
                commit trailers and approval notes). Needs a git repository; the history is \
                cached in the git directory (--no-cache skips it).
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Only this record: a number, file name or path.")
        var reference: String?

        @Option(help: "Only events on or after this date (YYYY-MM-DD).")
        var since: String?

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @Flag(help: "Scan the whole history; neither read nor write the cache.")
        var noCache = false

        func run() throws {
            let workspace = try global.workspace()
            let history = try workspace.readHistory(useCache: !noCache)
            PhaseTimer.mark("history")
            history.warnings.forEach { Output.warning($0) }
            var records = history.records
            if let reference {
                let log = try workspace.readLog()
                let record: RecordHistory?
                if let entry = try? workspace.entry(matching: reference, in: log) {
                    record = history.history(
                        ofPath: workspace.rootRelativePath(workspace.absolutePath(of: entry))
                    )
                } else if let deleted = workspace.deletedRecord(matching: reference, in: history) {
                    record = deleted
                } else {
                    _ = try workspace.entry(matching: reference, in: log)
                    record = nil
                }
                records = record.map { [$0] } ?? []
            }
            // Approvals are extra: a git problem reading them is a warning, not a failed log.
            var approvals: [LogEvent] = []
            do {
                let found = try workspace.approvalEvents(of: records, in: history)
                found.warnings.forEach { Output.warning("warning: \($0)") }
                approvals = found.events
            } catch {
                Output.warning("warning: approvals not shown: \(error)")
            }
            // One array of the right size: growing it copied every event more than once.
            var events: [LogEvent] = []
            events.reserveCapacity(
                records.reduce(approvals.count) { $0 + $1.revisions.count }
            )
            for record in records { events += record.events }
            events += approvals
            PhaseTimer.mark("approvals")
            var order = LogEvent.newestFirstIndices(events)
            if let since {
                guard since.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else {
                    throw WorkspaceError.invalidArgument("--since wants a date like 2025-03-01")
                }
                order = order.filter { String(events[$0].date.prefix(10)) >= since }
            }
            switch format {
            case .json:
                var writer = JSONWriter(sink: Output.write(bytes:))
                Report.writeJSON(for: events, inOrder: order, to: &writer)
                writer.flush()
                Output.line("")
            case .text: Output.text(Report.text(for: order.map { events[$0] }))
            }
            PhaseTimer.mark("output")
            Output.keepUntilExit(history, events)
        }
    }
}

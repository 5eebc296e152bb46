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
                commit trailers and approval notes). Needs a git repository. The history, and \
                the last output over the whole log, are cached in the git directory \
                (--no-cache skips both).
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Only this record: a number, file name or path.")
        var reference: String?

        @Option(help: "Only events on or after this date (YYYY-MM-DD).")
        var since: String?

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @OptionGroup var caching: CacheOptions

        func run() throws {
            if let since, since.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil {
                throw WorkspaceError.invalidArgument("--since wants a date like 2025-03-01")
            }
            let workspace = try global.workspace()
            // The whole log's output is kept for the next run; one record's is quick anyway.
            let outputCache =
                reference == nil && caching.useCache
                ? workspace.logOutputCache(format: format.rawValue, since: since) : nil
            if let outputCache, outputCache.replay(to: Output.write(bytes:)) {
                PhaseTimer.mark("output replayed")
                return
            }
            let history = try workspace.readHistory(useCache: caching.useCache)
            PhaseTimer.mark("history")
            // An output that warned is not kept: a replay would not warn again.
            var warned = !history.warnings.isEmpty
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
                warned = warned || !found.warnings.isEmpty
                approvals = found.events
            } catch {
                Output.warning("warning: approvals not shown: \(error)")
                warned = true
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
                order = order.filter { String(events[$0].date.prefix(10)) >= since }
            }
            // Written as it is made, and kept at the end if nothing moved meanwhile.
            let recording = warned ? nil : outputCache?.record()
            func emit(_ bytes: UnsafeRawBufferPointer) {
                Output.write(bytes: bytes)
                recording?.write(bytes)
            }
            switch format {
            case .json:
                var writer = JSONWriter(sink: emit)
                Report.writeJSON(for: events, inOrder: order, to: &writer)
                writer.flush()
                [UInt8(ascii: "\n")].withUnsafeBytes(emit)
            case .text:
                var text = Report.text(for: order.map { events[$0] })
                text.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
            }
            PhaseTimer.mark("output")
            if let recording, let outputCache {
                // A commit, a note or an approval made during the run changes the key.
                let now = workspace.logOutputCache(format: format.rawValue, since: since)
                if now?.key == outputCache.key {
                    // Whoever reads the output has all of it: keeping it (putting megabytes
                    // on disk) need not hold up a pipeline.
                    Output.close()
                    recording.keep()
                } else {
                    recording.discard()
                }
                PhaseTimer.mark("output kept")
            }
            Output.keepUntilExit(history, events)
        }
    }
}

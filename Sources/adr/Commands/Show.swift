import ADRCore
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a record with its metadata and its links, resolved both ways."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A number, file name or path.") var reference: String

        @Option(help: "text or json.") var format: OutputFormat = .text

        @OptionGroup var caching: CacheOptions

        func run() throws {
            let workspace = try global.workspace()
            let log = try workspace.readLog()
            // Outside a repository show works from the files alone, as it always did.
            let history: LogHistory?
            switch Result(catching: { () throws(WorkspaceError) in
                try workspace.readHistory(useCache: caching.useCache)
            }) {
            case .success(let read): history = read
            case .failure(.noRepository): history = nil
            case .failure(let error): throw error
            }
            history?.warnings.forEach { Output.warning($0) }

            var entry: LogEntry
            var recordHistory: RecordHistory?
            var deleted = false
            do {
                entry = try workspace.entry(matching: reference, in: log)
                recordHistory = history?.history(
                    ofPath: workspace.rootRelativePath(workspace.absolutePath(of: entry))
                )
            } catch {
                // A record deleted since is still in history: show its last committed text.
                guard let history,
                    let found = workspace.deletedRecord(matching: reference, in: history),
                    let path = found.lastChanged?.path
                else { throw error }
                let text = try workspace.lastText(of: found)
                let fileName = String(path.split(separator: "/").last ?? "")
                entry = LogEntry(
                    fileName: fileName,
                    text: text,
                    record: DecisionRecord(parsing: text, path: path)
                )
                recordHistory = found
                deleted = true
            }
            if format == .json, let known = recordHistory {
                recordHistory = textHashesFilled(in: known, by: workspace)
            }
            let approvals =
                deleted || history == nil
                ? nil : readApprovals(of: entry, history: recordHistory, in: workspace)
            switch format {
            case .json:
                var value = Report.json(
                    for: entry,
                    in: log,
                    history: recordHistory,
                    textHashes: true
                )
                if let approvals { value = Report.adding(approvals, to: value) }
                if deleted, case .object(let members) = value {
                    value = .object(
                        members.map {
                            $0.0 == "path"
                                ? ($0.0, .string(recordHistory?.lastChanged?.path ?? "")) : $0
                        }
                            + [("deleted", .bool(true))]
                    )
                }
                Output.line(value.rendered())
            case .text:
                Output.text(
                    Report.text(
                        for: entry,
                        in: log,
                        workspace: workspace,
                        history: history == nil ? nil : recordHistory,
                        deleted: deleted
                    )
                )
                if let approvals { Output.text("\n" + Report.approvalsText(approvals)) }
            }
        }

        /// Approvals are extra: a git problem reading them is a warning, not a failed show.
        private func readApprovals(
            of entry: LogEntry,
            history: RecordHistory?,
            in workspace: Workspace
        ) -> ApprovalReport? {
            do {
                let approvals = try workspace.approvals(of: entry, history: history)
                for warning in approvals?.warnings ?? [] { Output.warning("warning: \(warning)") }
                return approvals
            } catch {
                Output.warning("warning: approvals not shown: \(error)")
                return nil
            }
        }

        /// Text hashes are extra too: without them the history is still worth showing.
        private func textHashesFilled(in history: RecordHistory, by workspace: Workspace)
            -> RecordHistory
        {
            do {
                return try workspace.fillingTextHashes(in: history)
            } catch {
                Output.warning("warning: text hashes not shown: \(error)")
                return history
            }
        }
    }
}

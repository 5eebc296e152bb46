public import ADRCore
import ADRHistory

/// The queries behind the read-only commands: each returns a value for a report.
extension Workspace {
    /// The records of the log with `status` and `tag` (`adr list`).
    public func records(withStatus status: String?, tag: String?) throws(WorkspaceError)
        -> (log: DecisionLog, entries: [LogEntry])
    {
        let log = try readLog(texts: false)
        return (log, log.entries(withStatus: status, tag: tag))
    }

    /// The history of each of `entries`, by their position; empty histories outside a
    /// repository are an error here, since the caller asked for them.
    public func histories(of entries: [LogEntry], useCache: Bool) throws(WorkspaceError)
        -> (histories: [RecordHistory?], warnings: [String])
    {
        let history = try readHistory(useCache: useCache)
        let byPath = history.historiesByPath
        return (
            entries.map { byPath[rootRelativePath(absolutePath(of: $0))] },
            history.warnings
        )
    }

    /// The record `reference` names with its history and approvals (`adr show`): a record
    /// of the log, or one deleted since, shown from its last committed text. Outside a
    /// repository the record alone. With `textHashes`, every revision carries its
    /// decision-text hash.
    public func details(of reference: String, useCache: Bool, textHashes: Bool = false)
        throws(WorkspaceError) -> (log: DecisionLog, details: RecordDetails)
    {
        let log = try readLog(texts: false)
        let history: LogHistory?
        var historyWarnings: [String] = []
        do {
            history = try readHistory(useCache: useCache)
        } catch .noRepository {
            history = nil
        } catch {
            // The record is in the working tree whatever git says: show it, and say why its
            // history is not shown.
            history = nil
            historyWarnings.append("warning: history not shown: \(error)")
        }
        var warnings = historyWarnings + (history?.warnings ?? [])
        var details: RecordDetails
        do {
            // From the records cache the entry has no text: the one record shown is read.
            let entry = withText(try entry(matching: reference, in: log))
            details = RecordDetails(
                entry: entry,
                displayPath: displayPath(absolutePath(of: entry)),
                history: history?.history(ofPath: rootRelativePath(absolutePath(of: entry))),
                approvals: nil,
                isDeleted: false,
                warnings: []
            )
        } catch {
            // A record deleted since is still in history: show its last committed text.
            guard let found = history?.deletedRecord(matching: reference),
                let path = found.lastChanged?.path
            else { throw error }
            let text = try lastText(of: found)
            let entry = LogEntry(
                fileName: String(path.split(separator: "/").last ?? ""),
                text: text,
                record: DecisionRecord(parsing: text, path: path)
            )
            details = RecordDetails(
                entry: entry,
                displayPath: displayPath(absolutePath(of: entry)),
                history: found,
                approvals: nil,
                isDeleted: true,
                warnings: []
            )
        }
        if textHashes, let known = details.history {
            // Text hashes are extra: without them the history is still worth showing.
            do {
                details.history = try fillingTextHashes(in: known)
            } catch {
                warnings.append("warning: text hashes not shown: \(error)")
            }
        }
        if history != nil, !details.isDeleted {
            // Approvals are extra too: a git problem reading them is a warning.
            do {
                details.approvals = try approvals(of: details.entry, history: details.history)
                warnings += (details.approvals?.warnings ?? []).map { "warning: \($0)" }
            } catch {
                warnings.append("warning: approvals not shown: \(error)")
            }
        }
        details.isHistoryUnreadable = !historyWarnings.isEmpty
        details.warnings = warnings
        return (log, details)
    }

    /// `adr log`'s events, newest first: of the record `reference` names (one of the log,
    /// else one deleted since), or of every record, with their approvals, from `since` on.
    public func events(of reference: String?, since: CalendarDate?, useCache: Bool)
        throws(WorkspaceError) -> LogEvents
    {
        // The log shows no text hashes: only its trailer approvals are judged by them.
        let keys = TrailerKeys(location.configuration.approvals.trailerKeys)
        let history = try readHistory(useCache: useCache, textHashes: .withTrailers(keys))
        PhaseTimer.mark("history")
        var warnings = history.warnings
        var records = history.records
        if let reference {
            let log = try readLog(texts: false)
            if let entry = try? entry(matching: reference, in: log) {
                records =
                    history.history(ofPath: rootRelativePath(absolutePath(of: entry)))
                    .map { [$0] } ?? []
            } else if let deleted = history.deletedRecord(matching: reference) {
                records = [deleted]
            } else {
                // Neither: the error lists the candidates.
                _ = try entry(matching: reference, in: log)
            }
        }
        // Approvals are extra: a git problem reading them is a warning, not a failed log.
        var approvals: [LogEvent] = []
        do {
            let found = try approvalEvents(of: records, in: history)
            warnings += found.warnings.map { "warning: \($0)" }
            approvals = found.events
        } catch {
            warnings.append("warning: approvals not shown: \(error)")
        }
        PhaseTimer.mark("approvals")
        let (events, order) = LogHistory.events(of: records, approvals: approvals, since: since)
        return LogEvents(events: events, order: order, warnings: warnings)
    }
}

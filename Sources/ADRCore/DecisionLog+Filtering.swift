extension DecisionLog {
    /// The records with `status` (by name, in any case) and `tag` (in any case), each
    /// filter ignored when `nil`.
    public func entries(withStatus status: String?, tag: String?) -> [LogEntry] {
        let wantedStatus = status.map { RecordStatus(name: $0) }
        let wantedTag = tag?.lowercased()
        return entries.filter { entry in
            (wantedStatus.map { $0 == entry.record.status } ?? true)
                && (wantedTag.map { wanted in
                    entry.record.tags.contains { $0.lowercased() == wanted }
                } ?? true)
        }
    }
}

extension LogHistory {
    /// `adr log`'s events of `records` and their `approvals`, newest first, from `since` on.
    public static func events(
        of records: [RecordHistory],
        approvals: [LogEvent],
        since: CalendarDate?
    ) -> (events: [LogEvent], order: [Int]) {
        // One array of the right size: growing it copied every event more than once.
        var events: [LogEvent] = []
        events.reserveCapacity(records.reduce(approvals.count) { $0 + $1.revisions.count })
        for record in records { events += record.events }
        events += approvals
        var order = LogEvent.newestFirstIndices(events)
        if let since {
            let first = since.description
            order = order.filter { events[$0].date.prefix(10) >= first }
        }
        return (events, order)
    }
}

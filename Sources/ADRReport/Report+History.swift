public import ADRCore

extension Report {
    /// The history members `adr show --format json` and `adr list --history` add to a
    /// record's object; an empty history when the record has no commits yet. With
    /// `textHashes`, each revision carries its `textHash` (`adr show` only: hashing every
    /// blob of every record would slow `list --history` down for a value few want).
    public static func historyMembers(_ history: RecordHistory?, textHashes: Bool = false)
        -> [(String, JSONValue)]
    {
        let revisions = history?.revisions ?? []
        return [
            ("history", .array(revisions.map { json(for: $0, textHash: textHashes) })),
            ("created", history?.created.map { .string($0.date) } ?? .null),
            ("lastChanged", history?.lastChanged.map { .string($0.date) } ?? .null),
            ("statusTimeline", .array((history?.statusTimeline ?? []).map(json(for:)))),
        ]
    }

    /// A record's object with its history appended.
    public static func json(
        for entry: LogEntry,
        in log: DecisionLog,
        history: RecordHistory?,
        textHashes: Bool = false
    ) -> JSONValue {
        guard case .object(let members) = json(for: entry, in: log) else {
            return .null
        }
        return .object(members + historyMembers(history, textHashes: textHashes))
    }

    /// `adr list --format json`: the records' objects, with their histories when given
    /// (by position, `nil` for a record without commits).
    public static func json(
        for entries: [LogEntry],
        in log: DecisionLog,
        histories: [RecordHistory?]?
    ) -> JSONValue {
        guard let histories else { return .array(entries.map { json(for: $0, in: log) }) }
        return .array(
            zip(entries, histories).map { json(for: $0, in: log, history: $1) }
        )
    }

    static func json(for person: Person) -> JSONValue {
        .object([("name", .string(person.name)), ("email", .string(person.email))])
    }

    static func json(for revision: RecordRevision, textHash: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("commit", .string(revision.commit)),
            ("author", json(for: revision.author)),
            ("date", .string(revision.date)),
            ("summary", .string(revision.summary)),
            ("change", .string(revision.change.rawValue)),
            ("path", .string(revision.path)),
            ("oldPath", JSONValue(revision.oldPath)),
            ("status", JSONValue(revision.status?.name)),
            ("trailers", trailersJSON(revision.trailers)),
        ]
        if textHash { members.append(("textHash", JSONValue(revision.textHash))) }
        return .object(members)
    }

    /// Trailers as an object of key to values, since a key such as `Reviewed-by` repeats.
    static func trailersJSON(_ trailers: [CommitTrailer]) -> JSONValue {
        var members: [(String, JSONValue)] = []
        forEachTrailerGroup(trailers) { key, values in
            members.append((key, .array(values.map { .string($0) })))
        }
        return .object(members)
    }

    /// The values of one trailer key, in order, read from the trailers as they are.
    struct TrailerValues: Sequence {
        let trailers: ArraySlice<CommitTrailer>
        let key: String

        func makeIterator() -> Iterator { Iterator(rest: trailers, key: key) }

        struct Iterator: IteratorProtocol {
            var rest: ArraySlice<CommitTrailer>
            let key: String

            mutating func next() -> String? {
                while let trailer = rest.popFirst() {
                    if trailer.key == key { return trailer.value }
                }
                return nil
            }
        }
    }

    /// Calls `body` once per trailer key, keys in order of first appearance, with that
    /// key's values in order. No groups are built: a commit has a handful of trailers, a
    /// linear search beats hashing, and `adr log` does this for every event.
    static func forEachTrailerGroup(
        _ trailers: [CommitTrailer],
        _ body: (_ key: String, _ values: TrailerValues) -> Void
    ) {
        for (index, trailer) in trailers.enumerated()
        where !trailers[..<index].contains(where: { $0.key == trailer.key }) {
            body(trailer.key, TrailerValues(trailers: trailers[index...], key: trailer.key))
        }
    }

    static func json(for change: StatusChange) -> JSONValue {
        .object([
            ("status", JSONValue(change.status?.name)),
            ("date", .string(change.date)),
            ("commit", .string(change.commit)),
            ("author", json(for: change.author)),
        ])
    }

    /// `adr log --format json`: one object per event, newest first. An approval's `date`
    /// is when it was given; its `author` and `summary` are those of the commit carrying it.
    /// Streamed rather than built as a ``JSONValue``: a long history gives megabytes.
    public static func writeJSON(
        for events: [LogEvent],
        inOrder order: [Int],
        to writer: inout JSONWriter
    ) {
        writer.openArray()
        for index in order {
            writer.nextElement()
            write(events[index], to: &writer)
        }
        writer.closeArray()
    }

    private static func write(_ event: LogEvent, to writer: inout JSONWriter) {
        writer.openObject()
        writer.member("event", event.kind.rawValue)
        writer.member("path", event.revision.path)
        writer.member("oldPath", event.revision.oldPath)
        writer.member("commit", event.revision.commit)
        writer.member("date", event.date)
        writer.key("author")
        writer.openObject()
        writer.member("name", event.revision.author.name)
        writer.member("email", event.revision.author.email)
        writer.closeObject()
        writer.member("summary", event.revision.summary)
        writer.member("status", event.revision.status?.name)
        writer.member("previousStatus", event.previousStatus?.name)
        writer.key("trailers")
        writer.openObject()
        forEachTrailerGroup(event.revision.trailers) { key, values in
            writer.member(key) { writer in
                writer.openArray()
                for value in values {
                    writer.nextElement()
                    writer.string(value)
                }
                writer.closeArray()
            }
        }
        writer.closeObject()
        writer.key("approval")
        if let approval = event.approval {
            writer.openObject()
            writer.member("by", approval.approver)
            writer.member("source", approval.source.rawValue)
            writer.member("textHash", approval.textHash)
            writer.member("comment", approval.comment)
            writer.closeObject()
        } else {
            writer.null()
        }
        writer.closeObject()
    }

    /// `adr log`: one line per event, newest first.
    public static func text(for events: [LogEvent]) -> String {
        var bytes: [UInt8] = []
        writeText(for: events, inOrder: Array(events.indices)) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``text(for:)`` of `events` in `order`, handed to `sink` in chunks of about 64 KiB:
    /// a long history gives megabytes, and building them as one `String` piece by piece
    /// was most of a warm `adr log`. Every piece from the repository or a note is
    /// sanitised; the words in between have nothing to sanitise.
    public static func writeText(
        for events: [LogEvent],
        inOrder order: [Int],
        to sink: ([UInt8]) -> Void
    ) {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 17)
        func append(_ piece: some StringProtocol) { Terminal.appendSanitized(piece, to: &output) }
        func word(_ literal: StaticString) {
            output.append(
                contentsOf: UnsafeBufferPointer(
                    start: literal.utf8Start,
                    count: literal.utf8CodeUnitCount
                )
            )
        }
        for index in order {
            let event = events[index]
            let revision = event.revision
            append(day(event.date))
            word("  ")
            append(revision.commit.prefix(7))
            word("  ")
            append(revision.path)
            word("  ")
            switch event.kind {
            case .created:
                word("created")
                if let status = revision.status {
                    word(" (")
                    append(status.name)
                    word(")")
                }
            case .statusChanged:
                word("status ")
                append(event.previousStatus?.name ?? "none")
                word(" -> ")
                append(revision.status?.name ?? "none")
                if let oldPath = revision.oldPath {
                    word(", renamed from ")
                    append(oldPath)
                }
            case .edited: word("edited")
            case .renamed:
                word("renamed from ")
                append(revision.oldPath ?? "?")
            case .deleted: word("deleted")
            case .approved:
                word("approved (")
                append(event.approval?.source.rawValue ?? "?")
                word(")")
            }
            word("  by ")
            append(event.approval?.approver ?? revision.author.name)
            word("  ")
            append(revision.summary)
            word("\n")
            if output.count >= 1 << 16 {
                sink(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        if !output.isEmpty { sink(output) }
    }

    /// `adr show`'s history section: the status timeline, then one line per commit.
    public static func historyText(_ history: RecordHistory?, deleted: Bool = false) -> String {
        guard let history, !history.revisions.isEmpty else { return "history: no commits yet\n" }
        var lines: [String] = []
        if deleted, let last = history.lastChanged {
            lines.append(
                "deleted: not in the working tree; deleted \(day(last.date)) by "
                    + "\(last.author.name) in \(last.commit.prefix(7))"
            )
        }
        let timeline = history.statusTimeline.enumerated().map { index, change in
            "\(change.status?.name ?? "no status") \(day(change.date)) by \(change.author.name)"
                + (index == 0 ? "" : " in \(change.commit.prefix(7))")
        }
        lines.append("timeline: " + timeline.joined(separator: ", "))
        lines.append("history:")
        for revision in history.revisions {
            var change = revision.change.rawValue
            if let oldPath = revision.oldPath { change += " from \(oldPath)" }
            lines.append(
                "  \(day(revision.date))  \(revision.commit.prefix(7))  \(change)  "
                    + "\(revision.status?.name ?? "-")  \(revision.author.name)  \(revision.summary)"
            )
        }
        return lines.map(Terminal.sanitized).joined(separator: "\n") + "\n"
    }

    private static func day(_ date: String) -> String { String(date.prefix(10)) }
}

extension Report {
    /// `adr show`: the record, then its timeline and commits, then its approvals.
    public static func text(for details: RecordDetails, in log: DecisionLog) -> String {
        var text = Report.text(for: details.entry, in: log, displayPath: details.displayPath)
        if !text.hasSuffix("\n") { text += "\n" }
        text +=
            "\n"
            + (details.isHistoryUnreadable
                ? "history: not shown, git could not read it\n"
                : historyText(details.history, deleted: details.isDeleted))
        if let approvals = details.approvals { text += "\n" + approvalsText(approvals) }
        return text
    }

    /// `adr show --format json`: the record's object with its history (and text hashes),
    /// its approvals, and for a deleted record its last path and `"deleted": true`.
    public static func json(for details: RecordDetails, in log: DecisionLog) -> JSONValue {
        var value = json(for: details.entry, in: log, history: details.history, textHashes: true)
        if let approvals = details.approvals { value = adding(approvals, to: value) }
        if details.isDeleted, case .object(let members) = value {
            let path = details.history?.lastChanged?.path ?? ""
            value = .object(
                members.map { $0.0 == "path" ? ($0.0, .string(path)) : $0 }
                    + [("deleted", .bool(true))]
            )
        }
        return value
    }
}

import ADRCore
import Foundation
import Testing

@testable import ADRReport

/// Every report against a plain file under `Snapshots/`, compared byte for byte: the key
/// order of each JSON object and the layout of each text are part of the contract.
///
/// `ADR_RECORD_SNAPSHOTS=1 swift test --filter ReportSnapshotTests` writes the files anew;
/// a recording run fails, so a snapshot is never re-recorded by accident.
@Suite struct ReportSnapshotTests {
    private static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Snapshots")

    private func assertSnapshot(
        _ actual: String,
        named name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ADR_RECORD_SNAPSHOTS"] != nil {
            try FileManager.default.createDirectory(
                at: Self.folder,
                withIntermediateDirectories: true
            )
            try Data(actual.utf8).write(to: file)
            Issue.record(
                "recorded \(name); run again without ADR_RECORD_SNAPSHOTS",
                sourceLocation: sourceLocation
            )
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(
            actual == expected,
            "\(name) differs from its snapshot",
            sourceLocation: sourceLocation
        )
    }

    private let first = """
        # 1. Record architecture decisions

        Date: 2025-03-01

        ## Status

        Superseded by [2. Use a queue](0002-use-a-queue.md)

        ## Context

        We need to record decisions.

        """

    private let second = """
        # 2. Use a queue

        Date: 2025-03-02

        ## Status

        Accepted

        Supersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)

        ## Decision

        We will use a queue, as discussed in [1](0001-record-architecture-decisions.md).

        """

    private var log: DecisionLog {
        DecisionLog(entries: [
            LogEntry(
                fileName: "0001-record-architecture-decisions.md",
                text: first,
                record: DecisionRecord(
                    parsing: first,
                    path: "doc/adr/0001-record-architecture-decisions.md"
                )
            ),
            LogEntry(
                fileName: "0002-use-a-queue.md",
                text: second,
                record: DecisionRecord(parsing: second, path: "doc/adr/0002-use-a-queue.md")
            ),
        ])
    }

    private let ada = Person(name: "Ada Lovelace", email: "ada@example.com")

    private var history: RecordHistory {
        RecordHistory(revisions: [
            RecordRevision(
                commit: String(repeating: "a", count: 40),
                author: ada,
                committer: ada,
                date: "2025-03-02T10:00:00+01:00",
                summary: "Propose a queue",
                change: .added,
                path: "doc/adr/0002-use-a-queue.md",
                status: .proposed,
                textHash: "sha1:" + String(repeating: "1", count: 40),
                blob: String(repeating: "b", count: 40),
                time: 1_740_906_000,
                order: 1
            ),
            RecordRevision(
                commit: String(repeating: "c", count: 40),
                author: ada,
                committer: ada,
                date: "2025-03-03T10:00:00+01:00",
                summary: "Accept the queue",
                change: .modified,
                path: "doc/adr/0002-use-a-queue.md",
                status: .accepted,
                trailers: [CommitTrailer(key: "Approved-by", value: "Grace <grace@example.com>")],
                textHash: "sha1:" + String(repeating: "1", count: 40),
                blob: String(repeating: "d", count: 40),
                time: 1_740_992_400,
                order: 2
            ),
        ])
    }

    private var approvals: ApprovalReport {
        let approval = Approval(
            record: "doc/adr/0002-use-a-queue.md",
            textHash: "sha1:" + String(repeating: "1", count: 40),
            approver: "Grace <grace@example.com>",
            date: "2025-03-03T10:00:00+01:00",
            comment: "Looks right",
            source: .note,
            commit: String(repeating: "c", count: 40)
        )
        return ApprovalReport(
            states: [ApprovalState(approval: approval, changedBy: nil)],
            warnings: []
        )
    }

    private var details: RecordDetails {
        RecordDetails(
            entry: log.entries[1],
            displayPath: "doc/adr/0002-use-a-queue.md",
            history: history,
            approvals: approvals,
            isDeleted: false,
            warnings: []
        )
    }

    @Test func listJSON() throws {
        let value = Report.json(for: log.entries, in: log, histories: nil)
        try assertSnapshot(value.rendered() + "\n", named: "list.json")
    }

    @Test func listWithHistoryJSON() throws {
        let value = Report.json(for: log.entries, in: log, histories: [nil, history])
        try assertSnapshot(value.rendered() + "\n", named: "list-history.json")
    }

    @Test func showJSON() throws {
        try assertSnapshot(Report.json(for: details, in: log).rendered() + "\n", named: "show.json")
    }

    @Test func showText() throws {
        try assertSnapshot(Report.text(for: details, in: log), named: "show.txt")
    }

    @Test func aDeletedRecordShowsItsLastPath() throws {
        var deleted = details
        deleted.isDeleted = true
        deleted.approvals = nil
        try assertSnapshot(
            Report.json(for: deleted, in: log).rendered() + "\n",
            named: "show-deleted.json"
        )
    }

    private var events: [LogEvent] {
        var events = history.events
        let approval = try! #require(approvals.states.first?.approval)
        events.append(LogEvent(kind: .approved, revision: history.revisions[1], approval: approval))
        return events
    }

    @Test func logJSON() throws {
        let events = events
        var writer = JSONWriter()
        Report.writeJSON(for: events, inOrder: LogEvent.newestFirstIndices(events), to: &writer)
        try assertSnapshot(writer.text + "\n", named: "log.json")
    }

    @Test func logText() throws {
        try assertSnapshot(Report.text(for: LogEvent.newestFirst(events)), named: "log.txt")
    }
}

import ADRAudit
import ADRCore
import Testing

@Suite struct HistoryRuleTests {
    private let path = "doc/adr/0002-use-postgres.md"
    private let ada = Person(name: "Ada", email: "ada@example.com")

    private func revision(
        _ commit: String,
        _ change: RecordChange,
        _ status: RecordStatus?,
        _ hash: String?
    ) -> RecordRevision {
        RecordRevision(
            commit: commit + String(repeating: "0", count: 40 - commit.count),
            author: ada,
            committer: ada,
            date: "2026-01-0\(commit.count)T00:00:00Z",
            summary: "change",
            change: change,
            path: path,
            status: status,
            textHash: hash
        )
    }

    private func findings(_ revisions: [RecordRevision], required: Int? = nil) -> [AuditFinding] {
        var settings = Configuration.ApprovalSettings()
        settings.requiredCount = required
        return Fixture.findings(
            [:],
            approvals: [:],
            settings: settings,
            histories: [RecordHistory(revisions: revisions)],
            includesHistory: true
        )
    }

    @Test func aRewriteOfAnAcceptedRecordNamesWhoAndWhen() {
        let found = findings([
            revision("a", .added, .proposed, "h1"),
            revision("bb", .modified, .accepted, "h1"),
            revision("ccc", .modified, .accepted, "h2"),
        ])
        #expect(found.rules() == ["decided-record-changed"])
        #expect(
            found.first?.message
                == "decision text rewritten in ccc000000000 by Ada <ada@example.com> on 2026-01-03 while the record was accepted"
        )
    }

    @Test func statusChangesAndSupersedesAreNotRewrites() {
        let found = findings([
            revision("a", .added, .accepted, "h1"),
            revision("bb", .renamed, .accepted, "h1"),
            revision("ccc", .modified, .superseded, "h1"),
        ])
        #expect(found.isEmpty)
    }

    @Test func deletionsAndForbiddenTransitionsAreReported() {
        let found = findings([
            revision("a", .added, .accepted, "h1"),
            revision("bb", .modified, .proposed, "h1"),
            revision("ccc", .deleted, nil, nil),
        ])
        #expect(found.rules().sorted() == ["invalid-transition", "record-deleted"])
    }

    @Test func anAcceptanceWithoutApprovalsIsReportedWhenRequired() {
        let revisions = [
            revision("a", .added, .proposed, "h1"), revision("bb", .modified, .accepted, "h1"),
        ]
        #expect(findings(revisions).isEmpty)
        let found = findings(revisions, required: 1)
        #expect(found.rules() == ["missing-approval"])
        #expect(found.first?.message.hasPrefix("accepted in bb0000000000") == true)
    }
}

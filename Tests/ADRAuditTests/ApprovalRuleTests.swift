import ADRAudit
import ADRCore
import Testing

@Suite struct ApprovalRuleTests {
    private let name = Fixture.fileName(2, "Use Postgres")
    private var path: String { "doc/adr/" + name }
    private var files: [String: String] { [name: Fixture.record(2, "Use Postgres")] }
    private let author = Person(name: "Ada", email: "ada@example.com")

    private func state(_ approver: String, current: Bool = true, commit: String = "c1")
        -> ApprovalState
    {
        ApprovalState(
            approval: Approval(
                record: path,
                textHash: "sha1:1",
                approver: approver,
                date: "2026-01-01T00:00:00Z",
                source: .note,
                commit: commit
            ),
            changedBy: current ? nil : "c2c2c2c2c2c2c2c2"
        )
    }

    private var history: RecordHistory {
        RecordHistory(revisions: [
            RecordRevision(
                commit: "c1",
                author: author,
                committer: author,
                date: "2026-01-01T00:00:00Z",
                summary: "Add 2",
                change: .added,
                path: path,
                status: .accepted,
                textHash: "sha1:1"
            )
        ])
    }

    private func settings(required: Int? = 1, distinct: Bool = false)
        -> Configuration.ApprovalSettings
    {
        var settings = Configuration.ApprovalSettings(requiresDistinctApprover: distinct)
        settings.requiredCount = required
        return settings
    }

    @Test func anAcceptedRecordWithoutApprovalsIsReported() {
        let found = Fixture.findings(files, approvals: [:], settings: settings(required: 2))
        #expect(found.rules() == ["missing-approval"])
        #expect(found.first?.message.hasPrefix("accepted with 0 of the 2") == true)
        #expect(found.first?.line == 5)
    }

    @Test func enoughCurrentApprovalsAreClean() {
        let found = Fixture.findings(
            files,
            approvals: [path: [state("Bo <bo@example.com>")]],
            settings: settings()
        )
        #expect(found.isEmpty)
    }

    @Test func aProposedRecordNeedsNoApprovals() {
        let found = Fixture.findings(
            [name: Fixture.record(2, "Use Postgres", status: "Proposed")],
            approvals: [:],
            settings: settings()
        )
        #expect(found.isEmpty)
    }

    @Test func withoutRequiredNothingIsAsked() {
        #expect(Fixture.findings(files, approvals: [:], settings: settings(required: nil)).isEmpty)
    }

    @Test func aStaleApprovalIsAWarningAndDoesNotCount() {
        let found = Fixture.findings(
            files,
            approvals: [path: [state("Bo <bo@example.com>", current: false)]],
            settings: settings()
        )
        #expect(found.rules() == ["missing-approval", "stale-approval"])
        #expect(found.with("stale-approval").first?.message.contains("c2c2c2c2c2c2") == true)
    }

    @Test func theAuthorApprovingTheirOwnChangeIsReportedWithDistinctApprover() {
        let approvals = [path: [state("Ada <ada@example.com>")]]
        let found = Fixture.findings(
            files,
            approvals: approvals,
            settings: settings(distinct: true),
            histories: [history]
        )
        #expect(found.rules() == ["missing-approval", "self-approval"])
        let lenient = Fixture.findings(
            files,
            approvals: approvals,
            settings: settings(),
            histories: [history]
        )
        #expect(lenient.isEmpty)
    }

    @Test func anApproverOutsideTheListIsUnknownAndDoesNotCount() {
        let found = Fixture.findings(
            files,
            approvals: [
                path: [state("Eve <eve@example.com>"), state("Bo Reviewer <BO@example.com>")]
            ],
            settings: settings(required: 1),
            approvers: ["bo@example.com"]
        )
        #expect(found.rules() == ["unknown-approver"])
        let byName = Fixture.findings(
            files,
            approvals: [path: [state("Bo Reviewer <bo@elsewhere.org>")]],
            settings: settings(),
            approvers: ["Bo Reviewer"]
        )
        #expect(byName.isEmpty)
    }

    @Test func withABaseOnlyRecordsChangedOnTheBranchNeedApprovals() {
        let found = Fixture.findings(
            files,
            base: Fixture.base(files),
            approvals: [:],
            settings: settings()
        )
        #expect(found.isEmpty)
        let accepted = Fixture.findings(
            files,
            base: Fixture.base([name: Fixture.record(2, "Use Postgres", status: "Proposed")]),
            approvals: [:],
            settings: settings()
        )
        #expect(accepted.rules() == ["missing-approval"])
    }
}

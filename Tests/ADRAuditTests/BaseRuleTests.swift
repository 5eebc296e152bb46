import ADRAudit
import ADRCore
import Testing

@Suite struct BaseRuleTests {
    private let first = Fixture.fileName(1, "Record architecture decisions")
    private let second = Fixture.fileName(2, "Use Postgres")
    private let decision = "We will use Postgres for every service that keeps data."

    private var base: [String: String] {
        [
            first: Fixture.record(1, "Record architecture decisions"),
            second: Fixture.record(2, "Use Postgres", decision: decision),
        ]
    }

    private func findings(
        _ head: [String: String],
        tip: [String] = [],
        firstStatuses: [String: RecordStatus?] = [:]
    ) -> [AuditFinding] {
        Fixture.findings(head, base: Fixture.base(base, tip: tip, firstStatuses: firstStatuses))
    }

    @Test func rewritingAnAcceptedRecordPointsAtTheFirstChangedLine() {
        var head = base
        head[second] = Fixture.record(2, "Use Postgres", decision: decision + "\nExcept billing.")
        let found = findings(head)
        #expect(found.rules() == ["decided-record-changed"])
        #expect(found.first?.line == 16)
        #expect(found.first?.message.contains("supersede it instead: adr new -s 2") == true)
    }

    @Test func aStatusOnlyChangeOfAnAcceptedRecordIsNotARewrite() {
        var head = base
        head[second] = Fixture.record(2, "Use Postgres", status: "Deprecated", decision: decision)
        #expect(findings(head).isEmpty)
    }

    @Test func aSupersedeIsNotARewrite() {
        var head = base
        head[second] = Fixture.record(
            2,
            "Use Postgres",
            status: "Superseded by [3. Use MySQL](0003-use-mysql.md)",
            decision: decision
        )
        head["0003-use-mysql.md"] = Fixture.record(
            3,
            "Use MySQL",
            links: ["Supersedes [2. Use Postgres](0002-use-postgres.md)"]
        )
        #expect(findings(head).isEmpty)
    }

    @Test func aReflowedParagraphIsNotARewrite() {
        var head = base
        head[second] = Fixture.record(
            2,
            "Use Postgres",
            decision: "We will use Postgres for every\nservice that keeps   data.\n"
        )
        #expect(findings(head).isEmpty)
    }

    @Test func anApprovedOnDateRecordIsDecided() {
        let lightweight = { (decision: String) in
            "# ADR-002: Use Postgres\n\n## Decision\n\n\(decision)\n\n## Status\n\nApproved on 2026-02-08\n"
        }
        let name = "adr-002-use-postgres.md"
        let found = Fixture.findings(
            [name: lightweight("Use MySQL.")],
            base: Fixture.base([name: lightweight("Use Postgres.")])
        )
        #expect(found.rules() == ["decided-record-changed"])
        #expect(found.first?.line == 5)
    }

    @Test func rewritingAProposedRecordIsFine() {
        let proposed = [second: Fixture.record(2, "Use Postgres", status: "Proposed")]
        let found = Fixture.findings(
            [second: Fixture.record(2, "Use Postgres", status: "Proposed", decision: "Other.")],
            base: Fixture.base(proposed)
        )
        #expect(found.isEmpty)
    }

    @Test func aDeletedRecordIsReported() {
        var head = base
        head[second] = nil
        let found = findings(head)
        #expect(found.rules() == ["record-deleted"])
        #expect(found.first?.path == "doc/adr/" + second)
    }

    @Test func aRenameIsNotADeletionButADecidedOneIsAWarning() {
        var head = base
        head[second] = nil
        head["0007-use-postgres.md"] = Fixture.record(7, "Use Postgres", decision: decision)
        let found = findings(head)
        #expect(found.rules() == ["numbering-gap", "record-renamed"])
        #expect(
            found.with("record-renamed").first?.message
                == "renamed from doc/adr/\(second), which was accepted"
        )
    }

    @Test func aNumberTheBaseTookMeanwhileIsReportedWithTheFix() {
        var head = base
        head["0003-use-redis.md"] = Fixture.record(3, "Use Redis")
        let found = findings(head, tip: [first, second, "0003-use-kafka.md"])
        #expect(found.rules() == ["number-taken-on-base"])
        #expect(found.first?.message.contains("adr renumber 3") == true)
        // The same number, but the base never took it: nothing to say.
        #expect(findings(head, tip: [first, second]).isEmpty)
    }

    @Test func goingBackFromAcceptedToProposedIsForbidden() {
        var head = base
        head[second] = Fixture.record(2, "Use Postgres", status: "Proposed", decision: decision)
        let found = findings(head)
        #expect(found.rules() == ["invalid-transition"])
        #expect(found.first?.line == 5)
    }

    @Test func supersededBackToAcceptedIsForbidden() {
        let superseded = [
            second: Fixture.record(
                2,
                "Use Postgres",
                status: "Superseded by ADR-3",
                decision: decision
            )
        ]
        let found = Fixture.findings(
            [second: Fixture.record(2, "Use Postgres", decision: decision)],
            base: Fixture.base(superseded)
        )
        #expect(found.rules() == ["invalid-transition"])
    }

    @Test func aRecordThatFirstAppearsSupersededIsReported() {
        var head = base
        head["0003-use-redis.md"] = Fixture.record(3, "Use Redis", status: "Deprecated")
        #expect(findings(head).rules() == ["invalid-transition"])
        // Added as accepted on this branch and deprecated later on it: allowed.
        #expect(findings(head, firstStatuses: ["doc/adr/0003-use-redis.md": .accepted]).isEmpty)
    }
}

import ADRAudit
import ADRCore
import Testing

@Suite struct LogRuleTests {
    private let first = Fixture.fileName(1, "Record architecture decisions")
    private let second = Fixture.fileName(2, "Use Postgres")

    private var clean: [String: String] {
        [
            first: Fixture.record(1, "Record architecture decisions"),
            second: Fixture.record(2, "Use Postgres"),
        ]
    }

    @Test func aCleanLogHasNoFindings() {
        #expect(Fixture.findings(clean).isEmpty)
    }

    @Test func theParsersWarningsBecomeUnreadableRecord() {
        var files = clean
        files[second] = "---\ntitle: [unclosed\n---\n" + Fixture.record(2, "Use Postgres")
        let found = Fixture.findings(files).with("unreadable-record")
        #expect(found.count == 1)
        #expect(found.first?.path == "doc/adr/" + second)
        #expect(found.first?.severity == .error)
    }

    @Test func twoRecordsWithOneNumberAreDuplicates() {
        var files = clean
        files[Fixture.fileName(2, "Use MySQL")] = Fixture.record(2, "Use MySQL")
        let found = Fixture.findings(files).with("duplicate-number")
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.severity == .error && $0.line == 1 })
        #expect(found.first?.message.contains("0002-use-postgres.md") == true)
    }

    @Test func aTitleNumberThatIsNotTheFilesIsReported() {
        var files = clean
        files[Fixture.fileName(33, "Use Redis")] = Fixture.record(3, "Use Redis")
        let found = Fixture.findings(files).with("title-number-mismatch")
        #expect(found.map(\.message) == ["the title says 3 but the file name says 33"])
    }

    @Test func aTitleWithTheSameNumberPaddedIsNotAMismatch() {
        var files = clean
        files[Fixture.fileName(3, "Use Redis")] = Fixture.record(3, "Use Redis").replacingFirst(
            "# 3.",
            with: "# 0003."
        )
        #expect(Fixture.findings(files).with("title-number-mismatch").isEmpty)
    }

    @Test func statusAndDateProblemsHaveTheirOwnRules() {
        let files = [
            first: Fixture.record(1, "Record architecture decisions", status: "Acceptd"),
            second: Fixture.record(2, "Use Postgres", date: nil),
            Fixture.fileName(3, "Use Redis"): Fixture.record(3, "Use Redis", date: "someday"),
            Fixture.fileName(4, "Use Kafka"):
                "# 4. Use Kafka\n\nDate: 2026-01-01\n\n## Context\n\nX.\n",
        ]
        let rules = Set(Fixture.findings(files).rules())
        #expect(rules == ["unknown-status", "missing-date", "invalid-date", "missing-status"])
    }

    @Test func anApprovedOnDateStatusIsKnownAndDated() {
        let text = """
            # ADR-001: Use Queue-Based Processing

            ## Context

            Load.

            ## Decision

            Queues.

            ## Status

            Approved on 2026-02-08

            """
        #expect(Fixture.findings(["adr-001-use-queue-based-processing.md": text]).isEmpty)
    }

    @Test func aLinkToAMissingRecordDangles() {
        var files = clean
        files[second] = Fixture.record(
            2,
            "Use Postgres",
            decision: "See [the old one](0009-gone.md) and [the first](\(first))."
        )
        let found = Fixture.findings(files).with("dangling-link")
        #expect(found.count == 1)
        #expect(found.first?.line == 15)
        #expect(found.first?.column == 5)
        #expect(found.first?.message == "link to 0009-gone.md: no such record")
    }

    @Test func aReferenceStyleLinkThatResolvesDoesNotDangle() {
        var files = clean
        files[second] = Fixture.record(
            2,
            "Use Postgres",
            decision:
                "See [the first][first] and the [diagram](../images/db.png).\n\n[first]: ./\(first)"
        )
        #expect(Fixture.findings(files, existing: ["doc/images/db.png"]).isEmpty)
    }

    @Test func aReferenceStyleLinkToAMissingFileDangles() {
        var files = clean
        files[second] = Fixture.record(
            2,
            "Use Postgres",
            decision: "See [the spec][spec].\n\n[spec]: ../spec.md"
        )
        let found = Fixture.findings(files).with("dangling-link")
        #expect(found.map(\.message) == ["link to ../spec.md: no such file"])
    }

    @Test func urlsAndAnchorsNeverDangle() {
        var files = clean
        files[second] = Fixture.record(
            2,
            "Use Postgres",
            decision:
                "See <https://example.com>, [mail](mailto:a@b.c), [here](#decision) and [x](/abs)."
        )
        #expect(Fixture.findings(files).isEmpty)
    }

    @Test func aSupersedeLinkedBothWaysIsClean() {
        let files = [
            first: Fixture.record(1, "Record architecture decisions"),
            second: Fixture.record(
                2,
                "Use Postgres",
                status: "Superseded by [3. Use MySQL](0003-use-mysql.md)"
            ),
            "0003-use-mysql.md": Fixture.record(
                3,
                "Use MySQL",
                links: ["Supersedes [2. Use Postgres](0002-use-postgres.md)"]
            ),
        ]
        #expect(Fixture.findings(files).isEmpty)
    }

    @Test func aSupersedeLinkedOneWayIsReported() {
        let files = [
            first: Fixture.record(1, "Record architecture decisions"),
            second: Fixture.record(2, "Use Postgres"),
            "0003-use-mysql.md": Fixture.record(
                3,
                "Use MySQL",
                links: ["Supercedes [2. Use Postgres](0002-use-postgres.md)"]
            ),
        ]
        let found = Fixture.findings(files).with("one-way-supersede")
        #expect(found.map(\.path) == ["doc/adr/0003-use-mysql.md"])
        #expect(found.first?.line == 9)
    }

    @Test func aSupersededRecordWithoutASuccessorIsReported() {
        var files = clean
        files[second] = Fixture.record(2, "Use Postgres", status: "Superseded")
        #expect(Fixture.findings(files).rules() == ["superseded-without-successor"])
        files[second] = Fixture.record(2, "Use Postgres", status: "superseded by ADR-0010")
        #expect(Fixture.findings(files).isEmpty)
    }

    @Test func recordsSupersedingEachOtherInACircleAreReportedOnce() {
        let files = [
            first: Fixture.record(1, "Record architecture decisions"),
            second: Fixture.record(
                2,
                "Use Postgres",
                status: "Superseded by [3. Use MySQL](0003-use-mysql.md)",
                links: ["Supersedes [3. Use MySQL](0003-use-mysql.md)"]
            ),
            "0003-use-mysql.md": Fixture.record(
                3,
                "Use MySQL",
                status: "Superseded by [2. Use Postgres](0002-use-postgres.md)",
                links: ["Supersedes [2. Use Postgres](0002-use-postgres.md)"]
            ),
        ]
        let found = Fixture.findings(files).with("supersede-cycle")
        #expect(found.count == 1)
        #expect(found.first?.path == "doc/adr/0002-use-postgres.md")
    }

    @Test func aGapInTheNumbersIsANote() {
        var files = clean
        files[Fixture.fileName(5, "Use Redis")] = Fixture.record(5, "Use Redis")
        let found = Fixture.findings(files)
        #expect(found.rules() == ["numbering-gap"])
        #expect(found.first?.severity == .note)
        #expect(found.first?.message == "no record numbered 3 to 4")
    }

    @Test func levelsFromTheConfigurationAndTheCommandLineApply() throws {
        var files = clean
        files[Fixture.fileName(5, "Use Redis")] = Fixture.record(5, "Use Redis")
        let levels = try Audit.levels(
            configured: AuditSettings(levels: [.init(rule: "numbering-gap", level: "error")]),
            overrides: [("numbering-gap", "off")]
        )
        let input = AuditInput(log: Fixture.log(files))
        #expect(Audit.findings(of: input, levels: levels).isEmpty)
        #expect(throws: AuditSettingsError.self) {
            try Audit.levels(configured: AuditSettings(), overrides: [("no-such-rule", "off")])
        }
    }

    @Test func findingsAreSortedAndFingerprintedWithoutTheirLines() {
        var files = clean
        files[second] = Fixture.record(
            2,
            "Use Postgres",
            decision: "See [a](0009-x.md) and [b](0009-x.md)."
        )
        let found = Fixture.findings(files)
        #expect(found.map(\.column) == [5, 24])
        let hashes = found.map { $0.fingerprint.split(separator: ":").first }
        #expect(hashes[0] == hashes[1])
        #expect(found.map { $0.fingerprint.split(separator: ":").last } == ["1", "2"])
        files[second] = "\n\n" + files[second]!
        #expect(Fixture.findings(files).map(\.fingerprint) == found.map(\.fingerprint))
    }

    @Test func aBaselineLeavesOutTheFindingsItLists() {
        var files = clean
        files[Fixture.fileName(5, "Use Redis")] = Fixture.record(5, "Use Redis")
        let old = Fixture.findings(files)
        let baseline = AuditBaseline(parsing: AuditBaseline.text(for: old))
        files[Fixture.fileName(9, "Use Kafka")] = Fixture.record(9, "Use Kafka")
        let now = Fixture.findings(files)
        #expect(now.count == 2)
        #expect(baseline.filtering(now).map(\.message) == ["no record numbered 6 to 8"])
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

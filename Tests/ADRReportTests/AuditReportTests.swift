import ADRAudit
import ADRReport
import Testing

@Suite struct AuditReportTests {
    /// Findings of every severity, with messages that need escaping in each format.
    private var result: AuditResult {
        var findings = [
            AuditFinding(
                rule: "decided-record-changed",
                severity: .error,
                path: "doc/adr/0002-use-postgres.md",
                line: 16,
                message:
                    "the decision text changed, but the record was accepted on origin/main; supersede it instead: adr new -s 2 TITLE"
            ),
            AuditFinding(
                rule: "dangling-link",
                severity: .error,
                path: "doc/adr/0002-use-postgres.md",
                line: 20,
                column: 5,
                message: "link to <a&b>, \"100%\".md: no such file\nsecond line"
            ),
            AuditFinding(
                rule: "missing-date",
                severity: .warning,
                path: "doc/adr/0003-use kafka.md",
                message: "no date"
            ),
            AuditFinding(
                rule: "numbering-gap",
                severity: .note,
                path: "doc/adr/0005-use-redis.md",
                message: "no record numbered 4 | 5"
            ),
        ]
        findings.sort(by: AuditFinding.precedes)
        for index in findings.indices { findings[index].fingerprint = "f\(index):1" }
        return AuditResult(
            findings: findings,
            records: [
                "doc/adr/0001-record-architecture-decisions.md", "doc/adr/0002-use-postgres.md",
                "doc/adr/0003-use kafka.md", "doc/adr/0005-use-redis.md",
            ]
        )
    }

    private let context = AuditReport.Context(displayPath: { "../" + $0 }, toolVersion: "0.1.0")

    @Test(arguments: AuditReport.Format.allCases)
    func eachFormatMatchesItsSnapshot(format: AuditReport.Format) throws {
        let name = "audit.\(format.rawValue)" + (format == .text ? ".txt" : "")
        try Snapshot.assert(AuditReport.render(result, as: format, context: context), named: name)
    }

    @Test func theMarkdownSummaryMatchesItsSnapshot() throws {
        try Snapshot.assert(AuditReport.markdownSummary(result), named: "audit.summary.md")
    }

    @Test func githubEscapesPercentAndLineBreaksInMessagesAndColonsAndCommasInProperties() {
        #expect(AuditReport.githubData("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b")
        #expect(AuditReport.githubProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
        let github = AuditReport.github(result)
        #expect(
            github.contains(
                "::error file=doc/adr/0002-use-postgres.md,line=20,col=5,title=dangling-link::link to <a&b>, \"100%25\".md: no such file%0Asecond line\n"
            )
        )
    }

    @Test func githubListsErrorsFirst() {
        let kinds = AuditReport.github(result).split(separator: "\n").map {
            $0.prefix(while: { $0 != " " })
        }
        #expect(kinds == ["::error", "::error", "::warning", "::notice"])
    }

    @Test func anEmptyResultGivesEmptyTextAndAnEmptyArray() {
        let empty = AuditResult(findings: [], records: [])
        #expect(AuditReport.text(empty, context: context).isEmpty)
        #expect(AuditReport.codeQuality(empty) == "[]\n")
        #expect(AuditReport.summaryLine(empty) == "0 errors, 0 warnings, 0 notes in 0 records")
    }
}

import ADRCore
import Testing

@Test func anADRToolsRecordGivesNumberTitleStatusAndDate() {
    let text = """
        # 1. Record architecture decisions

        Date: 2024-01-02

        ## Status

        Accepted

        ## Context

        We need to record decisions.

        """
    let record = DecisionRecord(
        parsing: text,
        path: "doc/adr/0001-record-architecture-decisions.md"
    )
    #expect(record.number == 1)
    #expect(record.title == "Record architecture decisions")
    #expect(record.heading == "1. Record architecture decisions")
    #expect(record.status == .accepted)
    #expect(record.statusText == "Accepted")
    #expect(record.date == "2024-01-02")
    #expect(record.warnings.isEmpty)
}

@Test func aSupersededADRToolsRecordKeepsItsLinkAsStatusAndLink() {
    let text = """
        # 2. Use MySQL

        Date: 2024-01-02

        ## Status

        Superceded by [3. Use PostgreSQL](0003-use-postgresql.md)

        ## Context
        """
    let record = DecisionRecord(parsing: text, path: "0002-use-mysql.md")
    #expect(record.status == .superseded)
    #expect(record.statusText == "Superceded by [3. Use PostgreSQL](0003-use-postgresql.md)")
    #expect(
        record.links == [
            RecordLink(type: "Superceded by", target: "0003-use-postgresql.md", line: 7)
        ]
    )
}

@Test func crlfAndBOMAndLeadingCommentsAreRead() {
    let text =
        "\u{FEFF}<!-- SPDX-License-Identifier: MIT -->\r\n# 0010. Use Kafka\r\n\r\n"
        + "Date : 02/11/2022\r\n\r\n## Status\r\n\r\nPROPOSED\r\n"
    let record = DecisionRecord(parsing: text, path: "docs/adr/0010-use-kafka.md")
    #expect(record.number == 10)
    #expect(record.title == "Use Kafka")
    #expect(record.status == .proposed)
    #expect(record.date == "2022-11-02")
}

@Test func madrFourFrontMatterGivesStatusDateAndDeciders() {
    let text = """
        <!-- markdownlint-disable -->
        ---
        # the team's decision
        status: "superseded by ADR-0123"
        date: 2024-05-06
        decision-makers: [Ana, Bo]
        tags: [db, storage]
        ---

        # Use PostgreSQL

        ## Context and Problem Statement
        """
    let record = DecisionRecord(parsing: text, path: "docs/decisions/0005-use-postgresql.md")
    #expect(record.number == 5)
    #expect(record.title == "Use PostgreSQL")
    #expect(record.status == .superseded)
    #expect(record.statusText == "superseded by ADR-0123")
    #expect(record.date == "2024-05-06")
    #expect(record.tags == ["db", "storage"])
    #expect(record.links.isEmpty)
}

@Test func madrTwoBulletsGiveStatusDateAndLinks() {
    let text = """
        # Use Markdown Architectural Decision Records

        - Status: superseded by [use-madr-3](20200925-use-madr-3.md)
        - Deciders: Ana
        - Date: 2020-09-24

        ## Links

        - Supersedes [old-thing][old]

        [old]: ./20200101-old-thing.md
        """
    let record = DecisionRecord(parsing: text, path: "docs/adr/20200924-use-madr.md")
    #expect(record.number == nil)
    #expect(record.status == .superseded)
    #expect(record.date == "2020-09-24")
    #expect(
        record.links == [
            RecordLink(type: "superseded by", target: "20200925-use-madr-3.md", line: 3),
            RecordLink(type: "Supersedes", target: "./20200101-old-thing.md", line: 9),
        ]
    )
}

@Test func theLightweightStyleReadsApprovedOnDate() {
    let text = """
        # ADR-004: Use Queue-Based Processing

        ## Context
        ## Decision
        ## Status
        Approved on 2026-02-08
        """
    let record = DecisionRecord(parsing: text, path: "adr/ADR-004-queues.md")
    #expect(record.number == 4)
    #expect(record.title == "Use Queue-Based Processing")
    #expect(record.status == .other("approved"))
    #expect(record.statusText == "Approved on 2026-02-08")
    #expect(record.date == "2026-02-08")
    #expect(record.warnings.isEmpty)
}

@Test(arguments: [
    ("# 6 Use Rust", 6, "Use Rust"),
    ("# ADR-004: Use Go", 4, "Use Go"),
    ("# Architecture Decision Record: Use Nix", nil, "Use Nix"),
    ("# 0010. Use Kafka  ", 10, "Use Kafka"),
])
func headingFormsGiveNumberAndTitle(heading: String, number: Int?, title: String) {
    let record = DecisionRecord(parsing: heading + "\n\n## Status\n\nAccepted\n", path: "x.md")
    #expect(record.number == number)
    #expect(record.title == title)
}

@Test(arguments: [
    ("0001-x.md", 1), ("005-x.md", 5), ("adr-001-x.md", 1), ("adr001-x.md", 1),
    ("001. Title with spaces.md", 1), ("20200924-use-madr.md", nil), ("use-x.md", nil),
])
func fileNamesGiveRecordNumbers(name: String, number: Int?) {
    #expect(DecisionRecord.number(fromFileName: name) == number)
}

@Test func aRecordWithoutHeadingTakesItsTitleFromTheFileNameAndWarns() {
    let record = DecisionRecord(
        parsing: "# Context\n\nStatus: Accepted\n",
        path: "doc/adr/0007-use-redis.md"
    )
    #expect(record.title == "Use redis")
    #expect(record.number == 7)
    #expect(record.status == .accepted)
    #expect(record.warnings.map(\.message).contains { $0.hasPrefix("no title") })
}

@Test func aFolderPerRecordTakesItsNameFromTheFolder() {
    let record = DecisionRecord(
        parsing: "---\ntitle: Use Nix\nstatus: draft\n---\n\nBody.\n",
        path: "docs/adr/0012-use-nix/index.md"
    )
    #expect(record.number == 12)
    #expect(record.title == "Use Nix")
    #expect(record.status == .other("draft"))
}

@Test func frontMatterWinsOverADisagreeingSectionWithAWarning() {
    let text = "---\nstatus: accepted\n---\n# T\n\n## Status\n\nProposed\n"
    let record = DecisionRecord(parsing: text, path: "0001-t.md")
    #expect(record.status == .accepted)
    #expect(record.warnings.count == 1)
    #expect(record.warnings.first?.line == 2)
}

@Test func localisedHeadingsAndImageBadgesGiveTheStatus() {
    let french = DecisionRecord(parsing: "# 1. T\n\n## État\n\nProposé.\n", path: "0001-t.md")
    #expect(french.status == .proposed)
    let badge = DecisionRecord(
        parsing: "# 1. T\n\n## Status\n\n![Status: accepted](https://img.shields.io/badge/x)\n",
        path: "0001-t.md"
    )
    #expect(badge.status == .accepted)
}

@Test func missingAndUnknownStatusesAndBadDatesWarn() {
    let none = DecisionRecord(parsing: "# 1. T\n\nDate: {YYYY-MM-DD}\n", path: "0001-t.md")
    #expect(none.status == nil)
    #expect(none.date == nil)
    #expect(none.warnings.map(\.message).contains("missing status"))
    #expect(none.warnings.contains { $0.message.contains("placeholder") && $0.line == 3 })
    let odd = DecisionRecord(
        parsing: "# 1. T\n\nDate: soon\n\n## Status\n\nAcceptd\n",
        path: "0001-t.md"
    )
    #expect(odd.status == .other("acceptd"))
    #expect(odd.warnings.contains { $0.message == "unknown status \"Acceptd\"" && $0.line == 7 })
    #expect(odd.warnings.contains { $0.message == "unparseable date \"soon\"" })
}

@Test func malformedFrontMatterWarnsWithItsLineAndNeverThrows() {
    let record = DecisionRecord(
        parsing: "---\nstatus: accepted\ntags: [a, b\n---\n# 1. T\n",
        path: "0001-t.md"
    )
    #expect(record.title == "T")
    #expect(record.warnings.contains { $0.message.hasPrefix("malformed front matter") })
    #expect(record.warnings.first { $0.message.hasPrefix("malformed") }?.line ?? 0 >= 2)
}

@Test(arguments: [
    ("Superceded by [3. T](0003-t.md)", RecordStatus.superseded),
    ("superseded by ADR-0123", .superseded), ("PROPOSED", .proposed), ("Proposé.", .proposed),
    ("Deprecated (no superseding ADR)", .deprecated),
    ("Rejected (by design when proposed)", .rejected),
    ("Approved on 2026-02-08", .other("approved")), ("Draft", .other("draft")),
    ("on hold", .other("on hold")), ("Partly superseded", .other("partly superseded")),
    ("**Accepted**", .accepted),
])
func statusWordsAreNormalised(text: String, status: RecordStatus) {
    #expect(RecordStatus(parsing: text) == status)
}

@Test func dayFirstDatesBecomeISO() {
    let record = DecisionRecord(parsing: "# 1. T\n\n- Date: 24-09-2020\n", path: "0001-t.md")
    #expect(record.date == "2020-09-24")
}

@Test(arguments: [
    ("README.md", false), ("index.md", false), ("template.md", false),
    ("0000-TEMPLATE.md", false), ("0004-embed-the-templates.md", true), ("template-madr.md", false),
    ("adr-template.md", false), ("0008-example.png", false),
    (".markdownlint.yml", false), ("0001-x.md", true), ("0002-x.md.md", true),
    ("0003-no-extension", true), ("notes", false), ("use-x.md", true),
    ("README.MD", false), ("Contributing.Markdown", false), ("Use-X-Template.md", false),
    ("0005-Template-For-Emails.MARKDOWN", true), ("ADR-12-no-extension", true), (".md", false),
    ("a-long-name-about-templates.md", true), ("a-much-longer-name-than-any-index.md", true),
])
func nonRecordsAreToldApart(name: String, isRecord: Bool) {
    #expect(DecisionRecord.isLikelyRecord(fileName: name) == isRecord)
}

@Test func folderPerRecordIndexFilesAreRecords() {
    #expect(DecisionRecord.isLikelyRecord(path: "0004-use-x/index.md"))
    #expect(DecisionRecord.isLikelyRecord(path: "0004-use-x/README.md"))
    #expect(!DecisionRecord.isLikelyRecord(path: "docs/adr/README.md"))
}

@Test(arguments: [
    ("doc/adr/0001-use-x.md", "0001-use-x.md"), ("0001-use-x.md", "0001-use-x.md"),
    ("doc/adr/0004-use-x/index.md", "0004-use-x"), ("0004-use-x/README.md", "0004-use-x"),
    ("0004-use-x/ReadMe.MD", "0004-use-x"), ("index.md", "index.md"), ("/index.md", "index.md"),
    ("doc//adr//0002-x.md", "0002-x.md"), ("doc/adr/0003-x/", "0003-x"),
    ("décisions/été/index.md", "été"), ("doc/indexx.md", "indexx.md"), ("", ""), ("//", "//"),
])
func theRecordNameIsTheFileOrTheFolderOfAnIndex(path: String, name: String) {
    #expect(DecisionRecord.recordName(path: path) == name)
}

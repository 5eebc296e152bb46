import Foundation
import Testing

@testable import ADRCore

private func entry(_ fileName: String, _ text: String) -> LogEntry {
    LogEntry(fileName: fileName, text: text, record: DecisionRecord(parsing: text, path: fileName))
}

private func nygard(_ number: Int, _ title: String, status: String = "Accepted") -> String {
    BuiltInTemplates.template(named: "nygard")!.rendered(
        number: number,
        title: title,
        date: "1992-01-12",
        status: status
    )
}

@Suite struct SlugTests {
    @Test(arguments: [
        ("Something About Node.JS", "something-about-node-js"),
        ("Slash/Slash/Slash/", "slash-slash-slash"),
        ("-Bar-", "bar"),
        ("Use & and | and $(rm -rf) \\ \"quotes\"", "use-and-and-rm-rf-quotes"),
        ("Café déjà vu", "cafe-deja-vu"),
        ("日本語", "ri-ben-yu"),
        ("🎉", "untitled"),
    ])
    func slugsAreMadeTheAdrToolsWayWithTransliteration(title: String, slug: String) {
        #expect(Slug.make(from: title) == slug)
    }

    @Test func veryLongTitlesAreCutAtAWordBoundary() {
        let slug = Slug.make(from: String(repeating: "decision ", count: 40))
        #expect(slug.count <= Slug.maximumLength)
        #expect(!slug.hasSuffix("-"))
    }

    @Test func fileNamesPadToFourDigitsAndReadLeadingZerosAsDecimal() {
        #expect(RecordFileName.make(number: 7, title: "X") == "0007-x.md")
        #expect(RecordFileName.make(number: 12345, title: "X") == "12345-x.md")
        #expect(DecisionRecord.number(fromFileName: "0009-x.md") == 9)
        #expect(DecisionRecord.number(fromFileName: "0010-x.md") == 10)
    }
}

@Suite struct TemplateTests {
    @Test func placeholdersAreReplacedLiterallyInOnePass() {
        let template = RecordTemplate(text: "# NUMBER. TITLE\n\nDate: DATE\n\nSTATUS\n", name: "t")
        let text = template.rendered(
            number: 3,
            title: "A & B | DATE \\1",
            date: "2020-01-02",
            status: "Accepted"
        )
        #expect(text == "# 3. A & B | DATE \\1\n\nDate: 2020-01-02\n\nAccepted\n")
    }

    @Test func tokensAreFoundAmongWordsThatStartLikeThem() {
        let template = RecordTemplate(
            text: "ADR-NUMBERS: NUMBERNUMBER TITLED Ta DATES STATUS\u{301} Éte ST TITLE",
            name: "t"
        )
        let text = template.rendered(number: 7, title: "X", date: "D", status: "S")
        #expect(text == "ADR-007S: 77 XD Ta DS STATUS\u{301} Éte ST X")
    }

    @Test func theLightweightTemplateNumbersWithThreeDigits() {
        let text = BuiltInTemplates.template(named: "lightweight")!.rendered(
            number: 7,
            title: "Use queues",
            date: "2026-02-08",
            status: "Approved"
        )
        #expect(text.hasPrefix("# ADR-007: Use queues\n"))
        #expect(text.hasSuffix("## Status\n\nApproved on 2026-02-08\n"))
    }

    @Test func theEmbeddedTemplatesMatchTheTemplatesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "templates"
            )
        // templates/site/ is the site theme, embedded into ADRSite and tested there.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { !$0.hasPrefix(".") && $0 != "site" }
        #expect(names == BuiltInTemplates.fileNames, "run `make templates`")
        for name in names {
            let onDisk = try String(
                contentsOf: folder.appendingPathComponent(name),
                encoding: .utf8
            )
            #expect(
                BuiltInTemplates.fileContents(named: name) == onDisk,
                "\(name) is stale: run `make templates`"
            )
        }
    }

    @Test(arguments: BuiltInTemplates.names)
    func everyBuiltInTemplateParsesBackToItsTitleAndStatus(name: String) {
        let text = BuiltInTemplates.template(named: name)!.rendered(
            number: 4,
            title: "Use PostgreSQL",
            date: "2024-05-06",
            status: "proposed"
        )
        let record = DecisionRecord(parsing: text, path: "0004-use-postgresql.md")
        #expect(record.title == "Use PostgreSQL")
        #expect(record.number == 4)
        #expect(record.status == .proposed)
        #expect(record.date == "2024-05-06")
    }
}

@Suite struct LogPlanningTests {
    let first = entry("0001-record.md", nygard(1, "Record"))
    let second = entry("0002-an-idea.md", nygard(2, "An idea"))

    @Test func theNextNumberIsOneMoreThanTheHighest() {
        let log = DecisionLog(entries: [first, entry("0009-x.md", nygard(9, "X"))])
        #expect(log.nextNumber == 10)
        #expect(DecisionLog(entries: []).nextNumber == 1)
    }

    @Test func supersedingLinksBothWaysAndDropsTheAcceptedLine() throws {
        let log = DecisionLog(entries: [first, second])
        let request = NewRecordRequest(
            title: "Better",
            template: BuiltInTemplates.template(named: "nygard")!,
            date: "1992-01-12",
            status: "Accepted",
            supersedes: [second]
        )
        let (fileName, changes) = log.planningNewRecord(request, number: 3)
        #expect(fileName == "0003-better.md")
        let new = try #require(changes.contents(of: "0003-better.md", current: nil))
        #expect(
            new.contains(
                "## Status\n\nAccepted\n\nSupercedes [2. An idea](0002-an-idea.md)\n\n## Context"
            )
        )
        let old = try #require(changes.contents(of: "0002-an-idea.md", current: second.text))
        #expect(
            old.contains("## Status\n\nSuperceded by [3. Better](0003-better.md)\n\n## Context")
        )
        #expect(!old.contains("\nAccepted\n"))
    }

    @Test func supersedingSeveralWritesOneParagraphEachInArgumentOrder() throws {
        let log = DecisionLog(entries: [first, second])
        let request = NewRecordRequest(
            title: "Both",
            template: BuiltInTemplates.template(named: "nygard")!,
            date: "1992-01-12",
            status: "Accepted",
            supersedes: [second, first]
        )
        let (_, changes) = log.planningNewRecord(request, number: 3)
        let new = try #require(changes.contents(of: "0003-both.md", current: nil))
        #expect(
            new.contains(
                "Supercedes [2. An idea](0002-an-idea.md)\n\nSupercedes [1. Record](0001-record.md)\n\n## Context"
            )
        )
        #expect(changes.changes.count == 3)
    }

    @Test func theLifecycleRefusesAChangeItDoesNotAllowUnlessForced() throws {
        let rejected = entry("0002-x.md", nygard(2, "X", status: "Rejected"))
        let log = DecisionLog(entries: [rejected])
        #expect(throws: LifecycleError.self) {
            try log.planningStatus(of: rejected, to: .accepted, date: nil, force: false)
        }
        let forced = try log.planningStatus(of: rejected, to: .accepted, date: nil, force: true)
        #expect(
            forced.contents(of: "0002-x.md", current: rejected.text)?.contains("\nAccepted\n")
                == true
        )
    }

    @Test func renumberingMovesTheFileAndRewritesEveryLinkToIt() throws {
        let log = DecisionLog(entries: [first, second])
        let (_, linked) = log.planningNewRecord(
            NewRecordRequest(
                title: "Third",
                template: BuiltInTemplates.template(named: "nygard")!,
                date: "1992-01-12",
                status: "Accepted",
                supersedes: [second]
            ),
            number: 3
        )
        let third = entry("0003-third.md", linked.contents(of: "0003-third.md", current: nil)!)
        let updatedSecond = entry(
            "0002-an-idea.md",
            linked.contents(of: "0002-an-idea.md", current: second.text)!
        )
        let next = DecisionLog(entries: [first, updatedSecond, third])
        let (fileName, changes) = try next.planningRenumber(of: third, to: 7)
        #expect(fileName == "0007-third.md")
        #expect(changes.contents(of: "0003-third.md", current: third.text) == nil)
        let moved = try #require(changes.contents(of: "0007-third.md", current: nil))
        #expect(moved.hasPrefix("# 7. Third\n"))
        let rewritten = try #require(
            changes.contents(of: "0002-an-idea.md", current: updatedSecond.text)
        )
        #expect(rewritten.contains("Superceded by [7. Third](0007-third.md)"))
    }

    @Test func ambiguousAndUnknownReferencesListTheCandidates() {
        let log = DecisionLog(entries: [first, second, entry("0002-other.md", nygard(2, "Other"))])
        #expect(
            throws: ReferenceError(
                reference: "2",
                candidates: ["0002-an-idea.md", "0002-other.md"]
            )
        ) {
            try log.entry(matching: "2")
        }
        #expect(throws: ReferenceError(reference: "42", candidates: [])) {
            try log.entry(matching: "42")
        }
        #expect((try? log.entry(matching: "0002-other.md"))?.fileName == "0002-other.md")
        #expect((try? log.entry(matching: "ADR-1"))?.fileName == "0001-record.md")
    }

    @Test func datesInDayMonthYearAreUpgradedToISO() throws {
        let old = entry("0001-x.md", "# 1. X\n\nDate: 12/01/1992\r\n\n## Status\n\nAccepted\n")
        let (changes, warnings) = DecisionLog(entries: [old]).planningDateUpgrade()
        #expect(
            changes.contents(of: "0001-x.md", current: old.text)?.contains("Date: 1992-01-12\r\n")
                == true
        )
        #expect(warnings.isEmpty)
    }

    @Test func aDateNotOnTheCalendarIsLeftAsItIsWithAWarning() throws {
        let old = entry("0001-x.md", "# 1. X\n\nDate: 31/02/2016\n\n## Status\n\nAccepted\n")
        let (changes, warnings) = DecisionLog(entries: [old]).planningDateUpgrade()
        #expect(changes.isEmpty)
        #expect(warnings.map(\.line) == [3])
    }

    @Test(arguments: [
        ("2016-02-29", true), ("2015-02-29", false), ("1900-02-29", false),
        ("2000-02-29", true), ("2021-04-31", false), ("2021-13-01", false), ("2021-12-31", true),
    ])
    func datesAreCheckedAgainstTheCalendar(date: String, possible: Bool) {
        let record = DecisionRecord(parsing: "# 1. X\n\nDate: \(date)\n", path: "0001-x.md")
        #expect((record.date == date) == possible)
    }

    @Test func titlesBecomeOneLineOrAreRefused() throws {
        #expect(
            try RecordTitle.normalized("  Two\nlines\r\n\tand\u{2028}more ") == "Two lines and more"
        )
        #expect(throws: RecordTitle.Problem.controlCharacter("U+001B")) {
            try RecordTitle.normalized("Red \u{1B}[31m")
        }
        #expect(throws: RecordTitle.Problem.empty) { try RecordTitle.normalized(" \n ") }
    }

    @Test func recordNumbersAreBounded() {
        #expect(DecisionRecord.number(fromFileName: "9223372036854775807-x.md") == nil)
        #expect(DecisionRecord.number(fromFileName: "999999999-x.md") == 999_999_999)
        let log = DecisionLog(entries: [entry("0003-x.md", "# 99999999999999999999. X\n")])
        #expect(log.nextNumber == 4)
    }

    @Test func renumberingRewritesASupersededByNumberInFrontMatter() throws {
        let old = entry("0020-old.md", "---\nstatus: superseded by ADR-0021\n---\n\n# Old\n")
        let new = entry("0021-new.md", "---\nstatus: accepted\n---\n\n# New\n")
        let other = entry("0022-x.md", "---\nstatus: superseded by ADR-0210\n---\n\n# X\n")
        let log = DecisionLog(entries: [old, new, other])
        let (_, changes) = try log.planningRenumber(of: new, to: 30)
        #expect(
            changes.contents(of: "0020-old.md", current: old.text)
                == "---\nstatus: superseded by ADR-0030\n---\n\n# Old\n"
        )
        #expect(changes.contents(of: "0022-x.md", current: other.text) == other.text)
    }

    @Test func aLinkAlreadyThereIsNotAddedTwice() {
        let first = entry("0001-a.md", nygard(1, "A"))
        let second = entry("0002-b.md", nygard(2, "B"))
        let log = DecisionLog(entries: [first, second])
        let once = log.planningLink(from: second, type: "Amends", to: first, reverse: "Amended by")
        let text = once.contents(of: "0002-b.md", current: second.text)!
        let relinked = DecisionLog(entries: [first, entry("0002-b.md", text)])
        let twice = relinked.planningLink(
            from: relinked.entries[1],
            type: "Amends",
            to: first,
            reverse: "Amended by"
        )
        #expect(twice.contents(of: "0002-b.md", current: text) == text)
    }

    @Test func numberedFilesAreRecordsWhateverTheirSlug() {
        #expect(DecisionRecord.isLikelyRecord(fileName: "0005-template-for-emails.md"))
        #expect(DecisionRecord.isLikelyRecord(fileName: "0006-emails-template.md"))
        #expect(!DecisionRecord.isLikelyRecord(fileName: "0000-template.md"))
        #expect(!DecisionRecord.isLikelyRecord(fileName: "adr-template.md"))
        #expect(!DecisionRecord.isLikelyRecord(fileName: "template.md"))
    }
}

@Suite struct LogRenderingTests {
    let log = DecisionLog(entries: [
        entry("0001-record.md", nygard(1, "Record")),
        entry("0002-say-\"hi\".md", nygard(2, "Say \"hi\"")),
    ])

    @Test func theTableOfContentsIsByteForByteAdrTools() {
        let toc = log.tableOfContents(
            TableOfContentsOptions(intro: "Intro.\n", outro: "Outro.\n", linkPrefix: "p/")
        )
        #expect(
            toc == """
                # Architecture Decision Records

                Intro.

                * [1. Record](p/0001-record.md)
                * [2. Say "hi"](p/0002-say-"hi".md)

                Outro.

                """
        )
    }

    @Test func theDotGraphEscapesQuotesInTitles() {
        let graph = log.graph(format: .dot)
        #expect(graph.contains(#"    _2 [label="2. Say \"hi\""; URL="0002-say-"hi".html"];"#))
        #expect(graph.contains("    _1 -> _2 [style=\"dotted\", weight=1];\n"))
        #expect(graph.hasPrefix("digraph {\n  node [shape=plaintext];\n  subgraph {\n"))
    }

    @Test func theIndexIsReplacedBetweenMarkersAndTheRestKept() {
        let document =
            "# Decisions\n\nHand-written intro.\n\n<!-- adr-index:start -->\nold\n<!-- adr-index:end -->\n\nFooter.\n"
        let updated = log.updatingIndex(in: document)
        #expect(
            updated.hasPrefix(
                "# Decisions\n\nHand-written intro.\n\n<!-- adr-index:start -->\n* [1. Record]"
            )
        )
        #expect(updated.hasSuffix("<!-- adr-index:end -->\n\nFooter.\n"))
        #expect(log.updatingIndex(in: updated) == updated)
    }
}

@Suite struct ConfigurationTests {
    @Test func everyDocumentedKeyIsRead() throws {
        let configuration = try Configuration(
            parsing: """
                log: docs/decisions
                template: madr
                status: proposed
                links: superceded
                tags: [security, data]
                logs:
                  - name: api
                    log: services/api/docs/adr
                approvals:
                  trailers: [Approved-by]
                  notes-ref: refs/notes/decisions
                  distinct-approver: true
                """
        )
        #expect(configuration.log.folder == "docs/decisions")
        #expect(configuration.log.template == "madr")
        #expect(configuration.log.linkSpelling == .superceded)
        #expect(configuration.tags == ["security", "data"])
        #expect(configuration.settings(forLogNamed: "api")?.folder == "services/api/docs/adr")
        #expect(configuration.approvals.notesReference == "refs/notes/decisions")
        #expect(configuration.approvals.requiresDistinctApprover)
    }

    @Test func anUnknownKeyIsAnErrorNamingItsLine() {
        #expect(throws: ConfigurationError.self) {
            try Configuration(parsing: "log: x\ntempalte: madr\n")
        }
        do {
            _ = try Configuration(parsing: "log: x\ntempalte: madr\n")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("\"tempalte\""))
        }
    }
}

import Foundation
import TestSupport
import Testing

/// Commands and formats adr-tools does not have: show, status, list --format json,
/// renumber, MADR logs.
@Suite struct BeyondAdrToolsTests {
    private func nygard(_ number: Int, _ title: String, status: String) -> String {
        "# \(number). \(title)\n\nDate: 1992-01-12\n\n## Status\n\n\(status)\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nSo.\n"
    }

    @Test func showPrintsARecordWithItsLinksBothWays() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        try repo.adr("new", "--no-edit", "-s", "2", "Use a better queue")
        let old = try repo.adr("show", "2")
        #expect(old.status == 0, "\(old)")
        #expect(old.stdout.contains("Use a queue"), "\(old)")
        #expect(
            old.stdout.contains("Use a better queue"),
            "the superseding record is named: \(old)"
        )
        #expect(old.stdout.lowercased().contains("supersede"), "\(old)")
        let new = try repo.adr("show", "3")
        #expect(new.status == 0, "\(new)")
        #expect(new.stdout.contains("Use a better queue"))
        #expect(new.stdout.contains("Use a queue"), "the superseded record is named: \(new)")
        #expect(new.stdout.lowercased().contains("accepted"), "\(new)")
    }

    @Test func statusChangesTheStatusSectionOfAProposedRecord() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write("doc/adr/0002-use-a-queue.md", nygard(2, "Use a queue", status: "Proposed"))
        let result = try repo.adr("status", "2", "accepted")
        #expect(result.status == 0, "\(result)")
        let record = try repo.read("doc/adr/0002-use-a-queue.md")
        #expect(record.statusSection.lowercased() == "accepted", "\(record)")
        #expect(
            record == nygard(2, "Use a queue", status: record.statusSection),
            "only the status changes"
        )
    }

    @Test func statusChangesTheStatusKeyOfAMadrFrontMatterRecord() throws {
        let repo = try TestRepository()
        try repo.write(".adr-dir", "docs/decisions\n")
        let original = """
            ---
            status: proposed
            date: 1992-01-12
            ---

            # Use Postgres

            ## Context and Problem Statement

            We need a database.

            """
        try repo.write("docs/decisions/0001-use-postgres.md", original)
        let result = try repo.adr("status", "1", "accepted")
        #expect(result.status == 0, "\(result)")
        let record = try repo.read("docs/decisions/0001-use-postgres.md")
        #expect(
            record
                == original.replacingOccurrences(of: "status: proposed", with: "status: accepted"),
            "\(record)"
        )
    }

    @Test func statusChangesAStatusBulletRecord() throws {
        let repo = try TestRepository()
        try repo.write(".adr-dir", "docs/decisions\n")
        let original = """
            # Use Postgres

            - Status: proposed
            - Deciders: Ada, Grace
            - Date: 1992-01-12

            ## Context and Problem Statement

            We need a database.

            """
        try repo.write("docs/decisions/0001-use-postgres.md", original)
        let result = try repo.adr("status", "1", "accepted")
        #expect(result.status == 0, "\(result)")
        let record = try repo.read("docs/decisions/0001-use-postgres.md")
        #expect(
            record
                == original.replacingOccurrences(
                    of: "- Status: proposed",
                    with: "- Status: accepted"
                ),
            "\(record)"
        )
    }

    @Test func anInvalidStatusTransitionIsRefusedUnlessForced() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write("doc/adr/0002-use-a-queue.md", nygard(2, "Use a queue", status: "Rejected"))
        let before = try repo.snapshot()
        let refused = try repo.adr("status", "2", "accepted")
        #expect(refused.status != 0, "\(refused)")
        #expect(!refused.stderr.isEmpty)
        #expect(try repo.snapshot() == before, "a refused change leaves every byte alone")

        let forced = try repo.adr("status", "2", "accepted", "--force")
        #expect(forced.status == 0, "\(forced)")
        #expect(
            try repo.read("doc/adr/0002-use-a-queue.md").statusSection.lowercased() == "accepted"
        )
    }

    private func jsonRecords(_ result: ProcessResult) throws -> [[String: Any]] {
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(parsed as? [[String: Any]], "\(result)")
    }

    @Test func listAsJsonGivesOneArrayOfRecordsWithTheDocumentedKeys() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        try repo.adr("new", "--no-edit", "-s", "2", "Use a better queue")
        let result = try repo.adr("list", "--format", "json")
        #expect(result.status == 0, "\(result)")
        let records = try jsonRecords(result)
        #expect(records.count == 3)
        let keys: Set<String> = [
            "id", "number", "title", "status", "statusText", "date", "path", "tags", "links",
            "references", "warnings",
        ]
        for record in records {
            #expect(Set(record.keys) == keys, "\(record)")
            for link in record["links"] as? [[String: Any]] ?? [] {
                #expect(Set(link.keys) == ["type", "target"], "\(link)")
            }
        }
        #expect(records.map { $0["number"] as? Int } == [1, 2, 3])
        #expect(records.map { $0["status"] as? String } == ["accepted", "superseded", "accepted"])
        #expect((records[1]["links"] as? [Any])?.count == 1)
        #expect((records[2]["links"] as? [Any])?.count == 1)
        #expect(records[2]["date"] as? String == "1992-01-12")
    }

    @Test func listFiltersByStatus() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write("doc/adr/0002-use-a-queue.md", nygard(2, "Use a queue", status: "Proposed"))
        try repo.write("doc/adr/0003-use-a-cache.md", nygard(3, "Use a cache", status: "Accepted"))
        let result = try repo.adr("list", "--status", "accepted")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout
                == "doc/adr/0001-record-architecture-decisions.md\ndoc/adr/0003-use-a-cache.md\n",
            "\(result)"
        )
        let proposed = try repo.adr("list", "--status", "proposed", "--format", "json")
        #expect(try jsonRecords(proposed).map { $0["number"] as? Int } == [2])
    }

    @Test func renumberMovesTheFileAndRewritesLinksToIt() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        try repo.adr("new", "--no-edit", "-s", "2", "Use a better queue")
        let result = try repo.adr("renumber", "3", "--to", "7")
        #expect(result.status == 0, "\(result)")
        #expect(!repo.exists("doc/adr/0003-use-a-better-queue.md"))
        let moved = try repo.read("doc/adr/0007-use-a-better-queue.md")
        #expect(moved.hasPrefix("# 7. Use a better queue\n"), "\(moved)")
        let old = try repo.read("doc/adr/0002-use-a-queue.md")
        #expect(old.contains("(0007-use-a-better-queue.md)"), "\(old)")
        #expect(!old.contains("0003-use-a-better-queue.md"), "\(old)")
        let next = try repo.adr("new", "--no-edit", "After renumbering")
        #expect(next.stdout == "doc/adr/0008-after-renumbering.md\n", "\(next)")
    }

    @Test func aMadrLogWithFrontMatterIsListed() throws {
        let repo = try TestRepository()
        try repo.write(".adr-dir", "docs/decisions\n")
        try repo.write(
            "docs/decisions/0001-use-markdown.md",
            "---\nstatus: accepted\ndate: 1992-01-12\ndecision-makers: [Ada]\n---\n\n# Use Markdown\n\n## Context and Problem Statement\n\nText.\n"
        )
        try repo.write(
            "docs/decisions/0002-use-yaml.md",
            "---\nstatus: proposed\ndate: 1992-01-13\n---\n\n# Use YAML\n\n## Context and Problem Statement\n\nText.\n"
        )
        let list = try repo.adr("list")
        #expect(list.status == 0, "\(list)")
        #expect(
            list.stdout == "docs/decisions/0001-use-markdown.md\ndocs/decisions/0002-use-yaml.md\n"
        )
        let records = try jsonRecords(try repo.adr("list", "--format", "json"))
        #expect(records.map { $0["title"] as? String } == ["Use Markdown", "Use YAML"])
        #expect(records.map { $0["status"] as? String } == ["accepted", "proposed"])
        #expect(records.map { $0["date"] as? String } == ["1992-01-12", "1992-01-13"])
    }

    @Test func aRecordWithBrokenFrontMatterIsListedWithAWarning() throws {
        let repo = try TestRepository()
        try repo.write(".adr-dir", "docs/decisions\n")
        try repo.write("docs/decisions/0001-fine.md", "---\nstatus: accepted\n---\n\n# Fine\n")
        try repo.write(
            "docs/decisions/0002-broken.md",
            "---\nstatus: [accepted\ndate: : :\n---\n\n# Broken\n"
        )
        try repo.write(
            "docs/decisions/0003-also-fine.md",
            "---\nstatus: proposed\n---\n\n# Also fine\n"
        )
        let list = try repo.adr("list")
        #expect(list.status == 0, "\(list)")
        #expect(
            list.stdout
                == "docs/decisions/0001-fine.md\ndocs/decisions/0002-broken.md\ndocs/decisions/0003-also-fine.md\n"
        )
        #expect(list.stderr.contains("0002-broken.md"), "\(list)")

        let json = try repo.adr("list", "--format", "json")
        #expect(json.status == 0, "\(json)")
        let records = try jsonRecords(json)
        #expect(records.count == 3)
        guard records.count == 3 else { return }
        #expect((records[0]["warnings"] as? [Any])?.isEmpty == true)
        #expect((records[1]["warnings"] as? [Any])?.isEmpty == false)
        #expect((records[2]["warnings"] as? [Any])?.isEmpty == true)
        #expect(records[2]["status"] as? String == "proposed")
    }

    @Test func initWithTheMadrTemplateCreatesARecordWithFrontMatter() throws {
        let repo = try TestRepository()
        let result = try repo.adr("init", "--template", "madr", "docs/decisions")
        #expect(result.status == 0, "\(result)")
        let files = try repo.files(in: "docs/decisions").filter { $0.hasSuffix(".md") }
        #expect(files.count == 1 && files[0].hasPrefix("0001-"), "\(files)")
        guard let file = files.first else { return }
        let record = try repo.read("docs/decisions/\(file)")
        #expect(record.hasPrefix("---\n"), "\(record)")
        #expect(record.contains("\nstatus: "), "\(record)")
        let records = try jsonRecords(try repo.adr("list", "--format", "json"))
        #expect(records.count == 1)
        #expect(records.first?["number"] as? Int == 1)
        #expect((records.first?["warnings"] as? [Any])?.isEmpty == true)
    }
}

import Foundation
import TestSupport
import Testing

/// Logs shaped like public repositories: MADR, log4brains, the ADR-001 style, a folder per
/// record, non-records beside records, several logs in one repository.
@Suite struct RealWorldLogTests {
    private func jsonRecords(_ result: ProcessResult) throws -> [[String: Any]] {
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(parsed as? [[String: Any]], "\(result)")
    }

    @Test func aLog4brainsLogIsFoundThroughItsConfigurationAndRead() throws {
        let repo = try TestRepository()
        try repo.write(".log4brains.yml", "project:\n  name: demo\n  adrFolder: ./docs/adr\n")
        try repo.write(
            "docs/adr/20200924-use-log4brains.md",
            "# Use Log4brains to manage the ADRs\n\n- Status: accepted\n- Date: 2020-09-24\n- Tags: doc, tooling\n\n## Context and Problem Statement\n\nWhy.\n"
        )
        try repo.write("docs/adr/README.md", "# Decisions\n")
        try repo.write("docs/adr/template.md", "# [short title]\n\n- Status: [proposed]\n")
        let result = try repo.adr("list", "--format", "json")
        #expect(result.status == 0, "\(result)")
        let records = try jsonRecords(result)
        #expect(records.count == 1, "README and template are not records: \(result)")
        #expect(records.first?["title"] as? String == "Use Log4brains to manage the ADRs")
        #expect(records.first?["status"] as? String == "accepted")
        #expect(records.first?["number"] is NSNull, "a date prefix is not a number")
        #expect(records.first?["path"] as? String == "docs/adr/20200924-use-log4brains.md")
        #expect(
            try repo.adr("list", "--tag", "tooling").stdoutLines == [
                "docs/adr/20200924-use-log4brains.md"
            ]
        )
    }

    @Test func aFolderPerRecordLogListsEachFolderOnce() throws {
        let repo = try TestRepository()
        try repo.write(
            "docs/decisions/0001-use-go/index.md",
            "---\nstatus: accepted\ndate: 2021-03-04\n---\n\n# Use Go\n\n## Context and Problem Statement\n\nWhy.\n"
        )
        try repo.write("docs/decisions/0001-use-go/diagram.png", "png")
        try repo.write(
            "docs/decisions/0002-use-grpc/index.md",
            "---\nstatus: proposed\n---\n\n# Use gRPC\n"
        )
        let result = try repo.adr("list", "--format", "json")
        let records = try jsonRecords(result)
        #expect(
            records.map { $0["id"] as? String } == ["0001-use-go", "0002-use-grpc"],
            "\(result)"
        )
        #expect(records.map { $0["status"] as? String } == ["accepted", "proposed"])
    }

    @Test func theLightweightStyleIsWrittenAndReadBack() throws {
        let repo = try TestRepository()
        try repo.makeDirectory("adr")
        let created = try repo.adr(
            "new",
            "--no-edit",
            "--template",
            "lightweight",
            "Use queue-based processing"
        )
        #expect(created.status == 0, "\(created)")
        let text = try repo.read("adr/0001-use-queue-based-processing.md")
        #expect(text.hasPrefix("# ADR-001: Use queue-based processing\n"), "\(text)")
        let approved = try repo.adr("status", "1", "accepted", "--date", "2026-02-08")
        #expect(approved.status == 0, "\(approved)")
        let records = try jsonRecords(try repo.adr("list", "--format", "json"))
        #expect(records.first?["status"] as? String == "accepted", "\(records)")
        #expect(records.first?["title"] as? String == "Use queue-based processing")
    }

    @Test func aMonorepoChoosesItsLogByNameOrByTheWorkingDirectory() throws {
        let repo = try TestRepository()
        try repo.write(
            ".adr.yml",
            "logs:\n  - name: api\n    log: services/api/docs/adr\n  - name: web\n    log: services/web/docs/adr\n    template: madr\n"
        )
        try repo.makeDirectory("services/api/docs/adr")
        try repo.makeDirectory("services/web/docs/adr")
        let api = try repo.adr("--log", "api", "new", "--no-edit", "Use REST")
        #expect(api.stdoutLines == ["services/api/docs/adr/0001-use-rest.md"], "\(api)")
        let web = try repo.adr("new", "--no-edit", "Use React", in: "services/web")
        #expect(web.stdoutLines == ["docs/adr/0001-use-react.md"], "\(web)")
        #expect(
            try repo.read("services/web/docs/adr/0001-use-react.md").hasPrefix(
                "---\nstatus: proposed\n"
            )
        )
        let unknown = try repo.adr("--log", "mobile", "list")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no log named \"mobile\""), "\(unknown)")
    }

    @Test func tagsOutsideTheVocabularyAreWarnedAboutButListed() throws {
        let repo = try TestRepository()
        try repo.write(".adr.yml", "log: docs/decisions\ntags: [security]\n")
        try repo.write(
            "docs/decisions/0001-x.md",
            "---\nstatus: accepted\ntags: [security, speed]\n---\n\n# X\n"
        )
        let result = try repo.adr("list")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines == ["docs/decisions/0001-x.md"])
        #expect(
            result.stderr.contains("docs/decisions/0001-x.md: unknown tag \"speed\""),
            "\(result)"
        )
    }

    @Test func oneUnreadableRecordNeverStopsTheListing() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write("doc/adr/0002-broken.md", "---\nstatus: [unclosed\n---\n# 2. Broken\n")
        try repo.write("doc/adr/0003-binary.md", "\u{0}\u{1}\u{FFFD}garbage")
        try repo.write(
            "doc/adr/0004-crlf.md",
            "\u{FEFF}# 4. Windows\r\n\r\nDate: 2020-01-02\r\n\r\n## Status\r\n\r\nProposed\r\n"
        )
        let result = try repo.adr("list", "--format", "json")
        #expect(result.status == 0, "\(result)")
        let records = try jsonRecords(result)
        #expect(records.count == 4)
        #expect((records[1]["warnings"] as? [String])?.isEmpty == false, "\(records[1])")
        #expect(records[3]["title"] as? String == "Windows")
        #expect(records[3]["status"] as? String == "proposed")
    }
}

import Foundation
import Testing

/// `adr approve`, `adr sync` and the approvals block of `adr show`, in real repositories.
@Suite struct ApprovalTests {
    private let record = "doc/adr/0002-use-postgres.md"

    private func approvals(_ repo: TestRepository, in directory: String = "") throws -> [[String:
        Any]]
    {
        let result = try repo.adr(arguments: ["show", "2", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return (object as? [String: Any])?["approvals"] as? [[String: Any]] ?? []
    }

    @Test func aTrailerApprovalIsShownCurrent() throws {
        let repo = try TestRepository.withCommittedRecord(
            trailer: "Approved-by: Bo Reviewer <bo@example.com>"
        )
        let found = try approvals(repo)
        #expect(found.count == 1)
        #expect(found.first?["by"] as? String == "Bo Reviewer <bo@example.com>")
        #expect(found.first?["source"] as? String == "trailer")
        #expect(found.first?["current"] as? Bool == true)
        let text = try repo.adr("show", "2")
        #expect(text.stdout.contains("approvals:\n  Bo Reviewer <bo@example.com>"), "\(text)")
        #expect(text.stdout.contains("current"))
    }

    @Test func anEditAfterTheApprovalMakesItStaleNamingTheCommit() throws {
        let repo = try TestRepository.withCommittedRecord(
            trailer: "acked-by: Bo Reviewer <bo@example.com>"
        )
        try repo.write(record, try repo.read(record) + "\nOne more consequence.\n")
        try repo.git("commit", "-q", "-am", "Edit 0002")
        let edit = try repo.git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .newlines)
        let found = try approvals(repo)
        #expect(found.first?["current"] as? Bool == false)
        #expect(found.first?["changedBy"] as? String == edit)
        #expect(
            try repo.adr("show", "2").stdout.contains("stale: text changed in \(edit.prefix(12))")
        )
    }

    @Test func aStatusChangeAfterTheApprovalKeepsItCurrent() throws {
        let repo = try TestRepository.withCommittedRecord()
        let approve = try repo.adr("approve", "2", "--by", "Bo Reviewer <bo@example.com>")
        #expect(approve.status == 0, "\(approve)")
        try repo.adr("status", "2", "superseded")
        try repo.git("commit", "-q", "-am", "Supersede 0002")
        let again = try repo.adr("approve", "2", "--by", "Bo Reviewer <bo@example.com>")
        #expect(again.stdout.hasPrefix("already approved"), "\(again)")
        let found = try approvals(repo)
        #expect(found.count == 1)
        #expect(found.first?["source"] as? String == "note")
        #expect(found.first?["current"] as? Bool == true)
    }

    @Test func anApproverThatIsNotNameAndEmailIsAUsageError() throws {
        let repo = try TestRepository.withCommittedRecord()
        let result = try repo.adr("approve", "2", "--by", "just-a-name")
        #expect(result.status == 64, "\(result)")
    }

    @Test func approvingRefusesUncommittedChanges() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.write(record, try repo.read(record) + "\nDraft.\n")
        let result = try repo.adr("approve", "2")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("uncommitted changes"))
        #expect(try approvals(repo).isEmpty)
    }

    @Test func distinctApproverRefusesTheLastAuthor() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.write(".adr.yml", "approvals:\n  distinct-approver: true\n")
        let result = try repo.adr("approve", "2")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("distinct-approver"))
        let other = try repo.adr("approve", "2", "--by", "Bo Reviewer <bo@example.com>")
        #expect(other.status == 0, "\(other)")
    }

    @Test func approvingTwiceKeepsOneEntry() throws {
        let repo = try TestRepository.withCommittedRecord()
        #expect(try repo.adr("approve", "2").status == 0)
        let again = try repo.adr("approve", "2")
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.hasPrefix("already approved by Ada Tester <ada@example.com>"))
        let note = try repo.git("notes", "--ref", "refs/notes/adr", "show", "HEAD").stdout
        #expect(note.components(separatedBy: "adr-approval v1").count == 2, "\(note)")
        #expect(try approvals(repo).count == 1)
    }

    @Test func aMalformedNoteIsSkippedWithAWarning() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.git(
            "notes",
            "--ref",
            "refs/notes/adr",
            "add",
            "-m",
            "adr-approval v1\nrecord: \u{1b}[31m"
        )
        let result = try repo.adr("show", "2")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("warning: note on"), "\(result)")
        #expect(!result.stderr.contains("\u{1b}"))
        #expect(result.stdout.contains("approvals: none"))
    }

    @Test func syncSharesApprovalsThroughABareRemote() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.git("init", "-q", "--bare", "remote.git")
        try repo.git("remote", "add", "origin", repo.url("remote.git").path)
        try repo.git("push", "-q", "origin", "HEAD:refs/heads/main")
        try repo.git("clone", "-q", "-b", "main", repo.url("remote.git").path, "second")
        try repo.git("config", "user.name", "Cy Second", in: "second")
        try repo.git("config", "user.email", "cy@example.com", in: "second")

        #expect(try repo.adr("approve", "2", "--by", "Bo Reviewer <bo@example.com>").status == 0)
        #expect(try repo.adr("sync").status == 0)
        // The second clone approves too before it syncs: the notes have diverged.
        #expect(try repo.adr(arguments: ["approve", "2"], in: "second").status == 0)
        let sync = try repo.adr(arguments: ["sync"], in: "second")
        #expect(sync.status == 0, "\(sync)")
        let seen = try approvals(repo, in: "second").compactMap { $0["by"] as? String }
        #expect(seen.sorted() == ["Bo Reviewer <bo@example.com>", "Cy Second <cy@example.com>"])
        #expect(try repo.adr("sync").status == 0)
        #expect(try approvals(repo).count == 2)
    }

    private func head(_ repo: TestRepository) throws -> String {
        try repo.git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .newlines)
    }

    private func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func aTrailerApprovalBeforeARenameIsStillShownAndCurrent() throws {
        let repo = try TestRepository.withCommittedRecord(
            trailer: "Approved-by: Bo Reviewer <bo@example.com>"
        )
        let added = try head(repo)
        try repo.git("mv", record, "doc/adr/0002-choose-postgres.md")
        try repo.git("commit", "-q", "-m", "Rename 0002")
        let found = try approvals(repo)
        #expect(found.count == 1)
        #expect(found.first?["commit"] as? String == added)
        #expect(found.first?["current"] as? Bool == true)
        #expect((found.first?["textHash"] as? String)?.hasPrefix("sha1:") == true)

        let show = try repo.adr("show", "2", "--format", "json")
        let object = try #require(try json(show.stdout) as? [String: Any])
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(history.compactMap { $0["change"] as? String } == ["added", "renamed"])
        // A plain git mv keeps the blob, so both revisions carry the approved text.
        let hashes = history.compactMap { $0["textHash"] as? String }
        #expect(hashes.count == 2 && Set(hashes) == [found.first?["textHash"] as? String])
    }

    @Test func approvingARenamedRecordNotesTheRenameAndKnowsEarlierNotes() throws {
        let repo = try TestRepository.withCommittedRecord()
        #expect(try repo.adr("approve", "2", "--by", "Bo Reviewer <bo@example.com>").status == 0)
        try repo.git("mv", record, "doc/adr/0002-choose-postgres.md")
        try repo.git("commit", "-q", "-m", "Rename 0002")
        let rename = try head(repo)
        let again = try repo.adr("approve", "2", "--by", "Bo Reviewer <bo@example.com>")
        #expect(again.stdout.hasPrefix("already approved"), "\(again)")

        let other = try repo.adr("approve", "2", "--by", "Cy Second <cy@example.com>")
        #expect(other.status == 0, "\(other)")
        #expect(other.stdout.contains("note on \(rename.prefix(12))"), "\(other)")
        let found = try approvals(repo)
        #expect(found.compactMap { $0["by"] as? String }.count == 2)
        #expect(found.allSatisfy { $0["current"] as? Bool == true })
    }

    @Test func anApprovalAppearsInTheLogAsTextAndJSON() throws {
        let repo = try TestRepository.withCommittedRecord(
            trailer: "Approved-by: Bo Reviewer <bo@example.com>"
        )
        #expect(try repo.adr("approve", "2", "--by", "Cy Second <cy@example.com>").status == 0)

        let result = try repo.adr("log", "2", "--format", "json")
        #expect(result.status == 0, "\(result)")
        let events = try #require(try json(result.stdout) as? [[String: Any]])
        #expect(
            events.compactMap { $0["event"] as? String } == ["approved", "approved", "created"]
        )
        let approvers = events.compactMap { ($0["approval"] as? [String: Any])?["by"] as? String }
        // The note was given after the commit (now, not the fixed commit date): newest.
        #expect(approvers == ["Cy Second <cy@example.com>", "Bo Reviewer <bo@example.com>"])
        let sources = events.compactMap {
            ($0["approval"] as? [String: Any])?["source"] as? String
        }
        #expect(sources == ["note", "trailer"])
        #expect(events[1]["date"] as? String == "1992-01-12T10:00:00+00:00")

        let text = try repo.adr("log")
        #expect(text.status == 0, "\(text)")
        #expect(
            text.stdout.contains(
                "\(record)  approved (trailer)  by Bo Reviewer <bo@example.com>  Add 0002"
            ),
            "\(text)"
        )
        #expect(text.stdout.contains("approved (note)  by Cy Second <cy@example.com>"))
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.first?.contains("Cy Second") == true, "\(text)")
        let since = try repo.adr("log", "--since", "1992-01-13")
        #expect(since.stdout.split(separator: "\n").count == 1, "\(since)")
        #expect(since.stdout.contains("approved (note)"))
    }

    @Test func aStaleApprovalAfterAnEditOnAMergedBranchNamesTheEdit() throws {
        let repo = try TestRepository.withCommittedRecord(
            trailer: "Approved-by: Bo Reviewer <bo@example.com>"
        )
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write(record, try repo.read(record) + "\nOne more consequence.\n")
        let message = "Edit 0002\n\nApproved-by: Cy Second <cy@example.com>"
        try repo.git("commit", "-q", "-am", message)
        let edit = try head(repo)
        try repo.git("checkout", "-q", "-")
        try repo.write("README.md", "Unrelated.\n")
        try repo.git("add", "README.md")
        try repo.git("commit", "-q", "-m", "Unrelated change")
        try repo.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature")
        let merge = try head(repo)

        let found = try approvals(repo)
        let bo = try #require(found.first { $0["by"] as? String == "Bo Reviewer <bo@example.com>" })
        #expect(bo["current"] as? Bool == false)
        #expect(bo["changedBy"] as? String == edit)
        #expect(bo["changedBy"] as? String != merge)
        // The merge only brings the branch's text in: the approval given there still holds.
        let cy = try #require(found.first { $0["by"] as? String == "Cy Second <cy@example.com>" })
        #expect(cy["current"] as? Bool == true)
        #expect(
            try repo.adr("show", "2").stdout.contains("stale: text changed in \(edit.prefix(12))")
        )
    }
}

import Foundation
import TestSupport
import Testing

/// Errors a user can act on: one line `adr: error: ...`, naming what is wrong (the remote,
/// the file in the way), exit 2 for operational errors and 64 for usage.
@Suite struct MessagesTests {
    private let record = "doc/adr/0002-use-postgres.md"

    private func expectOneLineError(_ result: ProcessResult, status: Int32 = 2) {
        #expect(result.status == status, "\(result)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("adr: error: "), "\(result)")
        #expect(!result.stderr.contains("libgit2"), "\(result)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(result)")
    }

    // MARK: adr sync

    @Test func syncWithAnUnknownRemoteNamesItAndTheRemotesThereAre() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.git("init", "-q", "--bare", "remote.git")
        try repo.git("remote", "add", "upstream", repo.url("remote.git").path)
        let result = try repo.adr("sync", "nosuch")
        expectOneLineError(result)
        #expect(result.stderr.contains("no remote named 'nosuch'"), "\(result)")
        #expect(result.stderr.contains("upstream"), "\(result)")
        #expect(!result.stderr.contains("unsupported URL protocol"), "\(result)")
    }

    @Test func syncWithoutAnOriginSaysThereAreNoRemotes() throws {
        let repo = try TestRepository.withCommittedRecord()
        let result = try repo.adr("sync")
        expectOneLineError(result)
        #expect(result.stderr.contains("no remote named 'origin'"), "\(result)")
        #expect(result.stderr.contains("git remote add origin"), "\(result)")
    }

    @Test func syncWithAPathThatDoesNotExistSaysSo() throws {
        let repo = try TestRepository.withCommittedRecord()
        let missing = repo.url("no/such/remote.git").path
        let given = try repo.adr("sync", missing)
        expectOneLineError(given)
        #expect(given.stderr.contains("\(missing): the path does not exist"), "\(given)")

        try repo.git("remote", "add", "origin", missing)
        let configured = try repo.adr("sync")
        expectOneLineError(configured)
        #expect(configured.stderr.contains("remote 'origin'"), "\(configured)")
        #expect(configured.stderr.contains("does not exist"), "\(configured)")
    }

    @Test func syncReportsTheNotesItMergedFromTheRemote() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.git("init", "-q", "--bare", "remote.git")
        try repo.git("remote", "add", "origin", repo.url("remote.git").path)
        try repo.git("push", "-q", "origin", "HEAD:refs/heads/main")
        try repo.git("clone", "-q", "-b", "main", repo.url("remote.git").path, "second")
        try repo.git("config", "user.name", "Cy Second", in: "second")
        try repo.git("config", "user.email", "cy@example.com", in: "second")

        #expect(try repo.adr("approve", "2", "--by", "Bo Reviewer <bo@example.com>").status == 0)
        let first = try repo.adr("sync")
        #expect(
            first.stdout
                == "synced approvals with origin: merged 0 notes from it, pushed 1 note to it\n",
            "\(first)"
        )
        #expect(try repo.adr(arguments: ["approve", "2"], in: "second").status == 0)
        let second = try repo.adr(arguments: ["sync"], in: "second")
        #expect(second.stdout.contains("merged 1 note from it, pushed 1 note to it"), "\(second)")
        // The first clone only receives: before, it said "0 notes merged".
        let third = try repo.adr("sync")
        #expect(third.stdout.contains("merged 1 note from it, pushed 0 notes to it"), "\(third)")
    }

    // MARK: Files in the way

    @Test func aFileInTheWayOfTheLogFolderIsNamed() throws {
        let repo = try TestRepository()
        try repo.write("notes", "not a folder\n")
        let below = try repo.adr("--dir", "notes/adr", "new", "--no-edit", "First")
        expectOneLineError(below)
        #expect(
            below.stderr
                == "adr: error: notes/adr: cannot create the folder: notes is a file, not a folder\n",
            "\(below)"
        )
        let itself = try repo.adr("--dir", "notes", "init")
        expectOneLineError(itself)
        #expect(itself.stderr.contains("notes: cannot create the folder: a file"), "\(itself)")
    }

    // MARK: Damaged repositories

    @Test func aMissingLooseObjectStillShowsTheRecordWithAWarning() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.write(record, try repo.read(record) + "\nMore context.\n")
        try repo.git("commit", "-q", "-a", "-m", "Edit 0002")
        let blob = try repo.git("rev-parse", "HEAD~1:\(record)").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let object = ".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        #expect(repo.exists(object))
        try FileManager.default.removeItem(at: repo.url(object))

        let result = try repo.adr("show", "2", "--no-cache")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("# 2. Use Postgres"), "\(result)")
        #expect(result.stdout.contains("More context."), "\(result)")
        #expect(result.stdout.contains("history: not shown"), "\(result)")
        #expect(result.stderr.contains("warning: history not shown"), "\(result)")
        #expect(result.stderr.contains(blob), "\(result)")
        // Not a shallow clone: fetching cannot help, fsck can tell what is broken.
        #expect(!result.stderr.contains("unshallow"), "\(result)")
        #expect(result.stderr.contains("git fsck"), "\(result)")
    }

    // MARK: adr-tools compatibility

    @Test func theEditorIsGivenThePathRelativeToTheWorkingDirectory() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.makeDirectory("src/app")
        let editor = try repo.writeScript(
            "bin/editor",
            "pwd > \"\(repo.url("editor.log").path)\"\necho \"$1\" >> \"\(repo.url("editor.log").path)\"\n"
        )
        let result = try repo.adr(
            "new",
            "Edited Record",
            in: "src/app",
            environment: ["EDITOR": editor]
        )
        #expect(result.status == 0, "\(result)")
        let log = try repo.read("editor.log").lines
        #expect(log.count == 2, "\(log)")
        #expect(log.last == "../../doc/adr/0002-edited-record.md", "\(log)")
        #expect(
            log.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                == repo.url("src/app").resolvingSymlinksInPath().path,
            "\(log)"
        )
        #expect(result.stdoutLines.last == "../../doc/adr/0002-edited-record.md", "\(result)")
    }

    @Test(arguments: [["new"], ["new", "  "], ["new", "--no-edit"]])
    func aMissingTitleIsOneLineAndAUsageError(arguments: [String]) throws {
        let repo = try TestRepository()
        try repo.adr("init")
        let result = try repo.adr(arguments: arguments)
        expectOneLineError(result, status: 64)
        #expect(result.stderr.contains("a title is required"), "\(result)")
        #expect(!result.stderr.contains("Usage:"), "\(result)")
    }

    @Test(arguments: [["help", "bogus"], ["help", "new", "bogus"]])
    func helpForACommandThatDoesNotExistIsAUsageError(arguments: [String]) throws {
        let repo = try TestRepository()
        let result = try repo.adr(arguments: arguments)
        expectOneLineError(result, status: 64)
        #expect(result.stderr.contains("bogus"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test func helpForACommandStillSucceeds() throws {
        let repo = try TestRepository()
        let result = try repo.adr("help", "new")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("USAGE: adr new"), "\(result)")
    }
}

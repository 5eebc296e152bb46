import ADRCore
import Foundation
import TestSupport
import Testing

@testable import ADRWorkspace

/// The history scan against real git: `git log --follow --format=%H -- path` is the oracle.
@Suite struct RecordHistoryScanTests {
    private func record(_ number: Int, _ title: String, status: String, body: String = "")
        -> String
    {
        """
        # \(number). \(title)

        Date: 2025-03-01

        ## Status

        \(status)

        ## Context

        Why we had to decide.\(body)

        ## Decision

        We will.

        ## Consequences

        Some.

        """
    }

    private func history(_ fixture: GitFixture, useCache: Bool = false) throws -> LogHistory {
        try workspace(fixture).readHistory(useCache: useCache)
    }

    private func workspace(_ fixture: GitFixture) throws -> Workspace {
        try Workspace(options: WorkspaceOptions(workingDirectory: fixture.path, environment: [:]))
    }

    /// What `git log --follow` lists for `path`, oldest first.
    private func oracle(_ fixture: GitFixture, _ path: String) throws -> [String] {
        try fixture.lines("log", "--follow", "--format=%H", "--", path).reversed()
    }

    private func commits(_ history: RecordHistory?) -> [String] {
        history?.revisions.map(\.commit) ?? []
    }

    @Test func creationAndStatusEditsMatchGitLogFollow() throws {
        let fixture = try GitFixture()
        let path = "doc/adr/0001-use-postgres.md"
        try fixture.write(path, record(1, "Use Postgres", status: "Proposed"))
        try fixture.commit("Propose Postgres")
        try fixture.write("src/main.swift", "print(1)\n")
        try fixture.commit("Unrelated work")
        try fixture.write(path, record(1, "Use Postgres", status: "Accepted"))
        try fixture.commit("Accept Postgres")
        try fixture.write(path, record(1, "Use Postgres", status: "Accepted", body: " More."))
        try fixture.commit("Explain more")

        let history = try #require(try history(fixture).history(ofPath: path))
        #expect(commits(history) == (try oracle(fixture, path)))
        #expect(history.revisions.map(\.change) == [.added, .modified, .modified])
        #expect(history.revisions.map(\.status) == [.proposed, .accepted, .accepted])
        #expect(history.statusTimeline.map(\.status) == [.proposed, .accepted])
        #expect(history.created?.summary == "Propose Postgres")
        #expect(history.lastChanged?.summary == "Explain more")
        #expect(
            history.revisions.allSatisfy {
                $0.blob?.count == 40 && $0.textHash?.hasPrefix("sha1:") == true
            }
        )
        #expect(history.revisions.first?.date == "2023-11-14T23:14:20+01:00")
        let events = try self.history(fixture).events.map(\.kind)
        #expect(events == [.edited, .statusChanged, .created])
    }

    /// Past 64 changed commits the folder diffs run ahead of the walk on every core; the
    /// result must not differ from git's.
    @Test func aLongHistoryScannedOnEveryCoreMatchesGitLogFollow() throws {
        let fixture = try GitFixture()
        let paths = (1...5).map { "doc/adr/000\($0)-record-\($0).md" }
        for round in 0..<15 {
            for (index, path) in paths.enumerated() {
                let status = round == 0 ? "Proposed" : "Accepted"
                try fixture.write(
                    path,
                    record(index + 1, "Record \(index + 1)", status: status, body: " \(round)")
                )
                try fixture.commit("Round \(round) of \(index + 1)")
            }
        }
        try fixture.git("mv", paths[0], "doc/adr/0001-renamed.md")
        try fixture.commit("Rename the first")
        let history = try history(fixture)
        #expect(
            commits(history.history(ofPath: "doc/adr/0001-renamed.md"))
                == (try oracle(fixture, "doc/adr/0001-renamed.md"))
        )
        // The records are near-identical, so `git log --follow` jumps from each record's
        // creation to record 1's (the known --follow flaw): plain `git log` is the oracle
        // for records that were never renamed.
        for path in paths.dropFirst() {
            let plain: [String] = try fixture.lines("log", "--format=%H", "--", path).reversed()
            #expect(commits(history.history(ofPath: path)) == plain)
            #expect(try oracle(fixture, path).count == plain.count + 1)
        }
        #expect(
            history.history(ofPath: paths[1])?.statusTimeline.map(\.status) == [
                .proposed, .accepted,
            ]
        )
    }

    @Test func aRenamedRecordKeepsItsHistory() throws {
        let fixture = try GitFixture()
        try fixture.write("doc/adr/0001-use-pg.md", record(1, "Use PG", status: "Proposed"))
        try fixture.commit("Propose")
        try fixture.git("mv", "doc/adr/0001-use-pg.md", "doc/adr/0001-use-postgres.md")
        try fixture.commit("Rename")
        try fixture.write(
            "doc/adr/0001-use-postgres.md",
            record(1, "Use PG", status: "Accepted")
        )
        try fixture.commit("Accept")

        let path = "doc/adr/0001-use-postgres.md"
        let history = try #require(try history(fixture).history(ofPath: path))
        #expect(commits(history) == (try oracle(fixture, path)))
        #expect(history.revisions.map(\.change) == [.added, .renamed, .modified])
        #expect(history.revisions[1].oldPath == "doc/adr/0001-use-pg.md")
    }

    @Test func movingTheWholeLogFolderKeepsHistoryFromTheFirstCommit() throws {
        let fixture = try GitFixture()
        try fixture.write("doc/adr/0001-a.md", record(1, "A", status: "Proposed"))
        try fixture.write("doc/adr/0002-b.md", record(2, "B", status: "Accepted"))
        let first = try fixture.commit("Two records")
        try fixture.write("doc/adr/0001-a.md", record(1, "A", status: "Accepted"))
        try fixture.commit("Accept A")
        try fixture.git("mv", "doc", "docs")
        try fixture.commit("Move the log")
        try fixture.write("docs/adr/0002-b.md", record(2, "B", status: "Deprecated"))
        try fixture.commit("Deprecate B")

        let scanned = try history(fixture)
        for path in ["docs/adr/0001-a.md", "docs/adr/0002-b.md"] {
            let history = try #require(scanned.history(ofPath: path))
            #expect(commits(history) == (try oracle(fixture, path)))
            #expect(history.created?.commit == first)
            #expect(history.revisions.contains { $0.change == .renamed })
        }
    }

    @Test func aMoveToAnUnconventionalFolderIsFoundByItsTreeID() throws {
        let fixture = try GitFixture()
        try fixture.write("records/0001-a.md", record(1, "A", status: "Proposed"))
        let first = try fixture.commit("A record")
        try fixture.git("mv", "records", "decisions")
        try fixture.commit("Move the log")

        let history = try #require(try history(fixture).history(ofPath: "decisions/0001-a.md"))
        #expect(history.created?.commit == first)
        #expect(commits(history) == (try oracle(fixture, "decisions/0001-a.md")))
    }

    @Test func aDeletedRecordRemainsReachable() throws {
        let fixture = try GitFixture()
        let path = "doc/adr/0002-use-mongo.md"
        try fixture.write("doc/adr/0001-a.md", record(1, "A", status: "Accepted"))
        try fixture.write(path, record(2, "Use Mongo", status: "Proposed"))
        try fixture.commit("Two records")
        try fixture.git("rm", "-q", path)
        try fixture.commit("Drop Mongo")

        let scanned = try history(fixture)
        let deleted = try #require(scanned.deletedRecord(matching: "2"))
        #expect(deleted.isDeleted)
        #expect(deleted.lastChanged?.path == path)
        #expect(commits(deleted) == (try oracle(fixture, path)))
        #expect(try workspace(fixture).lastText(of: deleted).contains("Use Mongo"))
        #expect(scanned.events.first?.kind == .deleted)
    }

    @Test func historiesByPathAgreeWithLookingUpEachPath() throws {
        let fixture = try GitFixture()
        let kept = "doc/adr/0001-a.md"
        let dropped = "doc/adr/0002-b.md"
        let reused = "doc/adr/0003-c.md"
        try fixture.write(kept, record(1, "A", status: "Accepted"))
        try fixture.write(dropped, record(2, "B", status: "Proposed"))
        try fixture.write(reused, record(3, "C", status: "Proposed"))
        try fixture.commit("Three records")
        try fixture.git("rm", "-q", dropped, reused)
        try fixture.commit("Drop two")
        // A new record at a path a deleted one had: the live one is the path's history.
        try fixture.write(reused, record(3, "C again", status: "Accepted"))
        try fixture.commit("C again")

        let scanned = try history(fixture)
        let byPath = scanned.historiesByPath
        #expect(Set(byPath.keys) == [kept, reused])
        for path in [kept, dropped, reused] {
            #expect(byPath[path] == scanned.history(ofPath: path), "\(path)")
        }
        #expect(byPath[reused]?.lastChanged?.status == .accepted)
    }

    /// main edits record 2 while topic edits record 1 and both edit different lines of
    /// record 3; the merge is TREESAME to a parent for records 1 and 2 but not for 3.
    ///
    /// Where we differ from `git log --follow`, on purpose: for record 3 the merge made a
    /// text neither parent had, so we list it, as plain `git log -- path` does by its
    /// TREESAME rule. `git log --follow` drops every merge, because following needs a
    /// diff and git computes none for merges without `-m`; yet the merge is the first
    /// commit where record 3 says what it says at HEAD, which a history must show.
    @Test func aMergedBranchMatchesGitLogFollowExceptForRealMerges() throws {
        let fixture = try GitFixture()
        let paths = (1...3).map { "doc/adr/000\($0)-r\($0).md" }
        for (index, path) in paths.enumerated() {
            try fixture.write(path, record(index + 1, "R\(index + 1)", status: "Proposed"))
        }
        try fixture.commit("Three records")
        try fixture.git("checkout", "-q", "-b", "topic")
        try fixture.write(paths[0], record(1, "R1", status: "Accepted"))
        try fixture.write(paths[2], record(3, "R3", status: "Accepted"))
        try fixture.commit("Accept 1 and 3")
        try fixture.git("checkout", "-q", "main")
        try fixture.write(paths[1], record(2, "R2", status: "Rejected"))
        try fixture.write(paths[2], record(3, "R3", status: "Proposed", body: " More."))
        try fixture.commit("Reject 2, explain 3")
        fixture.tick()
        try fixture.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
        let merge = try fixture.line("rev-parse", "HEAD")

        let scanned = try history(fixture)
        for path in paths.prefix(2) {
            #expect(commits(scanned.history(ofPath: path)) == (try oracle(fixture, path)))
        }
        let third = commits(scanned.history(ofPath: paths[2]))
        let treesame: [String] = try fixture.lines("log", "--format=%H", "--", paths[2]).reversed()
        #expect(Set(third) == Set(treesame))
        #expect(third.last == merge)
        #expect(try oracle(fixture, paths[2]) == Array(third.dropLast()))
        #expect(scanned.history(ofPath: paths[2])?.lastChanged?.status == .accepted)
    }

    @Test func authorsGoThroughTheMailmapAndTrailersAreKept() throws {
        let fixture = try GitFixture()
        try fixture.write(".mailmap", "Ada Lovelace <ada@lovelace.org> <ada@example.com>\n")
        try fixture.write("doc/adr/0001-a.md", record(1, "A", status: "Proposed"))
        try fixture.git("add", "-A")
        try fixture.git(
            "commit",
            "-q",
            "-m",
            "Propose A\n\nReviewed-by: Bo <bo@example.com>\nRefs: #12"
        )

        let history = try #require(try history(fixture).history(ofPath: "doc/adr/0001-a.md"))
        let revision = try #require(history.revisions.first)
        #expect(revision.author == Person(name: "Ada Lovelace", email: "ada@lovelace.org"))
        #expect(revision.committer == Person(name: "Cy Committer", email: "cy@example.com"))
        #expect(
            revision.trailers == [
                CommitTrailer(key: "Reviewed-by", value: "Bo <bo@example.com>"),
                CommitTrailer(key: "Refs", value: "#12"),
            ]
        )
    }

    /// A repository with one proposed record whose history has been cached: the fixture,
    /// the record's path and the cache's.
    private func cachedFixture() throws -> (fixture: GitFixture, path: String, cache: String) {
        let fixture = try GitFixture()
        let path = "doc/adr/0001-a.md"
        try fixture.write(path, record(1, "A", status: "Proposed"))
        try fixture.commit("Propose")
        _ = try history(fixture, useCache: true)
        return (fixture, path, fixture.path + "/.git/adr/history-cache")
    }

    @Test func theCacheCarriesOnAfterNewCommitsAndSurvivesRewritesAndCorruption() throws {
        let (fixture, path, cache) = try cachedFixture()
        #expect(FileManager.default.fileExists(atPath: cache))

        try fixture.write(path, record(1, "A", status: "Accepted"))
        try fixture.commit("Accept")
        let incremental = try history(fixture, useCache: true)
        #expect(incremental.records == (try history(fixture)).records)
        #expect(commits(incremental.history(ofPath: path)) == (try oracle(fixture, path)))

        // Rewritten history: the cached head is no longer an ancestor of HEAD.
        try fixture.write(path, record(1, "A", status: "Rejected"))
        fixture.tick()
        try fixture.git("commit", "-q", "-a", "--amend", "-m", "Reject instead")
        let rewritten = try history(fixture, useCache: true)
        #expect(commits(rewritten.history(ofPath: path)) == (try oracle(fixture, path)))
        #expect(rewritten.history(ofPath: path)?.lastChanged?.status == .rejected)

        // Damaged: every truncation of a good cache, and one with its numbers overwritten.
        _ = try history(fixture, useCache: true)
        let good = try #require(FileManager.default.contents(atPath: cache))
        var damaged = (1..<good.count).map { good.prefix($0) }
        damaged.append(good.prefix(24) + Data(repeating: 0xFF, count: good.count - 24))
        let expected = try oracle(fixture, path)
        for bytes in damaged {
            try bytes.write(to: URL(fileURLWithPath: cache))
            let afterCorruption = try history(fixture, useCache: true)
            #expect(commits(afterCorruption.history(ofPath: path)) == expected)
        }

        // A cache of another version is ignored, and no-cache runs leave it as it is.
        try "adr-history-cache\t999\n".write(toFile: cache, atomically: true, encoding: .utf8)
        _ = try history(fixture, useCache: false)
        #expect(try String(contentsOfFile: cache, encoding: .utf8) == "adr-history-cache\t999\n")
        #expect(commits((try history(fixture, useCache: true)).history(ofPath: path)).count == 2)
    }

    @Test func aLinkedWorktreeReadsTheHistoryAndItsCache() throws {
        let (fixture, path, _) = try cachedFixture()
        // In a linked worktree `.git` is a file; the cache is the repository's.
        let tree = fixture.root.path + "/tree"
        try fixture.git("worktree", "add", "-q", tree)
        let options = WorkspaceOptions(workingDirectory: tree, environment: [:])
        for _ in 0..<2 {
            let inTree = try Workspace(options: options).readHistory(useCache: true)
            #expect(commits(inTree.history(ofPath: path)) == (try oracle(fixture, path)))
        }
    }

    @Test func outsideARepositoryHistorySaysThereIsNone() throws {
        let folder = try TemporaryFolder()
        try folder.write("doc/adr/0001-a.md", record(1, "A", status: "Proposed"))
        #expect {
            try folder.workspace().readHistory()
        } throws: { error in
            guard case WorkspaceError.noRepository = error else { return false }
            return "\(error)".contains("not in a git repository")
        }
        #expect(try folder.workspace().readLog().entries.count == 1)
    }

    @Test func aShallowCloneWarnsThatHistoryIsTruncated() throws {
        let fixture = try GitFixture()
        let path = "doc/adr/0001-a.md"
        for status in ["Proposed", "Accepted", "Deprecated"] {
            try fixture.write(path, record(1, "A", status: status))
            try fixture.commit(status)
        }
        let clone = fixture.sibling("shallow")
        try fixture.git("clone", "-q", "--depth", "2", "file://" + fixture.path, clone)
        let oldest = try fixture.git("rev-parse", "HEAD~1", in: clone)
        let workspace = try Workspace(
            options: WorkspaceOptions(workingDirectory: clone, environment: [:])
        )
        let scanned = try workspace.readHistory()
        #expect(scanned.warnings.count == 1)
        #expect(scanned.warnings.first?.contains("shallow") == true)
        #expect(scanned.warnings.first?.contains(String(oldest.prefix(12))) == true)
        #expect(scanned.history(ofPath: path)?.revisions.count == 2)
    }

    @Test func aMissingObjectIsAnErrorNamingIt() throws {
        let fixture = try proposedThenAccepted()
        try expectScanFailsNaming(fixture.line("rev-parse", "HEAD~1:doc/adr/0001-a.md"), fixture)
    }

    /// A full scan reads the commit graph itself: a commit missing from a repository that
    /// is not shallow is an error naming it, not a history cut short.
    @Test func aMissingCommitIsAnErrorNamingIt() throws {
        let fixture = try proposedThenAccepted()
        try expectScanFailsNaming(fixture.line("rev-parse", "HEAD~1"), fixture)
    }

    /// A log whose one record was proposed, then accepted: two commits.
    private func proposedThenAccepted() throws -> GitFixture {
        let fixture = try GitFixture()
        let path = "doc/adr/0001-a.md"
        try fixture.write(path, record(1, "A", status: "Proposed"))
        try fixture.commit("Propose")
        try fixture.write(path, record(1, "A", status: "Accepted"))
        try fixture.commit("Accept")
        return fixture
    }

    /// Deletes loose object `id`, then expects the scan to fail with an error naming it.
    private func expectScanFailsNaming(_ id: String, _ fixture: GitFixture) throws {
        let object = fixture.path + "/.git/objects/" + id.prefix(2) + "/" + id.dropFirst(2)
        try FileManager.default.removeItem(atPath: object)
        #expect {
            try history(fixture)
        } throws: { error in
            guard case WorkspaceError.git(let message) = error else { return false }
            return message.contains(id)
        }
    }

    @Test func uncommittedEditsKeepTheCommittedHistory() throws {
        let fixture = try GitFixture()
        let path = "doc/adr/0001-a.md"
        try fixture.write(path, record(1, "A", status: "Proposed"))
        try fixture.commit("Propose")
        try fixture.write(path, record(1, "A", status: "Accepted"))
        try fixture.write("doc/adr/0002-b.md", record(2, "B", status: "Proposed"))

        let workspace = try workspace(fixture)
        let scanned = try workspace.readHistory()
        #expect(scanned.history(ofPath: path)?.revisions.map(\.status) == [.proposed])
        #expect(scanned.history(ofPath: "doc/adr/0002-b.md") == nil)
        let entry = try workspace.entry(matching: "1", in: workspace.readLog())
        #expect(entry.record.status == .accepted)
    }
}

import ADRGit
import Foundation
import TestSupport
import Testing

@Suite struct HistoryTests {
    /// main: a - b - d - M(merge of c) - e, topic: a - b - c
    private func branchyFixture() throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.write("a.md", "a\n")
        try fixture.commit("a")
        try fixture.write("b.md", "b\n")
        try fixture.commit("b")
        try fixture.git("checkout", "-q", "-b", "topic")
        try fixture.write("c.md", "c\n")
        try fixture.commit("c")
        try fixture.git("checkout", "-q", "main")
        try fixture.write("d.md", "d\n")
        try fixture.commit("d")
        fixture.tick()
        try fixture.git("merge", "-q", "--no-ff", "-m", "merge topic", "topic")
        try fixture.write("e.md", "e\n")
        try fixture.commit("e")
        return fixture
    }

    private func ids(_ lines: [String]) throws -> [ObjectID] {
        try lines.map { try objectID($0) }
    }

    @Test func walkingFromHeadMatchesRevListDateOrder() throws {
        let fixture = try branchyFixture()
        let repository = try Repository(at: fixture.path)
        let expected = try ids(fixture.lines("rev-list", "--date-order", "HEAD"))
        #expect(try repository.commitIDs() == expected)
        let commits = try repository.commits()
        #expect(commits.map(\.id) == expected)
    }

    @Test func theCommitGraphMatchesRevListDateOrderWithTreesAndParents() throws {
        let fixture = try branchyFixture()
        let repository = try Repository(at: fixture.path)
        let head = try objectID(fixture.line("rev-parse", "HEAD"))
        let graph = try repository.commitGraph(from: head)
        #expect(graph.map(\.id) == (try ids(fixture.lines("rev-list", "--date-order", "HEAD"))))
        for node in graph {
            #expect(node.tree == (try objectID(fixture.line("rev-parse", "\(node.id.hex)^{tree}"))))
            let parents = try fixture.line("log", "-1", "--format=%P", node.id.hex)
                .split(separator: " ").map { try objectID(String($0)) }
            #expect(node.parents == parents)
            #expect(node.time == Int64(try fixture.line("log", "-1", "--format=%ct", node.id.hex)))
        }
    }

    /// The graph's commits as they are read: each once, `HEAD` first, the same nodes the
    /// graph returns.
    @Test func theCommitGraphShowsEveryCommitAsItIsRead() throws {
        let fixture = try branchyFixture()
        let repository = try Repository(at: fixture.path)
        let head = try objectID(fixture.line("rev-parse", "HEAD"))
        var seen: [CommitGraphNode] = []
        let graph = try repository.commitGraph(from: head) { seen.append($0) }
        #expect(seen.count == graph.count)
        #expect(Set(seen) == Set(graph))
        #expect(seen.first?.id == head)
    }

    /// What the visitor throws ends the read of the graph.
    @Test func theCommitGraphStopsWithTheVisitorsError() throws {
        struct Stop: Error {}
        let fixture = try branchyFixture()
        let repository = try Repository(at: fixture.path)
        let head = try objectID(fixture.line("rev-parse", "HEAD"))
        var count = 0
        #expect(throws: Stop.self) {
            _ = try repository.commitGraph(from: head) { _ in
                count += 1
                if count == 2 { throw Stop() }
            }
        }
        #expect(count == 2)
    }

    /// Commits made in the same second (scripts, rebases): still never a parent before one
    /// of its children.
    @Test func theCommitGraphKeepsParentsAfterChildrenWhenDatesTie() throws {
        let fixture = try GitFixture()
        for name in ["a", "b"] {
            try fixture.write("\(name).md", "\(name)\n")
            try fixture.git("add", "-A")
            try fixture.git("commit", "-q", "-m", name)
        }
        try fixture.git("checkout", "-q", "-b", "topic", "HEAD~1")
        try fixture.write("c.md", "c\n")
        try fixture.git("add", "-A")
        try fixture.git("commit", "-q", "-m", "c")
        try fixture.git("checkout", "-q", "main")
        try fixture.git("merge", "-q", "--no-ff", "-m", "merge", "topic")
        let repository = try Repository(at: fixture.path)
        let graph = try repository.commitGraph(
            from: try objectID(fixture.line("rev-parse", "HEAD"))
        )
        #expect(Set(graph.map(\.id)) == Set(try ids(fixture.lines("rev-list", "HEAD"))))
        let position = Dictionary(uniqueKeysWithValues: graph.enumerated().map { ($1.id, $0) })
        for node in graph {
            for parent in node.parents { #expect(position[node.id]! < position[parent]!) }
        }
    }

    @Test func walkingOldestFirstMatchesRevListReverse() throws {
        let fixture = try branchyFixture()
        let repository = try Repository(at: fixture.path)
        let expected = try ids(fixture.lines("rev-list", "--date-order", "--reverse", "HEAD"))
        #expect(try repository.commitIDs(RevisionWalk(order: .oldestFirst)) == expected)
    }

    @Test func walkingFirstParentsOnlySkipsMergedBranches() throws {
        let fixture = try branchyFixture()
        let repository = try Repository(at: fixture.path)
        let expected = try ids(fixture.lines("rev-list", "--first-parent", "HEAD"))
        #expect(try repository.commitIDs(RevisionWalk(firstParentOnly: true)) == expected)
    }

    @Test func hidingACommitWalksOnlyWhatIsNew() throws {
        let fixture = try branchyFixture()
        let repository = try Repository(at: fixture.path)
        let old = try objectID(fixture.line("rev-parse", "HEAD~2"))
        let topic = try objectID(fixture.line("rev-parse", "topic"))
        let expected = try ids(fixture.lines("rev-list", "--date-order", "HEAD", "^HEAD~2"))
        #expect(try repository.commitIDs(RevisionWalk(hiding: [old])) == expected)
        let fromTopic = try ids(fixture.lines("rev-list", "--date-order", "topic", "^main~3"))
        let main3 = try objectID(fixture.line("rev-parse", "main~3"))
        #expect(try repository.commitIDs(RevisionWalk(from: topic, hiding: [main3])) == fromTopic)
    }

    @Test func aShallowCloneWithMergesWalksLikeRevList() throws {
        let fixture = try branchyFixture()
        let clone = fixture.sibling("shallow")
        try fixture.git("clone", "-q", "--depth", "3", "file://" + fixture.path, clone)
        let repository = try Repository(at: clone)
        #expect(repository.isShallow)
        let expected = try fixture.git("rev-list", "--date-order", "HEAD", in: clone)
            .split(separator: "\n").map { try objectID(String($0)) }
        #expect(try repository.commitIDs() == expected)
        let reversed = try repository.commitIDs(RevisionWalk(order: .oldestFirst))
        #expect(reversed == expected.reversed())
    }

    @Test func commitValuesMatchGitLog() throws {
        let fixture = try branchyFixture()
        let repository = try Repository(at: fixture.path)
        let format = "%H%n%P%n%T%n%an%n%ae%n%ad%n%cn%n%ce%n%cd%n%s"
        for id in try repository.commitIDs() {
            let commit = try repository.commit(id)
            let fields = try fixture.run(
                ["log", "-1", "--date=raw", "--format=\(format)", id.hex],
                in: fixture.path
            ).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(commit.id.hex == fields[0])
            #expect(commit.parentIDs.map(\.hex).joined(separator: " ") == fields[1])
            #expect(commit.treeID.hex == fields[2])
            #expect(commit.author.name == fields[3])
            #expect(commit.author.email == fields[4])
            #expect("\(commit.author.time) +0100" == fields[5])
            #expect(commit.author.offsetMinutes == 60)
            #expect(commit.committer.name == fields[6])
            #expect(commit.committer.email == fields[7])
            #expect("\(commit.committer.time) +0100" == fields[8])
            #expect(commit.summary == fields[9])
            let body = try fixture.run(["log", "-1", "--format=%B", id.hex], in: fixture.path)
            #expect(commit.message + "\n" == body)
        }
    }

    @Test func aMultiParagraphMessageKeepsItsBodyAndFoldsItsSummary() throws {
        let fixture = try GitFixture()
        let id = try objectID(
            fixture.commit("Use PostgreSQL\nfor storage\n\nBecause it is boring.")
        )
        let commit = try Repository(at: fixture.path).commit(id)
        #expect(commit.summary == (try fixture.line("log", "-1", "--format=%s")))
        #expect(commit.message == "Use PostgreSQL\nfor storage\n\nBecause it is boring.\n")
    }

    @Test func theMailmapResolvesSignaturesLikeGitLog() throws {
        let fixture = try GitFixture()
        try fixture.write(
            ".mailmap",
            "Canonical Ada <canonical@example.com> <ada@example.com>\n"
                + "Cy Proper <cy@example.com>\n"
        )
        try fixture.commit("with mailmap")
        let repository = try Repository(at: fixture.path)
        let mailmap = try repository.mailmap()
        let commit = try #require(try repository.commits().first)
        let author = try mailmap.canonical(commit.author)
        let committer = try mailmap.canonical(commit.committer)
        let expected = try fixture.lines("log", "-1", "--format=%aN%n%aE%n%cN%n%cE")
        #expect([author.name, author.email, committer.name, committer.email] == expected)
        #expect(author.time == commit.author.time)
        let stranger = Signature(name: "Nobody", email: "no@example.com", time: 0, offsetMinutes: 0)
        #expect(try mailmap.canonical(stranger) == stranger)
    }

    @Test func theMailmapFingerprintChangesWithEverySourceLibgit2Reads() throws {
        let fixture = try GitFixture()
        try fixture.commit("first")
        func fingerprint() throws -> ObjectID {
            try Repository(at: fixture.path).mailmapFingerprint()
        }
        var seen = [try fingerprint()]
        #expect(try fingerprint() == seen[0], "stable while nothing changes")
        try fixture.write(".mailmap", "Canonical Ada <canonical@example.com> <ada@example.com>\n")
        seen.append(try fingerprint())
        try fixture.write(".mailmap", "Canonical Bo <canonical@example.com> <ada@example.com>\n")
        seen.append(try fingerprint())
        let extra = fixture.sibling("extra-mailmap")
        try "Cy <cy@example.com>\n".write(toFile: extra, atomically: true, encoding: .utf8)
        try fixture.git("config", "mailmap.file", extra)
        seen.append(try fingerprint())
        try "Cy Other <cy@example.com>\n".write(toFile: extra, atomically: true, encoding: .utf8)
        seen.append(try fingerprint())
        try fixture.git("add", ".mailmap")
        try fixture.commit("mailmap in HEAD")
        try fixture.git("config", "mailmap.blob", "HEAD:.mailmap")
        seen.append(try fingerprint())
        #expect(Set(seen).count == seen.count, "\(seen)")
    }

    @Test func descendantsAgreeWithMergeBaseIsAncestor() throws {
        let fixture = try branchyFixture()
        let repository = try Repository(at: fixture.path)
        let head = try objectID(fixture.line("rev-parse", "HEAD"))
        let topic = try objectID(fixture.line("rev-parse", "topic"))
        let first = try objectID(fixture.line("rev-list", "--max-parents=0", "HEAD"))
        let d = try objectID(fixture.line("rev-parse", "HEAD~2"))
        #expect(try repository.isDescendant(head, of: topic))
        #expect(try repository.isDescendant(topic, of: first))
        #expect(try !repository.isDescendant(first, of: head))
        #expect(try !repository.isDescendant(topic, of: d))
        #expect(try !repository.isDescendant(head, of: head))
    }
}

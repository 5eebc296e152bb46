import ADRGit
import Foundation
import TestSupport
import Testing

@Suite struct TreeAndDiffTests {
    private let record = (1...20).map { "Line \($0) of the decision record.\n" }.joined()

    @Test func treeEntriesMatchLsTree() throws {
        let fixture = try GitFixture()
        try fixture.write("docs/decisions/0001-first.md", "first\n")
        try fixture.write("README.md", "readme\n")
        try fixture.write("run.sh", "#!/bin/sh\n")
        try fixture.git("update-index", "--add", "--chmod=+x", "run.sh")
        let head = try objectID(fixture.commit("files"))
        let repository = try Repository(at: fixture.path)
        let root = try repository.commit(head).treeID
        let entries = try repository.entries(ofTree: root).map { entry in
            let mode = String(entry.fileMode, radix: 8)
            let kind = entry.kind == .tree ? "tree" : "blob"
            return
                "\(String(repeating: "0", count: 6 - mode.count))\(mode) \(kind) \(entry.id)\t\(entry.name)"
        }
        #expect(entries == (try fixture.lines("ls-tree", "HEAD")))
    }

    @Test func pathsResolveToTreesAndBlobsLikeRevParse() throws {
        let fixture = try GitFixture()
        try fixture.write("docs/decisions/0001-first.md", "first\n")
        let head = try objectID(fixture.commit("files"))
        let repository = try Repository(at: fixture.path)
        let expectedTree = try objectID(fixture.line("rev-parse", "HEAD:docs/decisions"))
        #expect(try repository.treeID(at: "docs/decisions", inCommit: head) == expectedTree)
        #expect(try repository.treeID(at: "", inCommit: head) == repository.commit(head).treeID)
        #expect(try repository.treeID(at: "missing", inCommit: head) == nil)
        #expect(try repository.treeID(at: "docs/decisions/0001-first.md", inCommit: head) == nil)
        let data = try repository.blobData(at: "docs/decisions/0001-first.md", inCommit: head)
        #expect(data.map { String(decoding: $0, as: UTF8.self) } == "first\n")
        #expect(try repository.blobData(at: "docs/none.md", inCommit: head) == nil)
        let root = try repository.commit(head).treeID
        let entry = try #require(
            try repository.entry(at: "docs/decisions/0001-first.md", inTree: root)
        )
        #expect(entry.kind == .blob)
        #expect(
            try repository.blobText(entry.id)
                == fixture.git("show", "HEAD:docs/decisions/0001-first.md")
        )
    }

    @Test func aFolderByNameIsItsTreeAndAFileIsNone() throws {
        let fixture = try GitFixture()
        try fixture.write("docs/decisions/0001-first.md", "first\n")
        try fixture.write("docs.md", "a file beside the folder\n")
        let head = try objectID(fixture.commit("files"))
        let repository = try Repository(at: fixture.path)
        let root = try repository.commit(head).treeID
        let docs = try repository.subtreeID(named: "docs", inTree: root)
        #expect(docs == (try objectID(fixture.line("rev-parse", "HEAD:docs"))))
        #expect(try repository.subtreeID(named: "docs.md", inTree: root) == nil)
        #expect(try repository.subtreeID(named: "missing", inTree: root) == nil)
        let decisions = try repository.subtreeID(named: "decisions", inTree: try #require(docs))
        #expect(decisions == (try objectID(fixture.line("rev-parse", "HEAD:docs/decisions"))))
    }

    /// `git diff -M --name-status` lines as (status letter, paths).
    private func nameStatus(_ fixture: GitFixture, _ arguments: [String]) throws -> [String] {
        try fixture.run(["diff", "--name-status"] + arguments, in: fixture.path)
            .split(separator: "\n")
            .map { line in
                var fields = line.split(separator: "\t").map(String.init)
                fields[0] = String(fields[0].prefix(1))
                return fields.joined(separator: "\t")
            }
    }

    private func nameStatus(_ deltas: [DiffDelta]) -> [String] {
        deltas.map { delta in
            switch delta.status {
            case .added: "A\t\(delta.newPath)"
            case .deleted: "D\t\(delta.oldPath)"
            case .modified: "M\t\(delta.newPath)"
            case .renamed: "R\t\(delta.oldPath)\t\(delta.newPath)"
            case .copied: "C\t\(delta.oldPath)\t\(delta.newPath)"
            case .typeChanged: "T\t\(delta.newPath)"
            case .other: "?\t\(delta.newPath)"
            }
        }
    }

    private func renameFixture() throws -> (GitFixture, ObjectID, ObjectID) {
        let fixture = try GitFixture()
        try fixture.write("docs/decisions/0001-use-git.md", record)
        try fixture.write("docs/decisions/0002-same.md", "unchanged\n")
        try fixture.write("docs/decisions/0003-gone.md", "to be deleted\n")
        try fixture.write("docs/other.md", "other\n")
        let old = try objectID(fixture.commit("old"))
        try fixture.git(
            "mv",
            "docs/decisions/0001-use-git.md",
            "docs/decisions/0001-use-libgit2.md"
        )
        try fixture.write("docs/decisions/0001-use-libgit2.md", record + "One more line.\n")
        try fixture.git("rm", "-q", "docs/decisions/0003-gone.md")
        try fixture.write("docs/decisions/0004-new.md", "brand new\n")
        try fixture.write("docs/other.md", "other, edited\n")
        let new = try objectID(fixture.commit("new"))
        return (fixture, old, new)
    }

    @Test func renamesAreDetectedLikeGitDiffM() throws {
        let (fixture, old, new) = try renameFixture()
        let repository = try Repository(at: fixture.path)
        let deltas = try repository.diff(
            from: repository.commit(old).treeID,
            to: repository.commit(new).treeID
        )
        let expected = try nameStatus(fixture, ["-M", old.hex, new.hex])
        #expect(nameStatus(deltas).sorted() == expected.sorted())
        let rename = try #require(deltas.first { $0.status == .renamed })
        #expect(rename.similarity >= 50 && rename.similarity < 100)
        #expect(rename.oldID != nil && rename.newID != nil)
        #expect(deltas.first { $0.status == .added }?.oldID == nil)
        #expect(deltas.first { $0.status == .deleted }?.newID == nil)
    }

    @Test func diffingTwoSubtreesGivesPathsRelativeToThem() throws {
        let (fixture, old, new) = try renameFixture()
        let repository = try Repository(at: fixture.path)
        let deltas = try repository.diff(
            from: repository.treeID(at: "docs/decisions", inCommit: old),
            to: repository.treeID(at: "docs/decisions", inCommit: new)
        )
        let expected = try nameStatus(
            fixture,
            ["-M", "--relative=docs/decisions", old.hex, new.hex]
        )
        #expect(nameStatus(deltas).sorted() == expected.sorted())
    }

    @Test func aPathspecLimitsTheDiff() throws {
        let (fixture, old, new) = try renameFixture()
        let repository = try Repository(at: fixture.path)
        let deltas = try repository.diff(
            from: repository.commit(old).treeID,
            to: repository.commit(new).treeID,
            paths: ["docs/other.md"]
        )
        #expect(nameStatus(deltas) == ["M\tdocs/other.md"])
    }

    @Test func exactRenameDetectionPairsOnlyIdenticalFiles() throws {
        let (fixture, old, new) = try renameFixture()
        try fixture.git("mv", "docs/decisions/0002-same.md", "docs/decisions/0002-moved.md")
        let newer = try objectID(fixture.commit("move exactly"))
        let repository = try Repository(at: fixture.path)
        let deltas = try repository.diff(
            from: repository.commit(old).treeID,
            to: repository.commit(newer).treeID,
            renames: .exactOnly
        )
        let renames = deltas.filter { $0.status == .renamed }.map(\.newPath)
        #expect(renames == ["docs/decisions/0002-moved.md"])
        let none = try repository.diff(
            from: repository.commit(old).treeID,
            to: repository.commit(new).treeID,
            renames: .off
        )
        #expect(!none.contains { $0.status == .renamed })
    }

    @Test func renamesWhenAddedAndDeletedPairsOnlyThen() throws {
        let (fixture, old, new) = try renameFixture()
        let repository = try Repository(at: fixture.path)
        let oldTree = try repository.commit(old).treeID
        let newTree = try repository.commit(new).treeID
        let paired = try repository.diff(from: oldTree, to: newTree, renames: .whenAddedAndDeleted)
        let expected = try nameStatus(fixture, ["-M", old.hex, new.hex])
        #expect(nameStatus(paired).sorted() == expected.sorted())
        // Only additions: nothing to pair, the same deltas as with detection off.
        let added = try repository.diff(from: nil, to: oldTree, renames: .whenAddedAndDeleted)
        #expect(added == (try repository.diff(from: nil, to: oldTree, renames: .off)))
    }

    /// The repository keeps the trees of its last diffs; a tree shared by consecutive diffs,
    /// on either side and in any order, must stay valid (a freed tree here once corrupted
    /// the heap).
    @Test func consecutiveDiffsSharingTreesMatchGit() throws {
        let fixture = try GitFixture()
        var commits: [ObjectID] = []
        for step in 0..<5 {
            try fixture.write("docs/decisions/000\(step)-step.md", "step \(step)\n")
            try fixture.write("docs/decisions/0009-edited.md", "edit \(step)\n")
            commits.append(try objectID(fixture.commit("step \(step)")))
        }
        let repository = try Repository(at: fixture.path)
        let trees = try commits.map { try repository.commit($0).treeID }
        let pairs = [(0, 1), (0, 2), (2, 3), (1, 3), (3, 1), (4, 0), (4, 4), (0, 1)]
        for (from, to) in pairs {
            let deltas = try repository.diff(from: trees[from], to: trees[to], renames: .off)
            let expected = try nameStatus(
                fixture,
                ["--no-renames", commits[from].hex, commits[to].hex]
            )
            #expect(nameStatus(deltas).sorted() == expected.sorted(), "\(from) -> \(to)")
        }
    }

    @Test func diffingFromNothingAddsEveryFile() throws {
        let (fixture, old, _) = try renameFixture()
        let repository = try Repository(at: fixture.path)
        let deltas = try repository.diff(from: nil, to: repository.commit(old).treeID)
        #expect(deltas.allSatisfy { $0.status == .added })
        #expect(
            deltas.map(\.newPath) == (try fixture.lines("ls-tree", "-r", "--name-only", old.hex))
        )
    }

    @Test func trailersMatchInterpretTrailers() throws {
        let message = """
            Accept ADR 7

            Some body text: not a trailer because it is in the body.

            Decision: 0007-use-postgres
            Status: accepted
            Signed-off-by: Ada Author <ada@example.com>
            """
        let fixture = try GitFixture()
        let file = fixture.sibling("message.txt")
        try message.write(toFile: file, atomically: true, encoding: .utf8)
        let expected = try fixture.lines("interpret-trailers", "--parse", file)
        let trailers = try Trailer.all(in: message)
        #expect(trailers.map { "\($0.key): \($0.value)" } == expected)
        #expect(try Trailer.all(in: "Just a subject\n").isEmpty)
    }
}

import ADRGit
import Foundation
import TestSupport
import Testing

/// Parses a hex id printed by git, failing the test when it is not one.
func objectID(_ hex: String) throws -> ObjectID {
    try #require(ObjectID(hex: hex.trimmingCharacters(in: .whitespacesAndNewlines)))
}

@Suite struct RepositoryTests {
    @Test func discoveringFromASubfolderFindsTheWorkingTree() throws {
        let fixture = try GitFixture()
        try fixture.write("docs/decisions/0001-record.md", "# Record\n")
        let head = try fixture.commit("first")
        let repository = try Repository(discoveringFrom: fixture.path + "/docs/decisions")
        #expect(repository.workdir == fixture.path + "/")
        #expect(
            repository.gitDirectory == (try fixture.line("rev-parse", "--absolute-git-dir")) + "/"
        )
        #expect(repository.commonDirectory == repository.gitDirectory)
        #expect(try repository.head == objectID(head))
        #expect(!repository.isBare)
        #expect(!repository.isShallow)
    }

    @Test func discoveringFromALinkedWorktreeUsesItsOwnGitDirectory() throws {
        let fixture = try GitFixture()
        try fixture.commit("first")
        let worktree = fixture.sibling("linked")
        try fixture.git("worktree", "add", "-q", "-b", "topic", worktree)
        try fixture.write("../linked/new.md", "new\n")
        try fixture.git("-C", worktree, "add", "new.md")
        try fixture.git("-C", worktree, "commit", "-q", "-m", "on topic")
        let topic = try fixture.line("rev-parse", "topic")

        let repository = try Repository(discoveringFrom: worktree)
        #expect(repository.workdir == worktree + "/")
        let gitDirectory = try fixture.git("rev-parse", "--absolute-git-dir", in: worktree)
        #expect(repository.gitDirectory == gitDirectory.trimmingCharacters(in: .newlines) + "/")
        #expect(repository.commonDirectory == fixture.path + "/.git/")
        #expect(try repository.head == objectID(topic))
    }

    @Test func openingABareRepositoryReportsNoWorkingTree() throws {
        let fixture = try GitFixture()
        let bare = fixture.sibling("bare.git")
        try fixture.git("init", "-q", "--bare", bare)
        let repository = try Repository(at: bare)
        #expect(repository.isBare)
        #expect(repository.workdir == nil)
        #expect(try repository.head == nil)
    }

    @Test func aFolderOutsideAnyRepositoryIsNotARepository() throws {
        let fixture = try GitFixture()
        let outside = fixture.sibling("plain")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let error = #expect(throws: GitError.self) { try Repository(at: outside) }
        guard case .notARepository(let path, _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(path == outside)
        #expect(error?.description.hasPrefix("not a git repository: \(outside)") == true)
    }

    @Test func anUnbornHeadHasNoCommitAndAnEmptyHistory() throws {
        let fixture = try GitFixture()
        let repository = try Repository(at: fixture.path)
        #expect(try repository.head == nil)
        #expect(try repository.commitIDs().isEmpty)
    }

    @Test func aShallowCloneIsReportedAsShallow() throws {
        let fixture = try GitFixture()
        try fixture.commit("first")
        try fixture.commit("second")
        let clone = fixture.sibling("shallow")
        try fixture.git("clone", "-q", "--depth", "1", "file://" + fixture.path, clone)
        let repository = try Repository(at: clone)
        #expect(repository.isShallow)
        let expected = try fixture.git("rev-list", "HEAD", in: clone)
            .split(separator: "\n").map { try objectID(String($0)) }
        #expect(try repository.commitIDs() == expected)
        #expect(expected.count == 1)
        #expect(try !Repository(at: fixture.path).isShallow)
    }

    @Test func aMissingObjectErrorNamesTheObject() throws {
        let fixture = try GitFixture()
        try fixture.commit("first")
        let repository = try Repository(at: fixture.path)
        let missing = try objectID(String(repeating: "ab", count: 20))
        let error = #expect(throws: GitError.self) { try repository.commit(missing) }
        guard case .missingObject(let id, _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(id == missing)
        #expect(error?.description.contains(missing.hex) == true)
    }

    @Test(.enabled(if: getuid() == 0, "needs root to give the repository to another user"))
    func aRepositoryOwnedBySomeoneElseIsRefusedWithTheSafeDirectoryFix() throws {
        let fixture = try GitFixture()
        try fixture.commit("first")
        for path in [fixture.path, fixture.path + "/.git"] {
            try FileManager.default.setAttributes([.ownerAccountID: 65534], ofItemAtPath: path)
        }
        try FileManager.default.createDirectory(
            atPath: fixture.path + "/docs",
            withIntermediateDirectories: true
        )
        let error = #expect(throws: GitError.self) {
            try Repository(discoveringFrom: fixture.path + "/docs")
        }
        guard case .notOwnedByCurrentUser(let path, _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(path == fixture.path)
        #expect(
            error?.description.contains("git config --global --add safe.directory \(fixture.path)")
                == true
        )
    }

    @Test func theOwnershipErrorExplainsTheSafeDirectoryFix() {
        let error = GitError.notOwnedByCurrentUser(
            path: "/srv/repo",
            detail: "repository path '/srv/repo' is not owned by current user"
        )
        #expect(
            error.description.contains("git config --global --add safe.directory /srv/repo")
        )
        #expect(!error.description.contains("\n"))
    }

    @Test func theDefaultSignatureComesFromTheRepositoryConfiguration() throws {
        let fixture = try GitFixture()
        try fixture.git("config", "user.name", "Local Name")
        try fixture.git("config", "user.email", "local@example.com")
        let signature = try #require(try Repository(at: fixture.path).defaultSignature())
        #expect(signature.name == "Local Name")
        #expect(signature.email == "local@example.com")
    }

    @Test func referencesResolveAndMatchGlobsLikeForEachRef() throws {
        let fixture = try GitFixture()
        let head = try fixture.commit("first")
        try fixture.git("branch", "feature")
        try fixture.git("tag", "v1")
        let repository = try Repository(at: fixture.path)
        #expect(try repository.referenceTarget("refs/heads/main") == objectID(head))
        #expect(try repository.referenceTarget("HEAD") == objectID(head))
        #expect(try repository.referenceTarget("refs/heads/missing") == nil)
        let expected = try fixture.lines("for-each-ref", "--format=%(refname)", "refs/heads/")
        #expect(try repository.referenceNames(matching: "refs/heads/*") == expected)
    }

    @Test func strictHashVerificationCanBeSwitchedOffAndOn() throws {
        try Repository.useStrictHashVerification(false)
        try Repository.useStrictHashVerification(true)
    }
}

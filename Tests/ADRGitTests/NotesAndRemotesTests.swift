import ADRGit
import Foundation
import TestSupport
import Testing

@Suite struct NotesAndRemotesTests {
    private let notesRef = "refs/notes/adr"
    private let ada = Signature(
        name: "Ada Author",
        email: "ada@example.com",
        time: 1_700_000_000,
        offsetMinutes: 60
    )

    @Test func notesRoundTripWithGitNotes() throws {
        let fixture = try GitFixture()
        let first = try objectID(fixture.commit("first"))
        let second = try objectID(fixture.commit("second"))
        let repository = try Repository(at: fixture.path)
        #expect(try repository.note(for: first, in: notesRef) == nil)
        #expect(try repository.notes(in: notesRef).isEmpty)

        let blob = try repository.createNote(
            "status: accepted\n",
            for: first,
            in: notesRef,
            author: ada
        )
        #expect(try fixture.git("notes", "--ref=adr", "show", first.hex) == "status: accepted\n")
        #expect(try repository.note(for: first, in: notesRef) == "status: accepted\n")

        try repository.createNote("status: superseded\n", for: first, in: notesRef, author: ada)
        #expect(try fixture.git("notes", "--ref=adr", "show", first.hex) == "status: superseded\n")
        #expect(
            throws: GitError.self,
            performing: {
                try repository.createNote(
                    "again\n",
                    for: first,
                    in: notesRef,
                    author: ada,
                    overwrite: false
                )
            }
        )

        fixture.tick()
        try fixture.git("notes", "--ref=adr", "add", "-m", "written by git", second.hex)
        #expect(try repository.note(for: second, in: notesRef) == "written by git\n")
        #expect(try repository.note(for: second) == nil)

        let listed = try repository.notes(in: notesRef).map { "\($0.noteID) \($0.annotatedID)" }
        #expect(listed.sorted() == (try fixture.lines("notes", "--ref=adr", "list")).sorted())
        #expect(
            blob != (try repository.notes(in: notesRef).first { $0.annotatedID == first })?.noteID
        )
        #expect(try repository.referenceNames(matching: "refs/notes/*") == [notesRef])
    }

    @Test func notesArePushedToAndFetchedFromALocalBareRepository() throws {
        let fixture = try GitFixture()
        let first = try objectID(fixture.commit("first"))
        let bare = fixture.sibling("remote.git")
        try fixture.git("init", "-q", "--bare", bare)
        try fixture.git("remote", "add", "origin", bare)
        try fixture.git("push", "-q", "origin", "main")

        let repository = try Repository(at: fixture.path)
        try repository.createNote("pushed\n", for: first, in: notesRef, author: ada)
        // By path, as an anonymous remote.
        try repository.push(["\(notesRef):\(notesRef)"], to: bare)
        let local = try #require(try repository.referenceTarget(notesRef))
        #expect(try fixture.line("--git-dir", bare, "rev-parse", notesRef) == local.hex)

        let clone = fixture.sibling("clone")
        try fixture.git("clone", "-q", bare, clone)
        let cloned = try Repository(at: clone)
        #expect(try cloned.referenceTarget(notesRef) == nil)
        // By name, through the clone's configured remote.
        try cloned.fetch(["\(notesRef):\(notesRef)"], from: "origin")
        #expect(try cloned.referenceTarget(notesRef) == local)
        #expect(try cloned.note(for: first, in: notesRef) == "pushed\n")
    }

    @Test func aNonFastForwardPushIsRejectedWithTheReference() throws {
        let fixture = try GitFixture()
        let first = try objectID(fixture.commit("first"))
        let bare = fixture.sibling("remote.git")
        try fixture.git("init", "-q", "--bare", bare)
        let repository = try Repository(at: fixture.path)
        try repository.createNote("one\n", for: first, in: notesRef, author: ada)
        try repository.push(["\(notesRef):\(notesRef)"], to: bare)

        let other = fixture.sibling("other")
        try fixture.git("clone", "-q", fixture.path, other)
        let otherRepository = try Repository(at: other)
        try otherRepository.createNote("diverged\n", for: first, in: notesRef, author: ada)
        let error = #expect(throws: GitError.self) {
            try otherRepository.push(["\(notesRef):\(notesRef)"], to: bare)
        }
        guard case .pushRejected(let reference, _) = error else {
            Issue.record("expected a rejected push, got \(String(describing: error))")
            return
        }
        #expect(reference == notesRef)
        // A leading + forces the update.
        try otherRepository.push(["+\(notesRef):\(notesRef)"], to: bare)
        let forced = try #require(try otherRepository.referenceTarget(notesRef))
        #expect(try fixture.line("--git-dir", bare, "rev-parse", notesRef) == forced.hex)
    }

    @Test func pushingToAMissingRemoteFails() throws {
        let fixture = try GitFixture()
        try fixture.commit("first")
        let repository = try Repository(at: fixture.path)
        #expect(throws: GitError.self) {
            try repository.push(["refs/heads/main:refs/heads/main"], to: fixture.sibling("nowhere"))
        }
    }
}

extension NotesAndRemotesTests {
    @Test func fetchingADivergedNotesRefWithoutPlusLeavesItAndWithPlusReplacesIt() throws {
        let fixture = try GitFixture()
        let first = try objectID(fixture.commit("first"))
        let bare = fixture.sibling("remote.git")
        try fixture.git("init", "-q", "--bare", bare)
        let repository = try Repository(at: fixture.path)
        try repository.createNote("one\n", for: first, in: notesRef, author: ada)
        try repository.push(["\(notesRef):\(notesRef)"], to: bare)
        let clone = fixture.sibling("clone")
        try fixture.git("clone", "-q", fixture.path, clone)
        let cloned = try Repository(at: clone)
        try cloned.createNote("local\n", for: first, in: notesRef, author: ada)
        try repository.createNote("remote\n", for: first, in: notesRef, author: ada)
        try repository.push(["+\(notesRef):\(notesRef)"], to: bare)
        let before = try cloned.referenceTarget(notesRef)
        // libgit2 1.5 skips the non-fast-forward update silently, where git fetch says
        // "rejected"; callers fetch into a separate reference with + and merge from there.
        try cloned.fetch(["\(notesRef):\(notesRef)"], from: bare)
        #expect(try cloned.referenceTarget(notesRef) == before)
        try cloned.fetch(["+\(notesRef):refs/notes/adr-remote"], from: bare)
        #expect(try cloned.note(for: first, in: "refs/notes/adr-remote") == "remote\n")
    }
}

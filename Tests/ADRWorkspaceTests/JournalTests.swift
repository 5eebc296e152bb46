import ADRCore
import Foundation
import Testing

@testable import ADRWorkspace

@Suite struct JournalTests {
    private let sample = Journal(entries: [
        Journal.Entry(path: "0002-a.md", old: Array("old\n".utf8), new: nil),
        Journal.Entry(path: "0020-a.md", old: nil, new: [0x43, 0x61, 0x66, 0xE9, 0x0A]),
        Journal.Entry(path: "../README.md", old: [], new: Array("end 1\nnew 3\n".utf8)),
    ])

    @Test func aJournalReadsBackAsItWasWrittenWhateverTheBytes() {
        #expect(Journal(decoding: sample.encoded()) == sample)
    }

    @Test func aJournalCutShortOrChangedIsNotAJournal() {
        let bytes = sample.encoded()
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(Journal(decoding: Array(bytes.prefix(length))) == nil, "\(length) bytes")
        }
        var flipped = bytes
        flipped[20] ^= 1
        #expect(Journal(decoding: flipped) == nil)
    }

    @Test func rollingBackRestoresOldFilesAndRemovesNewOnesTwiceOver() throws {
        let folder = try TemporaryFolder()
        try folder.write("0020-a.md", "new\n")
        let journal = Journal(entries: [
            Journal.Entry(path: "0002-a.md", old: Array("old\n".utf8), new: nil),
            Journal.Entry(path: "0020-a.md", old: nil, new: Array("new\n".utf8)),
        ])
        try journal.rollBack(relativeTo: folder.path)
        try journal.rollBack(relativeTo: folder.path)
        let files = try folder.snapshot()
        #expect(files["0002-a.md"] == Data("old\n".utf8))
        #expect(files["0020-a.md"] == nil)
    }

    @Test func theNextCommandRollsBackAJournalAndRemovesTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        var workspace = try folder.workspace()
        _ = try workspace.initialize(directory: nil, template: nil)
        let log = workspace.location.folder
        let before = try folder.snapshot()
        let first = "0001-record-architecture-decisions.md"
        let original = try #require(FileStore.contents(of: log + "/" + first))
        let journal = Journal(entries: [
            Journal.Entry(path: first, old: original, new: Array("changed\n".utf8)),
            Journal.Entry(path: "0002-b.md", old: nil, new: Array("b\n".utf8)),
        ])
        try FileStore.writeAtomically(
            log + "/" + Journal.fileName,
            journal.encoded(),
            exclusive: true
        )
        try folder.write("doc/adr/" + first, "changed\n")
        try folder.write("doc/adr/0002-b.md", "b\n")
        try folder.write("doc/adr/.0003-c.md.adr-Ab12Cd", "half")
        _ = try folder.workspace()
        #expect(try folder.snapshot() == before)
    }

    @Test func temporaryFilesGoFromTheLogAndItsRecordFoldersOnly() throws {
        let folder = try TemporaryFolder()
        var workspace = try folder.workspace()
        _ = try workspace.initialize(directory: nil, template: nil)
        let log = workspace.location.folder
        try folder.write("doc/adr/.0002-b.md.adr-Ab12Cd", "half")
        try folder.write("doc/adr/0003-c/index.md", "# 3. C\n")
        try folder.write("doc/adr/0003-c/.index.md.adr-x1Y2z3", "half")
        try folder.write("doc/adr/.hidden/.index.md.adr-x1Y2z3", "not in a record folder")
        try folder.write("doc/adr/.notes.adr-ab", "not adr's")
        _ = try folder.workspace()
        #expect(!FileStore.exists(log + "/.0002-b.md.adr-Ab12Cd"))
        #expect(!FileStore.exists(log + "/0003-c/.index.md.adr-x1Y2z3"))
        #expect(FileStore.exists(log + "/0003-c/index.md"))
        #expect(FileStore.exists(log + "/.hidden/.index.md.adr-x1Y2z3"))
        #expect(FileStore.exists(log + "/.notes.adr-ab"))
        #expect(FileStore.exists(log + "/0001-record-architecture-decisions.md"))
    }

    @Test func aTornJournalIsRemovedAndNothingRolledBack() throws {
        let folder = try TemporaryFolder()
        var workspace = try folder.workspace()
        _ = try workspace.initialize(directory: nil, template: nil)
        let before = try folder.snapshot()
        try folder.write("doc/adr/" + Journal.fileName, "adr-journal 1\npath 3\nabc")
        _ = try folder.workspace()
        #expect(try folder.snapshot() == before)
    }

    @Test func onlyAdrsTemporaryNamesCountAsTemporary() {
        #expect(Journal.isTemporaryName(".0002-a.md.adr-x1Y2z3"))
        #expect(Journal.isTemporaryName(".adr-journal.adr-AAAAAA"))
        #expect(!Journal.isTemporaryName("0002-a.md"))
        #expect(!Journal.isTemporaryName(".adr-journal"))
        #expect(!Journal.isTemporaryName(".notes.adr-ab"))
    }

    @Test func aRenumberWritesTheNewNameBeforeTheOldOneGoes() throws {
        let folder = try TemporaryFolder()
        try folder.write("0002-a.md", "a\n")
        let changes = ChangeSet([
            .delete(path: folder.path + "/0002-a.md", contents: "a\n"),
            .create(path: folder.path + "/0003-a.md", contents: "a\n"),
        ])
        // The first step fails: had the deletion come first, the record would be gone.
        #expect(throws: WorkspaceError.self) {
            try FileStore.apply(changes, journalFolder: folder.path, failingAfter: 1)
        }
        #expect(try folder.snapshot() == ["0002-a.md": Data("a\n".utf8)])
        try FileStore.apply(changes, journalFolder: folder.path)
        #expect(try folder.snapshot() == ["0003-a.md": Data("a\n".utf8)])
    }
}

@Suite struct ByteSpliceTests {
    private let raw: [UInt8] =
        Array("# T\n\nAccepted\n\nCaf".utf8) + [0xE9, 0xFF] + Array("!\n".utf8)
    private var decoded: String { String(decoding: raw, as: UTF8.self) }

    @Test func anEditAwayFromTheUndecodableBytesKeepsThem() throws {
        let new = decoded.replacingOccurrences(of: "Accepted", with: "Deprecated")
        let edited = try #require(ByteSplice.edit(raw, from: decoded, to: Array(new.utf8)))
        #expect(
            edited == Array("# T\n\nDeprecated\n\nCaf".utf8) + [0xE9, 0xFF] + Array("!\n".utf8)
        )
    }

    @Test func anEditAfterTheUndecodableBytesKeepsThem() throws {
        let new = decoded + "More\n"
        let edited = try #require(ByteSplice.edit(raw, from: decoded, to: Array(new.utf8)))
        #expect(edited == raw + Array("More\n".utf8))
    }

    @Test func anEditOfTheUndecodableBytesIsRefused() {
        let new = decoded.replacingOccurrences(of: "Caf\u{FFFD}", with: "Cafe")
        #expect(ByteSplice.edit(raw, from: decoded, to: Array(new.utf8)) == nil)
    }

    @Test func textThatIsNotTheFileDecodedIsRefused() {
        #expect(ByteSplice.edit(raw, from: "other", to: Array("x".utf8)) == nil)
    }
}

import ADRCore
import Foundation
import Testing

@testable import ADRWorkspace

/// A temporary folder that is removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("adr-workspace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try contents.write(to: url, atomically: false, encoding: .utf8)
    }

    /// Every file under the folder with its bytes: the oracle for "nothing changed".
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let relative = enumerator?.nextObject() as? String {
            let full = path + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[relative] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }

    func workspace(environment: [String: String] = ["ADR_DATE": "1992-01-12"]) throws -> Workspace {
        try Workspace(options: WorkspaceOptions(workingDirectory: path, environment: environment))
    }
}

@Suite struct RollbackTests {
    @Test(arguments: 0...2)
    func aFailureMidwayLeavesTheLogByteIdentical(failingStep: Int) throws {
        let folder = try TemporaryFolder()
        var workspace = try folder.workspace()
        _ = try workspace.initialize(directory: nil, template: nil)
        _ = try workspace.newRecord(NewRecordOptions(title: "An idea"))
        let before = try folder.snapshot()
        let log = try workspace.readLog()
        let request = NewRecordRequest(
            title: "Better",
            template: BuiltInTemplates.template(named: "nygard")!,
            date: "1992-01-12",
            status: "Accepted",
            supersedes: [log.entries[0], log.entries[1]]
        )
        let (_, changes) = log.planningNewRecord(request, number: 3)
        #expect(changes.changes.count == 3)
        #expect(throws: WorkspaceError.self) {
            try FileStore.apply(
                changes.mappingPaths { workspace.location.folder + "/" + $0 },
                failingAfter: failingStep
            )
        }
        #expect(try folder.snapshot() == before)
    }

    @Test func aFileChangedSinceItWasReadIsNeverOverwritten() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.md", "one\n")
        let changes = ChangeSet([.update(path: folder.path + "/a.md", from: "zero\n", to: "two\n")])
        #expect(throws: WorkspaceError.self) { try FileStore.apply(changes) }
        #expect(try String(contentsOfFile: folder.path + "/a.md", encoding: .utf8) == "one\n")
    }

    @Test func aMissingReferenceLeavesTheLogUntouched() throws {
        let folder = try TemporaryFolder()
        var workspace = try folder.workspace()
        _ = try workspace.initialize(directory: nil, template: nil)
        let before = try folder.snapshot()
        #expect(throws: WorkspaceError.self) {
            _ = try workspace.newRecord(NewRecordOptions(title: "X", supersedes: ["99"]))
        }
        #expect(try folder.snapshot() == before)
    }
}

@Suite struct LogLocationTests {
    @Test func theLogIsFoundThroughAdrDirFromASubfolder() throws {
        let folder = try TemporaryFolder()
        try folder.write(".adr-dir", "architecture/decisions\n")
        try folder.write("architecture/decisions/0001-x.md", "# 1. X\n")
        try folder.write("src/deep/keep", "")
        let location = try LogLocation(
            options: WorkspaceOptions(workingDirectory: folder.path + "/src/deep", environment: [:])
        )
        #expect(location.folder == folder.path + "/architecture/decisions")
    }

    @Test(arguments: Configuration.conventionalFolders)
    func conventionalFoldersAreFound(name: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("\(name)/0001-x.md", "# 1. X\n")
        let location = try LogLocation(
            options: WorkspaceOptions(workingDirectory: folder.path, environment: [:])
        )
        #expect(location.folder == folder.path + "/" + name)
    }

    @Test func log4brainsConfigurationNamesTheFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write(".log4brains.yml", "project:\n  name: x\n  adrFolder: ./docs/arch\n")
        let location = try LogLocation(
            options: WorkspaceOptions(workingDirectory: folder.path, environment: [:])
        )
        #expect(location.folder == folder.path + "/docs/arch")
    }

    @Test func aBrokenConfigurationNamesTheFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write(".adr.yml", "log: x\nbogus: 1\n")
        #expect {
            _ = try LogLocation(
                options: WorkspaceOptions(workingDirectory: folder.path, environment: [:])
            )
        } throws: { error in
            "\(error)".hasSuffix(
                ".adr.yml:2: unknown key \"bogus\" (expected log, template, status, links, tags, logs, approvals, audit, site)"
            )
        }
    }

    @Test func nothingFoundMeansDocAdrInTheWorkingDirectory() throws {
        let folder = try TemporaryFolder()
        let location = try LogLocation(
            options: WorkspaceOptions(workingDirectory: folder.path, environment: [:])
        )
        #expect(location.folder == folder.path + "/doc/adr")
    }
}

@Suite struct FileReplacementTests {
    @Test func aCommittedReplacementIsThereAndAnAbandonedOneLeavesNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write("kept", "old")
        let path = folder.path + "/kept"
        do {
            let replacement = try FileStore.Replacement(of: path)
            Array("new".utf8).withUnsafeBytes { replacement.write($0) }
            // Dropped without a commit, as when the command stops early.
        }
        #expect(try folder.snapshot() == ["kept": Data("old".utf8)])
        let replacement = try FileStore.Replacement(of: path)
        Array("new".utf8).withUnsafeBytes { replacement.write($0) }
        replacement.abandon()
        #expect(try folder.snapshot() == ["kept": Data("old".utf8)])
        let committed = try FileStore.Replacement(of: path)
        Array("new".utf8).withUnsafeBytes { committed.write($0) }
        try committed.commit()
        #expect(try folder.snapshot() == ["kept": Data("new".utf8)])
    }
}

/// The records cache (decision 15): keyed by what `stat` says, never stale, never in the
/// way.
@Suite struct RecordCacheTests {
    private func gitFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "init", "-q", folder.path]
        try process.run()
        process.waitUntilExit()
        return folder
    }

    /// Dates a file's modification back, as if it had been written an hour ago.
    private func age(_ path: String) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -3600)],
            ofItemAtPath: path
        )
    }

    private let proposed = "# 1. A\n\nDate: 2020-01-02\n\n## Status\n\nProposed\n"
    private let rejected = "# 1. A\n\nDate: 2020-01-02\n\n## Status\n\nRejected\n"

    @Test func aCachedListingEqualsAFreshOneAndFollowsEdits() throws {
        let folder = try gitFolder()
        try folder.write("doc/adr/0001-a.md", proposed)
        try folder.write("doc/adr/0002-b.md", "---\nstatus: accepted\ntags: [x]\n---\n\n# B\n")
        try age(folder.path + "/doc/adr/0001-a.md")
        try age(folder.path + "/doc/adr/0002-b.md")
        let workspace = try folder.workspace()
        let fresh = try workspace.readLog()
        let cachePath = folder.path + "/.git/adr/records-cache"
        #expect(FileManager.default.fileExists(atPath: cachePath))
        let cached = try workspace.readLog(texts: false)
        #expect(cached.entries.map(\.record) == fresh.entries.map(\.record))
        // From the cache: the records, not their texts.
        #expect(cached.entries.allSatisfy { $0.text.isEmpty })

        // The same size, written now: the times and the change time differ.
        try folder.write("doc/adr/0001-a.md", rejected)
        let edited = try workspace.readLog(texts: false)
        #expect(edited.entries[0].record.status == .rejected)
        #expect(edited.entries[1].record == fresh.entries[1].record)
    }

    @Test func aRecordChangedWithinTwoSecondsIsNotStored() throws {
        let folder = try gitFolder()
        try folder.write("doc/adr/0001-a.md", proposed)
        let workspace = try folder.workspace()
        _ = try workspace.readLog()
        // Racy: written just now, so it was read again, not kept.
        let again = try workspace.readLog(texts: false)
        #expect(again.entries[0].text == proposed)
    }

    /// Every field a record and its facts have, with the characters the file escapes,
    /// comes back as it was stored; a field that does not read as what it should be means
    /// no cache.
    @Test func recordsAndFactsReadFromCommitsComeBackFieldByField() throws {
        let folder = try TemporaryFolder()
        let cachePath = folder.path + "/records-cache"
        var record = DecisionRecord(
            path: "doc/adr/0007-tabs.md",
            number: 7,
            title: "Tabs\tand \\ back\nslashes",
            heading: "7. Tabs",
            status: .superseded,
            statusText: "Superseded by [8](0008-b.md)",
            date: nil
        )
        record.tags = ["a", "b\tc"]
        record.links = [RecordLink(type: "Superseded by", target: "0008-b.md", line: 7)]
        record.references = [RecordReference(text: "ref", target: "x.md", line: -3)]
        record.warnings = [
            SourceWarning(path: record.path, line: nil, message: "no date"),
            SourceWarning(path: record.path, line: 12, message: "unknown tag \"b\tc\""),
        ]
        let facts = RecordFacts(
            headingLine: 1,
            headingNumber: nil,
            statusLine: 5,
            dateLine: nil,
            links: [
                TextLink(text: "8", destination: "0008-b.md", line: 7, column: 15, isImage: false),
                TextLink(text: "", destination: "i.png", line: 9, column: 1, isImage: true),
            ]
        )
        let key = RecordCache.blobKey(path: record.path, blob: String(repeating: "ab", count: 20))
        var cache = RecordCache()
        cache.store(record, facts: facts, forBlob: key)
        cache.store(record, forBlob: key + "0")
        cache.save(to: cachePath)
        let loaded = RecordCache.load(from: cachePath)
        #expect(loaded.committed(forBlob: key)?.record == record)
        #expect(loaded.committed(forBlob: key)?.facts == facts)
        #expect(loaded.committed(forBlob: key + "0")?.facts == nil)
        #expect(loaded.blobKeyCount == 2)

        let text = try String(contentsOfFile: cachePath, encoding: .utf8)
        for damaged in [
            text.replacingOccurrences(of: "\t+7\t", with: "\t7\t"),
            text.replacingOccurrences(of: "\t15\t", with: "\t1x\t"),
            text.replacingOccurrences(of: "\t-3\t", with: "\t99999999999999999999\t"),
            String(text.dropLast()) + "\textra\n",
        ] {
            #expect(damaged != text)
            try damaged.write(toFile: cachePath, atomically: true, encoding: .utf8)
            #expect(RecordCache.load(from: cachePath).blobKeyCount == 0, "\(damaged)")
        }
    }

    @Test func aDamagedCacheIsIgnored() throws {
        let folder = try gitFolder()
        try folder.write("doc/adr/0001-a.md", proposed)
        try age(folder.path + "/doc/adr/0001-a.md")
        let workspace = try folder.workspace()
        let fresh = try workspace.readLog()
        let cachePath = folder.path + "/.git/adr/records-cache"
        let cached = try String(contentsOfFile: cachePath, encoding: .utf8)
        try String(cached.dropLast(7)).write(toFile: cachePath, atomically: true, encoding: .utf8)
        #expect(
            try workspace.readLog(texts: false).entries.map(\.record) == fresh.entries.map(\.record)
        )
        try "adr-records-cache\t99\n".write(toFile: cachePath, atomically: true, encoding: .utf8)
        #expect(
            try workspace.readLog(texts: false).entries.map(\.record) == fresh.entries.map(\.record)
        )
        // Counts and numbers that no writer makes: negative, past Int64, not digits.
        _ = try workspace.readLog(texts: false)
        let good = try String(contentsOfFile: cachePath, encoding: .utf8)
        var lines = good.split(separator: "\n").map(String.init)
        var fields = lines[1].split(separator: "\t", omittingEmptySubsequences: false).map(
            String.init
        )
        let tagCount = 12
        #expect(
            fields[tagCount] == "0",
            "the tag count follows path, number, title, heading, status, status text and date"
        )
        for damage in ["-1", "99999999999999999999", "1x", ""] {
            fields[tagCount] = damage
            lines[1] = fields.joined(separator: "\t")
            try (lines.joined(separator: "\n") + "\n")
                .write(toFile: cachePath, atomically: true, encoding: .utf8)
            #expect(
                try workspace.readLog(texts: false).entries.map(\.record)
                    == fresh.entries.map(\.record),
                "\(damage)"
            )
        }
    }
}

import ADRCore
import ADRGit
import Foundation
import TestSupport
import Testing

@testable import ADRHistory

/// The history engine on its own, against real git repositories made with the git CLI.
@Suite struct HistoryReaderTests {
    private func record(_ title: String, status: String) -> String {
        "# 1. \(title)\n\nDate: 2025-03-01\n\n## Status\n\n\(status)\n\n## Decision\n\nWe will.\n"
    }

    private func fixture() throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.write("doc/adr/0001-a.md", record("A", status: "Proposed"))
        _ = try fixture.commit("Propose A")
        try fixture.write("doc/adr/0001-a.md", record("A", status: "Accepted"))
        _ = try fixture.commit("Accept A")
        return fixture
    }

    @Test func aFullScanAndACachedReadGiveTheSameHistory() throws {
        let fixture = try fixture()
        let repository = try Repository(at: fixture.path)
        let scanned = try HistoryReader.read(repository, folder: "doc/adr", useCache: false)
        #expect(!FileManager.default.fileExists(atPath: HistoryCache.path(in: repository)))
        let first = try HistoryReader.read(repository, folder: "doc/adr", useCache: true)
        #expect(FileManager.default.fileExists(atPath: HistoryCache.path(in: repository)))
        let cached = try HistoryReader.read(repository, folder: "doc/adr", useCache: true)
        #expect(scanned.records == first.records)
        #expect(cached.records == scanned.records)
        let history = try #require(cached.history(ofPath: "doc/adr/0001-a.md"))
        #expect(history.revisions.map(\.summary) == ["Propose A", "Accept A"])
        #expect(history.statusTimeline.map(\.status) == [.proposed, .accepted])
    }

    /// A scan that writes no cache hashes only the revisions asked for (here those with an
    /// approval trailer) and reads the same history otherwise; one that writes the cache
    /// hashes every revision, as later runs read them.
    @Test func aScanHashesOnlyTheRevisionsAskedFor() throws {
        let fixture = try fixture()
        try fixture.write("doc/adr/0002-b.md", record("B", status: "Rejected"))
        _ = try fixture.commit("Reject B\n\nApproved-by: Ann <ann@example.org>")
        let repository = try Repository(at: fixture.path)
        let all = try HistoryReader.read(repository, folder: "doc/adr", useCache: false)
        let approvals = TextHashes.withTrailers(TrailerKeys(["approved-by"]))
        let some = try HistoryReader.read(
            repository,
            folder: "doc/adr",
            useCache: false,
            textHashes: approvals
        )
        let revisions = all.records.flatMap { $0.revisions }
        #expect(revisions.count == 3)
        #expect(revisions.allSatisfy { $0.textHash != nil })
        var expected = all.records
        for record in expected.indices {
            for index in expected[record].revisions.indices
            where expected[record].revisions[index].summary != "Reject B" {
                expected[record].revisions[index].textHash = nil
            }
        }
        #expect(some.records == expected)
        #expect(some.records.flatMap { $0.revisions }.filter { $0.textHash != nil }.count == 1)
        let cached = try HistoryReader.read(
            repository,
            folder: "doc/adr",
            useCache: true,
            textHashes: approvals
        )
        #expect(cached.records == all.records)
    }

    @Test func aCacheWrittenForAnotherFolderIsNotUsed() throws {
        let fixture = try fixture()
        let repository = try Repository(at: fixture.path)
        _ = try HistoryReader.read(repository, folder: "doc/adr", useCache: true)
        let path = HistoryCache.path(in: repository)
        #expect(HistoryCache.load(from: path, folder: "doc/adr") != nil)
        #expect(HistoryCache.load(from: path, folder: "docs/decisions") == nil)
    }

    @Test func everyTruncationOfTheCacheReadsAsNoCache() throws {
        let fixture = try fixture()
        let repository = try Repository(at: fixture.path)
        _ = try HistoryReader.read(repository, folder: "doc/adr", useCache: true)
        let path = HistoryCache.path(in: repository)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        for length in 0..<good.count {
            try good.prefix(length).write(to: URL(fileURLWithPath: path))
            #expect(HistoryCache.load(from: path, folder: "doc/adr") == nil)
        }
    }
}

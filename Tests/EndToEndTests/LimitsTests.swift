import Foundation
import TestSupport
import Testing

/// One huge file cannot sink a command: a record past `RecordLimit.bytes` (1 MiB) is read
/// only that far, with a warning naming it; a command that edits it reads all of it.
@Suite struct LimitsTests {
    private let record = "doc/adr/0003-huge-record.md"

    /// A committed record of about 2 MiB whose status sits at the top and whose last line
    /// is past the limit.
    private func repositoryWithAHugeRecord() throws -> TestRepository {
        let repo = try TestRepository.withCommittedRecord()
        try repo.adr("new", "--no-edit", "Huge record")
        let filler = String(
            repeating: "lorem ipsum dolor sit amet, consectetur adipiscing\n",
            count: 42_000
        )
        try repo.write(record, try repo.read(record) + filler + "THE LAST LINE\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Add a huge record")
        return repo
    }

    @Test func aRecordPastTheLimitIsListedWithAWarningNamingIt() throws {
        let repo = try repositoryWithAHugeRecord()
        let result = try repo.adr("list", "--no-cache")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains(record), "\(result)")
        #expect(result.stderr.contains("\(record): "), "\(result)")
        #expect(result.stderr.contains("larger than the 1 MiB limit"), "\(result)")
    }

    @Test func showPrintsOnlyTheFirstMebibyte() throws {
        let repo = try repositoryWithAHugeRecord()
        let result = try repo.adr("show", "3", "--no-cache")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("# 3. Huge record"), "\(result.stderr)")
        #expect(!result.stdout.contains("THE LAST LINE"))
        #expect(result.stdout.utf8.count < 1_100_000)
        #expect(result.stderr.contains("larger than the 1 MiB limit"), "\(result.stderr)")
    }

    @Test func theHistoryScanWarnsAboutARevisionPastTheLimitAndReadsItsStatus() throws {
        let repo = try repositoryWithAHugeRecord()
        let result = try repo.adr("log", "--no-cache")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("warning: \(record): a revision of "), "\(result.stderr)")
        #expect(result.stdout.contains("huge-record.md  created (accepted)"), "\(result.stdout)")
    }

    @Test func theSiteReadsAHugeRecordWholeEvenWhenTheCacheHoldsItsFirstMebibyte() throws {
        let repo = try repositoryWithAHugeRecord()
        // Older than the records cache's racy window, so that `list` caches the record as
        // parsed from its first mebibyte, with the warning.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)],
            ofItemAtPath: repo.url(record).path
        )
        #expect(try repo.adr("list").stderr.contains("larger than the 1 MiB limit"))
        let result = try repo.adr("site")
        #expect(result.status == 0, "\(result)")
        // The history scan still warns about the revisions it read in part; the record
        // itself is read whole.
        let partial = result.stderr.split(separator: "\n").filter {
            $0.contains("larger than the 1 MiB limit") && !$0.contains("a revision of")
        }
        #expect(partial.isEmpty, "\(result.stderr)")
        #expect(try repo.read(".adr/site/0003-huge-record.html").contains("THE LAST LINE"))
    }

    @Test func anEditReadsAndKeepsTheWholeRecord() throws {
        let repo = try repositoryWithAHugeRecord()
        let before = try repo.read(record)
        let result = try repo.adr("status", "3", "Deprecated")
        #expect(result.status == 0, "\(result)")
        let after = try repo.read(record)
        #expect(after.hasSuffix("THE LAST LINE\n"))
        #expect(after.contains("Deprecated"))
        #expect(after.utf8.count > before.utf8.count - 20)
    }
}

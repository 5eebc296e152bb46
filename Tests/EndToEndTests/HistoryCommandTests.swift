import Foundation
import Testing

/// `adr log`, and the history `adr show` and `adr list --history` print, from a real repo.
@Suite struct HistoryCommandTests {
    /// Record 1 proposed then accepted, record 2 created then deleted.
    private func repository() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.adr("new", "--no-edit", "Use Postgres")
        try repo.adr("new", "--no-edit", "Use Mongo")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Two records\n\nReviewed-by: Bo <bo@example.com>")
        try repo.adr("status", "1", "superseded")
        try repo.git("commit", "-q", "-am", "Supersede Postgres")
        try repo.git("rm", "-q", "doc/adr/0002-use-mongo.md")
        try repo.git("commit", "-q", "-m", "Drop Mongo")
        return repo
    }

    private func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func logListsEventsNewestFirstAsJSON() throws {
        let repo = try repository()
        let result = try repo.adr("log", "--format", "json", "--no-cache")
        #expect(result.status == 0, "\(result)")
        let events = try #require(try json(result.stdout) as? [[String: Any]])
        // Reviewed-by is an approval trailer by default: each record created is approved.
        #expect(
            events.compactMap { $0["event"] as? String } == [
                "deleted", "status changed", "approved", "approved", "created", "created",
            ]
        )
        #expect(events.first?["path"] as? String == "doc/adr/0002-use-mongo.md")
        let text = try repo.adr("log")
        #expect(text.stdout.contains("status accepted -> superseded"), "\(text)")
        let since = try repo.adr("log", "--since", "2100-01-01")
        #expect(since.status == 0 && since.stdout.isEmpty, "\(since)")
    }

    @Test func showAddsHistoryAndTimelineToItsJSON() throws {
        let repo = try repository()
        let result = try repo.adr("show", "1", "--format", "json")
        #expect(result.status == 0, "\(result)")
        let record = try #require(try json(result.stdout) as? [String: Any])
        let history = try #require(record["history"] as? [[String: Any]])
        #expect(history.compactMap { $0["change"] as? String } == ["added", "modified"])
        #expect(history.first?["summary"] as? String == "Two records")
        let trailers = history.first?["trailers"] as? [String: [String]]
        #expect(trailers?["Reviewed-by"] == ["Bo <bo@example.com>"])
        let author = history.first?["author"] as? [String: String]
        #expect(author?["name"] == "Ada Tester")
        #expect(record["created"] as? String == "1992-01-12T10:00:00+00:00")
        let timeline = try #require(record["statusTimeline"] as? [[String: Any]])
        #expect(timeline.compactMap { $0["status"] as? String } == ["accepted", "superseded"])

        let text = try repo.adr("show", "1")
        #expect(text.stdout.contains("timeline: accepted 1992-01-12 by Ada Tester, superseded"))
    }

    @Test func showFindsADeletedRecordInHistory() throws {
        let repo = try repository()
        let result = try repo.adr("show", "2")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("deleted: not in the working tree"), "\(result)")
        #expect(result.stdout.contains("Use Mongo"))
    }

    @Test func listWithHistoryGivesEveryRecordItsHistory() throws {
        let repo = try repository()
        let result = try repo.adr("list", "--format", "json", "--history")
        #expect(result.status == 0, "\(result)")
        let records = try #require(try json(result.stdout) as? [[String: Any]])
        #expect(records.count == 1)
        #expect((records.first?["history"] as? [Any])?.count == 2)
    }

    @Test func logOutsideARepositoryIsAOneLineErrorWithStatus2() throws {
        let repo = try TestRepository()
        try FileManager.default.removeItem(at: repo.url(".git"))
        try repo.adr("new", "--no-edit", "Use Postgres")
        let result = try repo.adr("log")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("adr: error: "), "\(result)")
        #expect(result.stderr.contains("not in a git repository"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try repo.adr("show", "1").status == 0)
    }
}

import Foundation
import Testing

@testable import ADRReport
@testable import ADRSite

/// `adrs.json` as `ADRReport` writes it, against Foundation's `JSONEncoder` with sorted keys
/// (what wrote it before): the same bytes for every field present or absent.
@Suite struct SiteDataJSONTests {
    static func record(_ index: Int, full: Bool) -> SiteData.Record {
        SiteData.Record(
            id: "000\(index)-use-a-queue",
            log: full ? "api" : nil,
            path: "doc/adr/000\(index)-use-a-queue.md",
            page: "api/000\(index)-use-a-queue.html",
            number: full ? index : nil,
            title: "Use a \"queue\" / not <polling> & \\ retries",
            status: full ? "accepted" : nil,
            statusText: full ? "Accepted\twith a tab" : nil,
            date: full ? "2024-03-01" : nil,
            tags: full ? ["queue", "José", "日本"] : [],
            deciders: full ? ["Ada", "Bo"] : [],
            links: full
                ? [SiteData.Link(type: "Supersedes", id: "0001-poll", page: "api/0001-poll.html")]
                : [],
            supersededBy: full ? ["0009-use-streams"] : [],
            history: full
                ? [
                    SiteData.Revision(
                        commit: String(repeating: "a", count: 40),
                        date: "2024-03-01T10:00:00+00:00",
                        author: SiteData.Person(name: "Ada Lovelace", email: "ada@example.com"),
                        summary: "Add the queue\nwith a body line",
                        change: "created",
                        path: "doc/adr/000\(index)-use-a-queue.md",
                        status: index.isMultiple(of: 2) ? "accepted" : nil
                    )
                ] : nil,
            approvals: full
                ? [
                    SiteData.ApprovalEntry(
                        approver: "Bo <bo@example.com>",
                        date: "2024-03-02",
                        source: "note",
                        commit: String(repeating: "b", count: 40),
                        comment: index.isMultiple(of: 2) ? "fine" : nil,
                        current: index.isMultiple(of: 2),
                        changedBy: index.isMultiple(of: 2) ? nil : "cccccc"
                    )
                ] : [],
            text: full ? "# Use a queue\n\nBody with \u{1F} a unit separator.\n" : nil
        )
    }

    @Test func theBytesAreJSONEncodersWithSortedKeys() throws {
        let data = SiteData(
            version: 1,
            title: "Payments \"decisions\"",
            records: (1...4).map { Self.record($0, full: $0 != 3) }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(data), as: UTF8.self) + "\n"
        #expect(Report.siteDataJSON(data) == expected)
        // And it reads back as the same value.
        let decoded = try SiteData(parsing: Data(Report.siteDataJSON(data).utf8))
        #expect(decoded == data)
    }
}

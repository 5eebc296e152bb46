import ADRCore
import ADRSite
import Testing

/// A rebuild keeps the record pages whose inputs did not change and renders the others;
/// whatever it keeps, the site must be byte for byte the one a full build makes.
@Suite struct RecordPageReuseTests {
    static let folder = "doc/adr"
    static let first = "main/0001-record-architecture-decisions.html"
    static let second = "main/0002-poll-the-ledger.html"
    static let third = "main/0003-use-a-queue.html"
    static let api = "api/0001-keep-card-data-out-of-logs.html"

    /// Builds `SiteFixture.input`, applies `change`, rebuilds from the first build's stamps
    /// and checks the result against a full build of the changed input. Returns the record
    /// pages the rebuild rendered.
    func renderedAfter(
        _ change: (inout SiteInput) -> Void,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Set<String> {
        let before = try Site.build(SiteFixture.input)
        var changed = SiteFixture.input
        change(&changed)
        let full = try Site.build(changed)
        changed.previousPages = before.pageStamps
        let rebuilt = try Site.build(changed)

        var files = rebuilt.files
        for page in rebuilt.reusedPages {
            // A kept page is the previous site's file.
            files[page] = before.files[page]
        }
        #expect(files.keys.sorted() == full.files.keys.sorted(), sourceLocation: sourceLocation)
        for (path, contents) in full.files where files[path] != contents {
            Issue.record("\(path) differs from a full build", sourceLocation: sourceLocation)
        }
        #expect(rebuilt.pageStamps == full.pageStamps, sourceLocation: sourceLocation)
        #expect(rebuilt.copies == full.copies, sourceLocation: sourceLocation)
        #expect(full.reusedPages.isEmpty, sourceLocation: sourceLocation)
        return Set(full.pageStamps.keys).subtracting(rebuilt.reusedPages)
    }

    static func replaceText(
        of fileName: String,
        in input: inout SiteInput,
        _ edit: (String) -> String
    ) {
        for log in input.logs.indices {
            for index in input.logs[log].records.indices
            where input.logs[log].records[index].entry.fileName == fileName {
                let old = input.logs[log].records[index]
                let text = edit(old.entry.text)
                var record = SiteFixture.record(
                    String(old.path.split(separator: "/").dropLast().joined(separator: "/")),
                    fileName,
                    text
                )
                record.history = old.history
                record.approvals = old.approvals
                input.logs[log].records[index] = record
            }
        }
    }

    @Test func nothingChangedRendersNoRecordPage() throws {
        #expect(try renderedAfter { _ in }.isEmpty)
    }

    @Test func anEditedBodyRendersOnlyItsOwnPage() throws {
        let rendered = try renderedAfter { input in
            Self.replaceText(of: "0001-record-architecture-decisions.md", in: &input) {
                $0 + "\nOne more paragraph.\n"
            }
        }
        #expect(rendered == [Self.first])
    }

    @Test func aNewTitleRendersThePagesThatShowIt() throws {
        let rendered = try renderedAfter { input in
            Self.replaceText(of: "0003-use-a-queue.md", in: &input) {
                $0.replacingOccurrences(of: "# Use a queue", with: "# Use a message queue")
            }
        }
        // The record it supersedes names it in its banner, lineage and next link; the api
        // record links to it in prose, whose text it keeps.
        #expect(rendered == [Self.third, Self.second])
    }

    @Test func aNewStatusRendersThePagesThatShowIt() throws {
        let rendered = try renderedAfter { input in
            Self.replaceText(of: "0001-record-architecture-decisions.md", in: &input) {
                $0.replacingOccurrences(of: "Accepted", with: "Deprecated")
            }
        }
        // The second record's previous link shows the first one's status.
        #expect(rendered == [Self.first, Self.second])
    }

    @Test func aNewRevisionRendersOnlyItsRecordsPage() throws {
        let rendered = try renderedAfter { input in
            var history = input.logs[0].records[0].history!
            history = RecordHistory(
                revisions: history.revisions + [
                    SiteFixture.revision(
                        "e",
                        "2025-03-02T10:00:00+00:00",
                        SiteFixture.grace,
                        "Reword the context",
                        Self.folder + "/0001-record-architecture-decisions.md",
                        order: 5
                    )
                ]
            )
            input.logs[0].records[0].history = history
        }
        #expect(rendered == [Self.first])
    }

    @Test func aRemovedRecordRendersThePagesThatLinkedToIt() throws {
        let rendered = try renderedAfter { input in
            input.logs[0].records.removeAll { $0.entry.fileName == "0002-poll-the-ledger.md" }
        }
        // The first record's prose link now leads to the forge; the third loses its lineage
        // and its previous link.
        #expect(rendered == [Self.first, Self.third])
    }

    @Test func aFileALinkNeedsRendersThePageThatLinksToIt() throws {
        let rendered = try renderedAfter { input in
            input.logs[0].files = []
        }
        // The first record's link to diagram.png leads to the forge instead of a copy; the
        // third record's image of it is dropped.
        #expect(rendered == [Self.first, Self.third])
    }

    @Test func anAddedRecordRendersItselfAndItsNeighbours() throws {
        let rendered = try renderedAfter { input in
            input.logs[0].records.append(
                SiteFixture.record(
                    Self.folder,
                    "0004-keep-the-queue.md",
                    "# Keep the queue\n\nDate: 2025-04-01\n\n## Status\n\nAccepted\n"
                )
            )
        }
        #expect(rendered == [Self.third, "main/0004-keep-the-queue.html"])
    }

    @Test func newSettingsOrANewThemeRenderEveryPage() throws {
        let all: Set = [Self.first, Self.second, Self.third, Self.api]
        #expect(
            try renderedAfter {
                $0.configuration.repositoryURL = "https://gitlab.com/acme/payments"
            } == all
        )
        #expect(try renderedAfter { $0.branch = "trunk" } == all)
        #expect(try renderedAfter { $0.title = "Payments" } == all)
        #expect(try renderedAfter { $0.theme["site.css"] = "body { color: red }" } == all)
        #expect(try renderedAfter { $0.hasHistory = false } == all)
    }

    @Test func aStampForAnotherTextIsNotTrusted() throws {
        var input = SiteFixture.input
        let before = try Site.build(input)
        // Stamps swapped between two pages must not make either one kept.
        input.previousPages = before.pageStamps
        input.previousPages[Self.first] = before.pageStamps[Self.second]
        input.previousPages[Self.second] = before.pageStamps[Self.first]
        let rebuilt = try Site.build(input)
        #expect(rebuilt.reusedPages == [Self.third, Self.api])
        #expect(rebuilt.files[Self.first] == before.files[Self.first])
    }
}

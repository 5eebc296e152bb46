import ADRCore
import Testing

@testable import ADRSite

/// Bodies rendered ahead of the build (while the history is read) stand in for the ones the
/// build would render, and only where their links lead where the build's would.
@Suite struct RenderedBodiesTests {
    static let marker = "<p>rendered ahead</p>"

    /// `input`'s logs as the workspace has them before the history: no revisions, no
    /// approvals.
    static func withoutHistory(_ input: SiteInput) -> SiteInput {
        var bare = input
        for log in bare.logs.indices {
            for index in bare.logs[log].records.indices {
                bare.logs[log].records[index].history = nil
                bare.logs[log].records[index].approvals = []
            }
        }
        return bare
    }

    static func rendered(_ input: SiteInput) -> RenderedBodies {
        RenderedBodies.rendering(withoutHistory(input)) { count, body in
            for index in 0..<count { body(index) }
        }
    }

    /// `bodies` with every body's HTML replaced by ``marker``, so that a page shows whether
    /// the build took it.
    static func marked(_ bodies: RenderedBodies) -> RenderedBodies {
        var marked = bodies
        for page in marked.bodies.keys { marked.bodies[page]?.html = marker }
        return marked
    }

    @Test func bodiesRenderedAheadMakeTheSiteAFullBuildMakes() throws {
        var ahead = SiteFixture.input
        ahead.renderedBodies = Self.rendered(SiteFixture.input)
        let built = try Site.build(ahead)
        let full = try Site.build(SiteFixture.input)
        #expect(built.files.keys.sorted() == full.files.keys.sorted())
        for (path, contents) in full.files where built.files[path] != contents {
            Issue.record("\(path) differs from a full build")
        }
        #expect(built.copies == full.copies)
        #expect(built.pageStamps == full.pageStamps)
    }

    @Test func theBuildTakesTheBodiesRenderedAhead() throws {
        var ahead = SiteFixture.input
        ahead.renderedBodies = Self.marked(Self.rendered(SiteFixture.input))
        let built = try Site.build(ahead)
        let pages = built.pageStamps.keys.sorted()
        #expect(pages.count == 4)
        for page in pages {
            #expect(built.files[page]?.contains(Self.marker) == true, "\(page)")
        }
    }

    /// What can make a body rendered ahead wrong for the build: each of these is rendered
    /// ahead from a changed input and given to the build of the unchanged one.
    static let changes: [(name: String, change: @Sendable (inout SiteInput) -> Void)] = [
        // An included checkout moves a log named by itself into a folder of its own.
        ("a log's folder", { $0.logs[1].siteFolder = "other" }),
        ("the files a log has", { $0.logs[0].files = [] }),
        ("the branch", { $0.branch = "trunk" }),
        ("the forge", { $0.configuration.repositoryURL = "https://example.com/team/repo" }),
        (
            "a theme's ids",
            { $0.theme["record.mustache"] = "<div id=\"decision\">{{{body}}}</div>" }
        ),
        ("a record removed", { $0.logs[0].records.removeLast() }),
    ]

    @Test(arguments: changes.indices)
    func aBodyRenderedForOtherLinksOrAnotherTextIsRenderedAgain(_ index: Int) throws {
        var other = SiteFixture.input
        Self.changes[index].change(&other)
        var ahead = SiteFixture.input
        ahead.renderedBodies = Self.marked(Self.rendered(other))
        let built = try Site.build(ahead)
        let full = try Site.build(SiteFixture.input)
        for (path, contents) in built.files where contents.contains(Self.marker) {
            Issue.record("\(path) took a body rendered for \(Self.changes[index].name)")
        }
        #expect(built.files.keys.sorted() == full.files.keys.sorted())
        for (path, contents) in full.files where built.files[path] != contents {
            Issue.record("\(path) differs from a full build after \(Self.changes[index].name)")
        }
    }

    @Test func aBodyRenderedFromAnotherTextIsRenderedAgain() throws {
        var other = SiteFixture.input
        RecordPageReuseTests.replaceText(of: "0003-use-a-queue.md", in: &other) {
            $0 + "\nRead ahead.\n"
        }
        var ahead = SiteFixture.input
        ahead.renderedBodies = Self.marked(Self.rendered(other))
        let built = try Site.build(ahead)
        let full = try Site.build(SiteFixture.input)
        #expect(built.files[RecordPageReuseTests.third] == full.files[RecordPageReuseTests.third])
        // The other records read the same: their bodies are taken.
        #expect(built.files[RecordPageReuseTests.second]?.contains(Self.marker) == true)
    }

    /// Past the bytes of text a caller will hold, the bodies are left to the build.
    @Test func bodiesPastTheBudgetAreRenderedByTheBuild() throws {
        let bare = Self.withoutHistory(SiteFixture.input)
        let catalog = SiteCatalog(logs: bare.logs)
        let firstTwo = catalog.items.prefix(2).map { $0.entry.text.utf8.count }.reduce(0, +)
        let bodies = RenderedBodies.rendering(bare, upToTextBytes: firstTwo) { count, body in
            for index in 0..<count { body(index) }
        }
        #expect(bodies.bodies.keys.sorted() == catalog.items.prefix(2).map(\.page).sorted())
        var ahead = SiteFixture.input
        ahead.renderedBodies = Self.marked(bodies)
        let built = try Site.build(ahead)
        for (index, item) in catalog.items.enumerated() {
            #expect(built.files[item.page]?.contains(Self.marker) == (index < 2), "\(item.page)")
        }
    }
}

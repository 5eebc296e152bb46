import Foundation
import Testing

/// `adr generate toc` and `adr generate graph`, byte-compatible with adr-tools.
@Suite struct GeneratingTests {
    private func threeDecisions() throws -> TestRepository {
        let repo = try TestRepository()
        for title in ["First Decision", "Second Decision", "Third Decision"] {
            try repo.adr("new", "--no-edit", title)
        }
        return repo
    }

    private let tocEntries = """
        * [1. First Decision](0001-first-decision.md)
        * [2. Second Decision](0002-second-decision.md)
        * [3. Third Decision](0003-third-decision.md)

        """

    @Test func tocListsEveryRecordUnderAHeading() throws {
        let repo = try threeDecisions()
        let result = try repo.adr("generate", "toc")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "# Architecture Decision Records\n\n" + tocEntries)
    }

    @Test func tocWrapsTheListInAnIntroAndAnOutro() throws {
        let repo = try threeDecisions()
        try repo.write("intro.md", "An intro.\n\nMultiple paragraphs.\n")
        try repo.write("outro.md", "An outro.\n")
        let result = try repo.adr("generate", "toc", "-i", "intro.md", "-o", "outro.md")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout
                == "# Architecture Decision Records\n\nAn intro.\n\nMultiple paragraphs.\n\n"
                + tocEntries
                + "\nAn outro.\n"
        )
    }

    @Test func tocPrefixesEveryLink() throws {
        let repo = try threeDecisions()
        let result = try repo.adr("generate", "toc", "-p", "foo/doc/adr/")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout
                == "# Architecture Decision Records\n\n"
                + tocEntries.replacingOccurrences(of: "](", with: "](foo/doc/adr/")
        )
    }

    @Test func tocWithStatusShowsEachRecordsStatus() throws {
        let repo = try threeDecisions()
        try repo.adr("new", "--no-edit", "-s", "3", "Fourth Decision")
        let result = try repo.adr("generate", "toc", "--status")
        #expect(result.status == 0, "\(result)")
        let entries = result.stdoutLines.filter { $0.hasPrefix("* ") }
        #expect(entries.count == 4, "\(result)")
        guard entries.count == 4 else { return }
        #expect(entries[0].hasPrefix("* [1. First Decision](0001-first-decision.md)"))
        #expect(entries[0].lowercased().contains("accepted"))
        #expect(entries[2].hasPrefix("* [3. Third Decision](0003-third-decision.md)"))
        #expect(
            entries[2].lowercased().contains("superceded")
                || entries[2].lowercased().contains("superseded")
        )
        #expect(!entries[2].lowercased().contains("accepted"))
    }

    /// The adr-tools graph scenario: two chains of supersedes.
    private func graphLog() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "An idea that seems good at the time")
        try repo.adr("new", "--no-edit", "-s", "2", "A better idea")
        try repo.adr("new", "--no-edit", "This will work")
        try repo.adr("new", "--no-edit", "-s", "3", "The end")
        return repo
    }

    private func expectedGraph(prefix: String = "", extension ext: String = ".html") -> String {
        """
        digraph {
          node [shape=plaintext];
          subgraph {
            _1 [label="1. Record architecture decisions"; URL="\(prefix)0001-record-architecture-decisions\(ext)"];
            _2 [label="2. An idea that seems good at the time"; URL="\(prefix)0002-an-idea-that-seems-good-at-the-time\(ext)"];
            _1 -> _2 [style="dotted", weight=1];
            _3 [label="3. A better idea"; URL="\(prefix)0003-a-better-idea\(ext)"];
            _2 -> _3 [style="dotted", weight=1];
            _4 [label="4. This will work"; URL="\(prefix)0004-this-will-work\(ext)"];
            _3 -> _4 [style="dotted", weight=1];
            _5 [label="5. The end"; URL="\(prefix)0005-the-end\(ext)"];
            _4 -> _5 [style="dotted", weight=1];
          }
          _3 -> _2 [label="Supercedes", weight=0]
          _5 -> _3 [label="Supercedes", weight=0]
        }

        """
    }

    @Test func graphDrawsRecordsInOrderAndTheirForwardLinks() throws {
        let repo = try graphLog()
        let result = try repo.adr("generate", "graph")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == expectedGraph(), "\(result)")
    }

    @Test func graphUsesTheGivenLinkPrefixAndExtension() throws {
        let repo = try graphLog()
        let result = try repo.adr("generate", "graph", "-p", "http://example.com/", "-e", ".xyz")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout == expectedGraph(prefix: "http://example.com/", extension: ".xyz"),
            "\(result)"
        )
    }

    @Test func graphEscapesQuotesInTitles() throws {
        let repo = try TestRepository()
        try repo.adr("new", "--no-edit", "Use \"quotes\" carefully")
        let result = try repo.adr("generate", "graph")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout.contains(
                "    _1 [label=\"1. Use \\\"quotes\\\" carefully\"; URL=\"0001-use-quotes-carefully.html\"];\n"
            ),
            "\(result)"
        )
    }

    @Test func graphCanBeWrittenAsMermaid() throws {
        let repo = try graphLog()
        let result = try repo.adr("generate", "graph", "--format", "mermaid")
        #expect(result.status == 0, "\(result)")
        let first = result.stdoutLines.first ?? ""
        #expect(first.hasPrefix("graph") || first.hasPrefix("flowchart"), "\(result)")
    }

    @Test func indexWriteKeepsTheListBetweenMarkersInsideAnExistingReadme() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Second Decision")
        try repo.write("doc/adr/README.md", "# Our decisions\n\nHand-written introduction.\n")

        let first = try repo.adr("generate", "index", "--write")
        #expect(first.status == 0, "\(first)")
        var readme = try repo.read("doc/adr/README.md")
        #expect(readme.hasPrefix("# Our decisions\n\nHand-written introduction.\n"), "\(readme)")
        #expect(readme.contains("0001-record-architecture-decisions.md"), "\(readme)")
        #expect(readme.contains("0002-second-decision.md"), "\(readme)")

        // Text after the generated block survives later runs too.
        try repo.write("doc/adr/README.md", readme + "\nHand-written closing words.\n")
        let settled = try repo.snapshot()
        let second = try repo.adr("generate", "index", "--write")
        #expect(second.status == 0, "\(second)")
        #expect(try repo.snapshot() == settled, "a second run must change nothing")

        try repo.adr("new", "--no-edit", "Third Decision")
        let third = try repo.adr("generate", "index", "--write")
        #expect(third.status == 0, "\(third)")
        readme = try repo.read("doc/adr/README.md")
        #expect(readme.hasPrefix("# Our decisions\n\nHand-written introduction.\n"), "\(readme)")
        #expect(readme.hasSuffix("\nHand-written closing words.\n"), "\(readme)")
        #expect(readme.contains("0003-third-decision.md"), "\(readme)")
        // The README is not a record.
        let list = try repo.adr("list")
        #expect(!list.stdout.contains("README"), "\(list)")
    }
}

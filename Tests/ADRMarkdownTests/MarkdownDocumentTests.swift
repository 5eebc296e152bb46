import ADRMarkdown
import Foundation
import Testing

@Test func topLevelBlocksComeInOrderWithTheirLines() {
    let document = MarkdownDocument(
        parsing: "# 1. Record decisions\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n---\n"
    )
    #expect(
        document.blocks.map(\.kind) == [
            .heading(level: 1), .paragraph, .heading(level: 2), .paragraph, .thematicBreak,
        ]
    )
    #expect(document.blocks.map(\.startLine) == [1, 3, 5, 7, 9])
    #expect(document.blocks[0].text == "1. Record decisions")
    #expect(document.blocks[1].text == "Date: 2024-01-02")
}

@Test func inlineMarkupIsFlattenedToPlainText() {
    let document = MarkdownDocument(parsing: "Use **Postgres** and `sqlite`\nnot _Oracle_.\n")
    #expect(document.blocks.count == 1)
    #expect(document.blocks[0].text == "Use Postgres and sqlite\nnot Oracle.")
    #expect(document.blocks[0].startLine == 1)
    #expect(document.blocks[0].endLine == 2)
}

@Test func listItemsKeepTheirOwnTextAndLines() {
    let document = MarkdownDocument(
        parsing: "# Title\n\n- Status: accepted\n- Deciders: Ana, Bo\n- Date: 2020-09-24\n"
    )
    let list = document.blocks[1]
    #expect(list.kind == .list(ordered: false))
    #expect(
        list.items.map(\.text) == ["Status: accepted", "Deciders: Ana, Bo", "Date: 2020-09-24"]
    )
    #expect(list.items.map(\.startLine) == [3, 4, 5])
}

@Test func linksCarryTextDestinationAndTheirOwnLine() {
    let document = MarkdownDocument(
        parsing: "## Status\n\nAccepted\nSuperceded by [3. Third](0003-third.md)\n"
    )
    let paragraph = document.blocks[1]
    #expect(
        paragraph.links == [
            MarkdownLink(text: "3. Third", destination: "0003-third.md", line: 4, isImage: false)
        ]
    )
}

@Test func referenceStyleLinksAreResolved() {
    let document = MarkdownDocument(
        parsing: "Supersedes [the old one][old]\n\n[old]: ./0007-old-one.md\n"
    )
    #expect(document.blocks.count == 1)
    #expect(document.blocks[0].links.first?.destination == "./0007-old-one.md")
    #expect(document.blocks[0].links.first?.text == "the old one")
}

@Test func imagesAreReportedAsImages() {
    let document = MarkdownDocument(
        parsing: "![Status: accepted](https://img.shields.io/badge/status-accepted-green)\n"
    )
    #expect(document.blocks[0].links.first?.isImage == true)
    #expect(document.blocks[0].links.first?.text == "Status: accepted")
}

@Test func lineOffsetIsAddedToEveryLine() {
    let document = MarkdownDocument(parsing: "# Title\n\n[x](x.md)\n", lineOffset: 4)
    #expect(document.blocks.map(\.startLine) == [5, 7])
    #expect(document.blocks[1].links.first?.line == 7)
}

@Test func gfmTablesCodeBlocksAndHTMLAreRecognised() {
    let markdown = """
        <!-- SPDX-License-Identifier: MIT -->
        | Option | Cost |
        | --- | --- |
        | A | low |

        ```swift
        let x = 1
        ```

        > quoted
        """
    let kinds = MarkdownDocument(parsing: markdown).blocks.map(\.kind)
    #expect(kinds == [.htmlBlock, .table, .codeBlock(info: "swift"), .blockQuote])
    #expect(MarkdownDocument(parsing: markdown).blocks[2].text == "let x = 1")
}

@Test func nonASCIITextSurvivesTheRoundTrip() {
    let document = MarkdownDocument(parsing: "## État\n\nProposé. 决定 — ok 🎉\n")
    #expect(document.blocks[0].text == "État")
    #expect(document.blocks[1].text == "Proposé. 决定 — ok 🎉")
}

@Test func emptyTextGivesNoBlocks() {
    #expect(MarkdownDocument(parsing: "").blocks.isEmpty)
}

@Test func htmlBodyRendersGFMAndSuppressesRawHTML() {
    let html = MarkdownDocument.htmlBody(
        from: "# T\n\n~~old~~ <script>x</script>\n\n| a |\n| - |\n| b |\n"
    )
    #expect(html.contains("<h1>T</h1>"))
    #expect(html.contains("<del>old</del>"))
    #expect(!html.contains("<script>"))
    #expect(html.contains("<table>"))
}

/// cmark-gfm rewrites a global table of special characters whenever a parser attaches or
/// frees extensions; parsing on many threads at once must still see every extension.
@Test func parsingOnManyThreadsAtOnceKeepsEveryExtension() {
    var complete = [Bool](repeating: false, count: 400)
    complete.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let output = buffer
        DispatchQueue.concurrentPerform(iterations: output.count) { index in
            let html = MarkdownDocument.htmlBody(from: "~~old~~\n\n| a |\n| - |\n| b |\n")
            output[index] = html.contains("<del>old</del>") && html.contains("<table>")
        }
    }
    #expect(complete.allSatisfy { $0 })
}

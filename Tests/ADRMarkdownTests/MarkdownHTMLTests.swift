import ADRMarkdown
import Testing

@Suite struct MarkdownHTMLTests {
    @Test func rawHTMLIsNotPassedThrough() {
        let html = MarkdownHTML.render("<script>alert(1)</script>\n\nHi <b onclick=x>there</b>\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func githubExtensionsAreRendered() {
        let html = MarkdownHTML.render(
            "| a | b |\n| - | - |\n| 1 | 2 |\n\n~~old~~ www.example.com\n\n- [x] done\n\nNote[^1]\n\n[^1]: A footnote.\n\n```swift\nlet x = 1\n```\n"
        )
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("href=\"http://www.example.com\""))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("footnote"))
        #expect(html.contains("<code class=\"language-swift\">"))
    }

    @Test func linksAreRewrittenInlineAndByReference() {
        let html = MarkdownHTML.render("[a](0002-x.md) [b][r] ![c](pic.png)\n\n[r]: 0003-y.md\n") {
            target in
            if target.isImage { return .textOnly }
            return .destination(target.destination.replacingOccurrences(of: ".md", with: ".html"))
        }
        #expect(html.contains("href=\"0002-x.html\""))
        #expect(html.contains("href=\"0003-y.html\""))
        #expect(!html.contains("<img"))
        #expect(html.contains("c"))
    }

    @Test func aDroppedLinkKeepsItsText() {
        let html = MarkdownHTML.render("Click [here *now*](javascript:alert(1)).\n") { _ in
            .textOnly
        }
        #expect(html == "<p>Click here <em>now</em>.</p>\n")
    }

    @Test func headingIDsAreGitHubSlugsThatTakeNoIDTheFragmentOrPageHas() {
        let markdown = "## fn 1\n\nText.[^1]\n\n## Main\n\n## Main!\n\n[^1]: A note.\n"
        let html = MarkdownHTML.render(markdown, anchoringHeadingsAvoiding: ["main"])
        #expect(html.contains("<h2 id=\"fn-1-1\">fn 1 <a class=\"anchor\" href=\"#fn-1-1\""))
        #expect(html.contains("id=\"fn-1\""), "cmark's footnote keeps its id")
        #expect(html.contains("<h2 id=\"main-1\">Main <a"))
        #expect(html.contains("<h2 id=\"main-2\">Main! <a"))
        #expect(!MarkdownHTML.render(markdown).contains("anchor"), "anchors only when asked")
    }
}

import ADRCore
import ADRSite
import Foundation
import Testing

@Suite struct SiteThemeTests {
    @Test func theEmbeddedThemeMatchesTheTemplatesSiteFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates/site")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == SiteTheme.builtInFileNames, "run `make templates`")
        for name in names {
            let onDisk = try String(
                contentsOf: folder.appendingPathComponent(name),
                encoding: .utf8
            )
            #expect(
                SiteTheme.builtInFile(named: name) == onDisk,
                "\(name) is stale: run `make templates`"
            )
        }
    }

    @Test func aThemeFileReplacesTheBuiltInOne() throws {
        var input = SiteFixture.input
        input.theme = ["404.mustache": "<p>Lost: {{root}}</p>\n", "site.css": "body{}\n"]
        let output = try Site.build(input)
        #expect(output.files["site.css"] == "body{}\n")
        #expect(output.files["404.html"]?.contains("<p>Lost: </p>") == true)
    }

    @Test func aConfiguredMermaidScriptIsTheOnlyOtherSourceAllowed() throws {
        var input = SiteFixture.input
        input.mermaidScript = "https://cdn.example/mermaid.min.js"
        let page = try #require(try Site.build(input).files["main/0003-use-a-queue.html"])
        #expect(page.contains("script-src &#39;self&#39; https://cdn.example/mermaid.min.js;"))
        #expect(page.contains("<script src=\"https://cdn.example/mermaid.min.js\"></script>"))
        input.mermaidScript = "mermaid.js"
        let local = try #require(try Site.build(input).files["main/0003-use-a-queue.html"])
        #expect(local.contains("<script src=\"../mermaid.js\"></script>"))
        #expect(local.contains("script-src &#39;self&#39;;"))
        input.mermaidScript = "https://x.example/m.js; script-src *"
        let odd = try #require(try Site.build(input).files["main/0003-use-a-queue.html"])
        #expect(!odd.contains("x.example"), "a URL that would change the policy is left out")
    }

    @Test func aBrokenThemeTemplateNamesItsFile() {
        var input = SiteFixture.input
        input.theme = ["record.mustache": "{{#open}}"]
        #expect(throws: SiteError.self) { try Site.build(input) }
    }

    @Test func withoutHistoryNoPageHasAHistoryPanel() throws {
        var input = SiteFixture.input
        input.hasHistory = false
        let output = try Site.build(input)
        #expect(output.files["main/0003-use-a-queue.html"]?.contains("id=\"history\"") == false)
        #expect(output.files["main/0003-use-a-queue.html"]?.contains("id=\"approvals\"") == false)
    }

    @Test(arguments: [
        ("javascript:alert(1)", "javascript"), ("  JaVa\tScript:x", "javascript"),
        ("data:text/html,x", "data"), ("https://x", "https"), ("0002-x.md", nil),
        ("../a:b", nil), ("#top", nil),
    ])
    func schemesAreFoundAsABrowserWouldReadThem(destination: String, scheme: String?) {
        #expect(SiteLinks.scheme(of: destination) == scheme)
    }

    @Test func aPatternHoldsWhereItsNewestDecisionIsInForce() throws {
        let catalog = SiteCatalog(logs: SiteFixture.input.logs)
        let patterns = DecisionPattern.all(in: catalog)
        let messaging = try #require(patterns.first { $0.key == "messaging" })
        #expect(messaging.holding?.title == "Use a queue")
        #expect(messaging.holding?.reason == "A queue decouples producers from consumers.")
        #expect(messaging.before.map(\.title) == ["Poll the ledger"])
        #expect(messaging.before.first?.replacedBy == ["Use a queue"])
        let option = try #require(patterns.first { $0.key == "redact in the library" })
        #expect(option.holding == nil)
        #expect(option.before.first?.reason == "it protects every call site.")
        #expect(DecisionPattern.matching("mess", in: patterns).match?.key == "messaging")
    }
}

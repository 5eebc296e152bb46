import ADRCore
import Foundation
import Mustache
import Testing

@testable import ADRSite

@Suite struct SiteThemeTests {
    @Test func aQuoteOrBracketFollowedByACombiningMarkIsStillEscaped() throws {
        // One Character to Swift, a quote and an accent to the browser's tokenizer.
        let hostile = "\"\u{301} onmouseover=alert(1) <\u{301}script>"
        #expect(hostile.count == hostile.unicodeScalars.count - 2)
        let library = try SiteTheme.library([
            "probe.mustache": "<p title=\"{{value}}\">{{value}}</p>"
        ])
        let html = try #require(library.render(["value": hostile], withTemplate: "probe"))
        let accent = String(Unicode.Scalar(0x301)!)
        let raw = "\"" + accent
        let escapedQuote = "&quot;" + accent
        let escapedBracket = "&lt;" + accent + "script&gt;"
        #expect(!html.contains(raw))
        #expect(html.contains(escapedQuote))
        #expect(html.contains(escapedBracket))
    }

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

    @Test func aThemeFileNamedLikeAPageTheSiteMakesDoesNotReplaceIt() throws {
        var input = SiteFixture.input
        input.theme = ["feed.xml": "stale\n", "index.html": "stale\n"]
        let built = try Site.build(SiteFixture.input)
        let themed = try Site.build(input)
        #expect(themed.files["feed.xml"] == built.files["feed.xml"])
        #expect(themed.files["index.html"] == built.files["index.html"])
    }

    @Test func aConfiguredMermaidScriptIsTheOnlyOtherSourceAllowedOnPagesWithDiagrams() throws {
        var input = SiteFixture.input
        input.logs[0].records.append(
            SiteFixture.record(
                "doc/adr",
                "0009-draw-it.md",
                "# 9. Draw it\n\n```mermaid\ngraph TD\n  A --> B\n```\n"
            )
        )
        input.mermaidScript = "https://cdn.example/mermaid.min.js"
        let files = try Site.build(input).files
        let page = try #require(files["main/0009-draw-it.html"])
        #expect(page.contains("script-src &#39;self&#39; https://cdn.example/mermaid.min.js;"))
        #expect(page.contains("style-src &#39;self&#39; &#39;unsafe-inline&#39;;"))
        #expect(page.contains("<script src=\"https://cdn.example/mermaid.min.js\"></script>"))
        let plain = try #require(files["main/0003-use-a-queue.html"])
        #expect(!plain.contains("mermaid"), "a page without a diagram loads no Mermaid")
        #expect(plain.contains("script-src &#39;self&#39;; style-src &#39;self&#39;;"))
        input.mermaidScript = "mermaid.js"
        let local = try #require(try Site.build(input).files["main/0009-draw-it.html"])
        #expect(local.contains("<script src=\"../mermaid.js\"></script>"))
        #expect(local.contains("script-src &#39;self&#39;;"))
        input.mermaidScript = "https://x.example/m.js; script-src *"
        let odd = try #require(try Site.build(input).files["main/0009-draw-it.html"])
        #expect(!odd.contains("x.example"), "a URL that would change the policy is left out")
        #expect(!odd.contains("unsafe-inline"))
    }

    @Test func aLongIntroductionGetsAPageOfItsOwn() throws {
        var input = SiteFixture.input
        let shortSite = try Site.build(input)
        let short = try #require(shortSite.files["index.html"])
        #expect(short.contains("<section class=\"introduction prose\">"))
        #expect(short.contains("How the <em>payments</em> service is built."))
        #expect(shortSite.files["main/readme.html"] == nil)

        let list = (1...200).map { "- [\($0)](0003-use-a-queue.md) decision number \($0)" }
        input.logs[0].introduction =
            "# Decisions\n\nHow the *payments* service is built.\n\n"
            + list.joined(separator: "\n") + "\n"
        let site = try Site.build(input)
        let long = try #require(site.files["index.html"])
        #expect(long.contains("<h2>main: Decisions</h2>\n<p>How the <em>payments</em> service"))
        #expect(long.contains("<a class=\"introduction-link\" href=\"main/readme.html\">"))
        #expect(!long.contains("decision number"))
        let page = try #require(site.files["main/readme.html"])
        #expect(page.contains("<h1>Decisions</h1>"))
        #expect(page.contains("decision number 200"))
        // Its links lead to the records' pages, from its own folder.
        #expect(page.contains("<a href=\"0003-use-a-queue.html\">200</a>"))
        #expect(site.files["sitemap.xml"]?.contains("/main/readme.html</loc>") == true)
    }

    @Test func anIntroductionPageNeverTakesARecordsPage() throws {
        var input = SiteFixture.input
        input.logs[0].introduction = "# Decisions\n\n" + String(repeating: "word ", count: 1000)
        input.logs[0].records.append(
            SiteFixture.record("doc/adr", "readme.md", "# Read me\n\nA record named so.\n")
        )
        let site = try Site.build(input)
        #expect(site.files["main/readme.html"]?.contains("A record named so.") == true)
        #expect(site.files["main/readme-introduction.html"]?.contains("word word") == true)
    }

    @Test func recordHeadingsGetGitHubSlugsUniqueOnThePage() throws {
        var input = SiteFixture.input
        let text = """
            # 9. Anchors

            ## Why not Postgres?

            ## Why not Postgres?

            ## History

            ### Ünïcode & `code` [link](https://example.com)
            """
        input.logs[0].records.append(SiteFixture.record("doc/adr", "0009-anchors.md", text))
        let page = try #require(try Site.build(input).files["main/0009-anchors.html"])
        for (id, level) in [
            ("why-not-postgres", 2), ("why-not-postgres-1", 2), ("history-1", 2),
            ("ünïcode--code-link", 3),
        ] {
            #expect(page.contains("<h\(level) id=\"\(id)\">"), "\(id)")
            #expect(
                page.contains(
                    "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>"
                ),
                "\(id)"
            )
        }
        #expect(page.contains("id=\"history\""), "the page's own panel keeps its id")
    }

    /// The rows adr writes in Swift are what the loops the built-in templates had wrote: a
    /// theme that still loops over `revisions`, `approvals`, `statusTimeline`, `events` and
    /// `records` gets the same pages, with commit links to a forge and without.
    @Test(arguments: [true, false])
    func aThemeLoopingOverTheRowsGetsWhatTheBuiltInRowsAre(withForge: Bool) throws {
        let loops = [
            (
                "record.mustache", "{{{revisionRows}}}\n",
                "{{#revisions}}\n<tr><td><time datetime=\"{{date}}\">{{day}}</time></td><td><span class=\"change change-{{kindClass}}\">{{kind}}</span>{{#detail}} <span class=\"meta\">{{detail}}</span>{{/detail}}</td><td>{{author}}</td><td>{{#commitURL}}<a class=\"mono\" href=\"{{commitURL}}\">{{shortCommit}}</a>{{/commitURL}}{{^commitURL}}<span class=\"mono\">{{shortCommit}}</span>{{/commitURL}}</td><td>{{subject}}</td></tr>\n{{/revisions}}\n"
            ),
            (
                "record.mustache", "{{{approvalRows}}}\n",
                "{{#approvals}}\n<li class=\"approval {{#current}}approval-current{{/current}}{{^current}}approval-stale{{/current}}\">\n<span class=\"approver\">{{approver}}</span>\n<span class=\"verdict\">{{#current}}✓ current{{/current}}{{^current}}⚠ stale{{/current}}</span>\n<span class=\"meta\"><time datetime=\"{{date}}\">{{day}}</time> · {{source}}{{#commitURL}} · <a href=\"{{commitURL}}\" class=\"mono\">{{shortCommit}}</a>{{/commitURL}}{{^commitURL}} · <span class=\"mono\">{{shortCommit}}</span>{{/commitURL}}</span>\n{{#comment}}<q class=\"comment\">{{comment}}</q>{{/comment}}\n{{#changedBy}}<span class=\"meta\">text changed since in <span class=\"mono\">{{changedBy}}</span></span>{{/changedBy}}\n</li>\n{{/approvals}}\n"
            ),
            (
                "record.mustache", "{{{statusRows}}}\n",
                "{{#statusTimeline}}\n<li><span class=\"status status-{{statusClass}}\">{{statusLabel}}</span> <time datetime=\"{{date}}\">{{day}}</time> <span class=\"meta\">{{author}}</span></li>\n{{/statusTimeline}}\n"
            ),
            (
                "timeline.mustache", "{{{eventRows}}}\n",
                "{{#events}}\n<li class=\"event event-{{kindClass}}\"><time datetime=\"{{date}}\">{{day}}</time> <span class=\"change change-{{kindClass}}\">{{kind}}</span> <a href=\"{{href}}\"><span class=\"number\">{{numberLabel}}</span> {{title}}</a>{{#detail}} <span class=\"meta\">{{detail}}</span>{{/detail}}{{#who}} <span class=\"meta\">by {{who}}</span>{{/who}}</li>\n{{/events}}\n"
            ),
            (
                "graph.mustache", "{{{treeRows}}}</ul>",
                "{{#roots}}\n{{> graph-node}}\n{{/roots}}\n</ul>"
            ),
            (
                "index.mustache", "{{#hasRecords}}\n{{{recordRows}}}\n{{/hasRecords}}\n",
                "{{#records}}\n<li class=\"record-row\" data-record=\"{{stem}}\" data-i=\"{{index}}\">\n<a class=\"record-link\" href=\"{{page}}\"><span class=\"number\">{{numberLabel}}</span> <span class=\"title\">{{title}}</span></a>\n<span class=\"status status-{{statusClass}}\">{{statusLabel}}</span>\n<span class=\"meta\">{{#date}}<time datetime=\"{{date}}\">{{date}}</time>{{/date}}{{#log}} · <span class=\"log\">{{log}}</span>{{/log}}</span>\n{{#hasTags}}<span class=\"tags\">{{#tags}}<span class=\"tag\">{{.}}</span> {{/tags}}</span>{{/hasTags}}\n<p class=\"snippet\" hidden></p>\n</li>\n{{/records}}\n"
            ),
        ]
        var plain = SiteFixture.input
        if !withForge { plain.configuration.repositoryURL = nil }
        // A typed link that supersedes nothing, for the graph's links.
        let first = try #require(
            plain.logs[0].records.firstIndex { $0.entry.fileName.hasPrefix("0001") }
        )
        var linking = plain.logs[0].records[first]
        let text = linking.entry.text.replacingOccurrences(
            of: "Accepted\n",
            with: "Accepted\n\nAmends [Poll the ledger](0002-poll-the-ledger.md)\n"
        )
        linking.entry = LogEntry(
            fileName: linking.entry.fileName,
            text: text,
            record: DecisionRecord(parsing: text, path: linking.path)
        )
        plain.logs[0].records[first] = linking
        let builtIn = try Site.build(plain)
        #expect(
            builtIn.files["graph.html"]?.contains("<span class=\"relation\">Amends</span>") == true
        )
        var input = plain
        for (name, rows, loop) in loops {
            let text = try #require(input.theme[name] ?? SiteTheme.builtInFile(named: name))
            #expect(text.contains(rows))
            input.theme[name] = text.replacingOccurrences(of: rows, with: loop)
        }
        let themed = try Site.build(input)
        #expect(themed.files.keys.sorted() == builtIn.files.keys.sorted())
        for (path, contents) in builtIn.files {
            #expect(themed.files[path] == contents, "\(path) differs")
        }
    }

    /// A theme that replaces only the graph's node partial has the chains drawn by it.
    @Test func aThemeNodePartialDrawsTheGraphsChains() throws {
        var input = SiteFixture.input
        let node = try #require(SiteTheme.builtInFile(named: "graph-node.mustache"))
        input.theme["graph-node.mustache"] = node
        #expect(
            try Site.build(input).files["graph.html"]
                == Site.build(SiteFixture.input).files["graph.html"]
        )
        input.theme["graph-node.mustache"] = node.replacingOccurrences(
            of: "<li>",
            with: "<li class=\"mine\">"
        )
        let graph = try #require(try Site.build(input).files["graph.html"])
        #expect(graph.contains("<li class=\"mine\"><a href=\"main/0002-poll-the-ledger.html\">"))
        #expect(graph.contains("<ul><li class=\"mine\"><a href=\"main/0003-use-a-queue.html\">"))
    }

    @Test(arguments: [
        ("plain", "plain"),
        (
            "<b a=\"x\" b='y'>&amp;</b>",
            "&lt;b a=&quot;x&quot; b=&#39;y&#39;&gt;&amp;amp;&lt;/b&gt;"
        ),
        ("é<ü>", "é&lt;ü&gt;"), ("", ""),
    ])
    func rowsEscapeAsMustacheDoes(text: String, escaped: String) {
        #expect(SiteHTML.escape(text) == escaped)
    }

    /// A front matter is read as every reader of a record reads it: with CRLF line endings,
    /// after a leading comment, closed by `...`. It is never shown as text, and its keys
    /// are read.
    @Test(arguments: [
        "---\r\nstatus: accepted\r\ndeciders: Ada, Bob\r\n---\r\n# 9. Use a queue\r\n\r\n## Context\r\n\r\nWe need one.\r\n",
        "<!-- kept by adr -->\n---\nstatus: accepted\ndeciders: Ada, Bob\n...\n# 9. Use a queue\n\n## Context\n\nWe need one.\n",
    ])
    func aFrontMatterIsNeverShownAndItsDecidersAreRead(text: String) throws {
        var input = SiteFixture.input
        input.logs = [
            SiteLog(
                label: nil,
                siteFolder: "",
                folder: "doc/adr",
                sourceRoot: "/repo",
                records: [SiteFixture.record("doc/adr", "0009-use-a-queue.md", text)]
            )
        ]
        let page = try #require(try Site.build(input).files["0009-use-a-queue.html"])
        #expect(!page.contains("status: accepted"))
        #expect(!page.contains("<hr"))
        #expect(page.contains("<h2 id=\"context\">Context"))
        #expect(
            page.contains("<span class=\"person\">Ada</span><span class=\"person\">Bob</span>")
        )
        #expect(page.components(separatedBy: "Use a queue</h1>").count == 2, "one title")
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

@Suite struct LayoutFrameTests {
    /// The fixture's site with the built-in layout given as a theme file: rendered whole for
    /// every page instead of framed.
    static func wholeLayoutSite(_ change: (inout SiteInput) -> Void = { _ in }) throws -> (
        framed: [String: String], whole: [String: String]
    ) {
        var input = SiteFixture.input
        change(&input)
        let framed = try Site.build(input)
        input.theme["layout.mustache"] = try #require(
            SiteTheme.builtInFile(named: "layout.mustache")
        )
        return (framed.files, try Site.build(input).files)
    }

    @Test func aFramedPageIsThePageTheWholeLayoutRenders() throws {
        let site = try Self.wholeLayoutSite { input in
            // Everything the escape changes, in the title every page shows.
            input.title = "R&D's <\"decisions\">"
        }
        #expect(site.framed.keys.sorted() == site.whole.keys.sorted())
        let pages = site.framed.keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 5)
        for page in pages {
            #expect(site.framed[page] == site.whole[page], "\(page)")
        }
    }

    @Test func aSiteTitleHoldingAMarkerRendersEveryPageWhole() throws {
        let site = try Self.wholeLayoutSite { input in
            input.title = "Decisions " + LayoutFrames.titleMarker
        }
        for page in site.framed.keys where page.hasSuffix(".html") {
            #expect(site.framed[page] == site.whole[page], "\(page)")
        }
        #expect(
            LayoutFrames.frame(
                cutting: "a\(LayoutFrames.titleMarker)b\(LayoutFrames.contentMarker)c"
            ) != nil
        )
        #expect(
            LayoutFrames.frame(
                cutting: "a\(LayoutFrames.contentMarker)b\(LayoutFrames.titleMarker)c"
            ) == nil
        )
        #expect(
            LayoutFrames.frame(
                cutting:
                    "\(LayoutFrames.titleMarker)\(LayoutFrames.titleMarker)\(LayoutFrames.contentMarker)"
            ) == nil
        )
    }
}

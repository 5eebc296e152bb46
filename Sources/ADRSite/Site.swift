import ADRCore
import ADRMarkdown
import Foundation
import Mustache

/// Builds the decision site as a value: pages, search index, feed and data by site path.
///
/// Every string from a record, git or a note reaches a page through a Mustache variable,
/// which escapes it: that is the one place text becomes HTML. Markdown is rendered by
/// ``ADRMarkdown/MarkdownHTML`` without raw HTML, and every link in it passes through
/// ``SiteLinks``.
public enum Site {
    /// The version of `adrs.json`'s schema and of the search index's layout.
    public static let schemaVersion = 1

    /// The site for `input`; throws only when a theme template does not parse.
    public static func build(_ input: SiteInput) throws(SiteError) -> SiteOutput {
        var builder = try SiteBuilder(input: input)
        return builder.build()
    }
}

struct SiteBuilder {
    let input: SiteInput
    let catalog: SiteCatalog
    let theme: [String: String]
    let library: MustacheLibrary
    /// What a record's Markdown is rendered with besides the catalog.
    let bodySettings: BodySettings
    /// The bodies rendered ahead of the build, by page, when their links resolved against
    /// what this build's do.
    let renderedBodies: [String: RenderedBody]
    /// The items newest first: the home page's rows and the search index's.
    let listOrder: [Int]
    /// What every record page's stamp starts from: the theme and the settings a page shows
    /// without naming them in its context.
    let pageStampSeed: ContentHash
    /// The site path of each log's introduction page, by log, for those long enough to
    /// have one.
    let introductionPages: [Int: String]
    /// The built-in layout rendered once for each frame of a page, which `layout` fills
    /// in; nil when a theme replaces the layout.
    let layoutFrames: LayoutFrames?
    var output = SiteOutput()

    init(input: SiteInput) throws(SiteError) {
        self.input = input
        catalog = SiteCatalog(logs: input.logs)
        theme = SiteTheme.merged(with: input.theme)
        library = try SiteTheme.library(theme)
        listOrder = SearchIndex.order(of: catalog)
        var introductionPages: [Int: String] = [:]
        for (logIndex, log) in catalog.logs.enumerated() {
            guard let text = log.introduction, text.utf8.count > Self.foldedIntroductionLength
            else { continue }
            introductionPages[logIndex] = Self.introductionPath(of: logIndex, in: catalog)
        }
        self.introductionPages = introductionPages
        layoutFrames = input.theme["layout.mustache"] == nil ? LayoutFrames() : nil
        bodySettings = BodySettings(input: input, theme: theme)
        if let rendered = input.renderedBodies,
            rendered.links == Self.linkWorld(of: catalog, settings: bodySettings)
        {
            renderedBodies = rendered.bodies
        } else {
            renderedBodies = [:]
        }
        var seed = ContentHash()
        seed.add(field: "record page \(Site.schemaVersion)")
        for name in theme.keys.sorted() {
            seed.add(field: name)
            seed.add(field: theme[name] ?? "")
        }
        for setting in [
            input.title, input.mermaidScript ?? "-", input.branch ?? "-", input.baseURL ?? "-",
            String(describing: input.configuration), "\(input.hasHistory)",
        ] {
            seed.add(field: setting)
        }
        pageStampSeed = seed
    }

    mutating func build() -> SiteOutput {
        output.recordCount = catalog.items.count
        for name in theme.keys where !name.hasSuffix(".mustache") {
            output.files[name] = theme[name]
        }
        // The files are independent of each other: rendered on every core, the whole-site
        // ones first so that the record pages fill the cores around them.
        let builder = self
        let siteWide: [() -> (files: [String: String], copies: [String: String])] = [
            {
                let scripts = SearchIndex.scripts(for: builder.catalog, order: builder.listOrder)
                return (["search-index.js": scripts.index, "search-text.js": scripts.text], [:])
            },
            { builder.indexPages() },
            { (["timeline.html": builder.timelinePage()], [:]) },
            { (["graph.html": builder.graphPage()], [:]) },
            { (builder.data(), [:]) },
            { (["patterns.html": builder.patternsPage()], [:]) },
            { (builder.smallFiles(), [:]) },
        ]
        let pieces = Parallel.map(count: siteWide.count + catalog.items.count) { index in
            guard index < siteWide.count else {
                return SitePiece.recordPage(builder.recordPage(index - siteWide.count))
            }
            let made = siteWide[index]()
            return SitePiece.files(made.files, copies: made.copies)
        }
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .files(let files, let copies):
                // What the build makes wins over a theme file of the same name.
                output.files.merge(files) { _, made in made }
                output.copies.merge(copies) { first, _ in first }
            case .recordPage(let page):
                let path = catalog.items[index - siteWide.count].page
                if let html = page.html {
                    output.files[path] = html
                } else {
                    output.reusedPages.insert(path)
                }
                output.pageStamps[path] = page.stamp
                output.copies.merge(page.copies) { first, _ in first }
            }
        }
        return output
    }

    /// `adrs.json`, when the input has a writer for it.
    func data() -> [String: String] {
        guard let writer = input.dataWriter else { return [:] }
        return ["adrs.json": writer(SiteData.value(for: catalog, input: input))]
    }

    /// What a part of the site's build made: files, or a record page.
    enum SitePiece: Sendable {
        case files([String: String], copies: [String: String])
        case recordPage((html: String?, stamp: RecordPageStamp, copies: [String: String]))
    }

    /// The not-found page, the feed, the badge and, with a base URL, the sitemap.
    func smallFiles() -> [String: String] {
        var files = [
            "404.html": layout(
                kind: "404",
                title: "Not found",
                page: "404.html",
                content: render("404", ["root": ""])
            ),
            "feed.xml": feed(),
            "badge.svg": badge(),
        ]
        if let base = baseURL {
            var urls = ["index.html", "patterns.html", "timeline.html", "graph.html"]
            urls += introductionPages.keys.sorted().compactMap { introductionPages[$0] }
            urls += catalog.items.map(\.page)
            files["sitemap.xml"] = render(
                "sitemap",
                ["urls": urls.map { base + Self.encodedPath($0) }]
            )
        }
        return files
    }

    var baseURL: String? {
        guard var base = input.baseURL, !base.isEmpty else { return nil }
        if !base.hasSuffix("/") { base += "/" }
        return base
    }

    // MARK: Rendering

    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    func layout(
        kind: String,
        title: String,
        page: String,
        content: String,
        scripts: [String] = [],
        hasDiagrams: Bool = false,
        showsRecordCount: Bool = true
    ) -> String {
        let root = SiteLinks.root(from: page)
        var sources: [[String: Any]] = []
        var scriptSources = "'self'"
        var styleSources = "'self'"
        // A URL that could end or widen the policy is left out, whoever configured it.
        if let mermaid = input.mermaidScript, hasDiagrams,
            !mermaid.contains(where: { " ;,'\"".contains($0) || $0.isNewline })
        {
            // Mermaid styles each drawing with a `<style>` element and `style` attributes.
            // Styles run no script, and with images, fonts and connections held to the
            // site they carry nothing away; pages without a diagram keep the strict policy.
            styleSources += " 'unsafe-inline'"
            if SiteLinks.scheme(of: mermaid) != nil {
                sources.append(["src": mermaid])
                scriptSources += " " + mermaid
            } else {
                sources.append(["src": root + mermaid])
            }
        }
        sources += scripts.map { ["src": root + $0] }
        sources.append(["src": root + "site.js"])
        let csp =
            "default-src 'none'; script-src \(scriptSources); style-src \(styleSources); img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'"
        // The layout rendered with all its values: once for each frame, or for a page no
        // frame serves.
        func whole(title: String, content: String) -> String {
            let nav: [[String: Any]] = [
                ("index.html", "Decisions", "index"), ("patterns.html", "Patterns", "patterns"),
                ("timeline.html", "Timeline", "timeline"), ("graph.html", "Graph", "graph"),
            ].map { ["href": $0.0, "label": $0.1, "current": $0.2 == kind] }
            return render(
                "layout",
                [
                    "csp": csp, "pageTitle": title, "siteTitle": input.title, "root": root,
                    "kind": kind, "nav": nav, "content": content, "scripts": sources,
                    "recordCount": catalog.items.count, "showsRecordCount": showsRecordCount,
                ]
            )
        }
        let key = LayoutFrames.Key(
            csp: csp,
            root: root,
            kind: kind,
            scripts: sources.compactMap { $0["src"] as? String },
            showsRecordCount: showsRecordCount
        )
        guard let frame = layoutFrames?.frame(for: key, rendering: whole) else {
            return whole(title: title, content: content)
        }
        return frame.head + SiteHTML.escape(title) + frame.middle + content + frame.tail
    }

    /// Markdown of a file at `sourcePath` in log `logIndex`, shown on `page`, with the
    /// files its links need copied.
    /// Its headings get ids unlike any of `reservedIDs`.
    func html(
        markdown: String,
        logIndex: Int,
        sourcePath: String,
        page: String,
        reservedIDs: Set<String>
    ) -> (html: String, copies: [String: String]) {
        let body = RenderedBody(
            markdown: markdown,
            rewriter: rewriter(logIndex: logIndex, sourcePath: sourcePath, page: page),
            reservedIDs: reservedIDs
        )
        return (body.html, body.copies)
    }

    /// The decisions about the links of a file at `sourcePath` in log `logIndex`, shown on
    /// `page`.
    func rewriter(logIndex: Int, sourcePath: String, page: String) -> SiteLinks.Rewriter {
        SiteLinks.Rewriter(
            catalog: catalog,
            logIndex: logIndex,
            sourcePath: sourcePath,
            page: page,
            configuration: input.configuration,
            branch: input.branch
        )
    }

    /// Whether rendered Markdown has a Mermaid block (cmark writes a fenced block's info
    /// string as the code's class).
    static func hasDiagram(_ html: String) -> Bool {
        let marker = Array("<pre><code class=\"language-mermaid\">".utf8)
        let bytes = Array(html.utf8)
        var position = 0
        while let less = bytes[position...].firstIndex(of: UInt8(ascii: "<")) {
            if less + marker.count <= bytes.count,
                bytes[less..<(less + marker.count)].elementsEqual(marker)
            {
                return true
            }
            position = less + 1
        }
        return false
    }

    /// The `id` attributes written as they are in `html` (a template's or a fragment's):
    /// those a Markdown heading must not take on the same page.
    static func ids(in html: String) -> Set<String> {
        var ids = Set<String>()
        var rest = html[...]
        while let start = rest.range(of: " id=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let id = rest[..<end]
            if !id.contains("{{") { ids.insert(String(id)) }
            rest = rest[end...]
        }
        return ids
    }

    /// The ids of the layout and of page template `kind`.
    func templateIDs(_ kind: String) -> Set<String> {
        Self.ids(in: theme["layout.mustache"] ?? "")
            .union(Self.ids(in: theme[kind + ".mustache"] ?? ""))
    }

    // MARK: Shared values

    static func statusKey(_ status: RecordStatus?) -> String { status?.name ?? "none" }

    /// The class name of a kind of change: its words joined by hyphens (`status-changed`).
    static func changeClass(_ kind: String) -> String {
        // A kind without a space is its own class; splitting beats Foundation's replacing.
        kind.utf8.contains(0x20) ? kind.split(separator: " ").joined(separator: "-") : kind
    }

    static func statusClass(_ status: RecordStatus?) -> String {
        switch status {
        case .accepted: "accepted"
        case .proposed: "proposed"
        case .superseded: "superseded"
        case .rejected: "rejected"
        case .deprecated: "deprecated"
        case .other(let word): word == "approved" ? "accepted" : "other"
        case nil: "none"
        }
    }

    static func statusLabel(_ status: RecordStatus?) -> String {
        guard let name = status?.name, let first = name.first else { return "No status" }
        return first.uppercased() + name.dropFirst()
    }

    static func numberLabel(_ number: Int?) -> String {
        guard let number else { return "" }
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func day(_ date: String) -> String { String(date.prefix(10)) }

    static func shortCommit(_ commit: String) -> String { String(commit.prefix(7)) }

    static func encodedPath(_ path: String) -> String {
        // Most paths are letters, digits, `-`, `.` and `_` between single slashes, which
        // the encoding keeps as they are.
        if isPlainPath(path) { return path }
        return path.split(separator: "/").map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
        }.joined(separator: "/")
    }

    /// Whether `path` is non-empty components of ASCII letters, digits, `-`, `.`, `_` and
    /// `~` joined by single slashes.
    static func isPlainPath(_ path: String) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                break
            case UInt8(ascii: "/") where previous != UInt8(ascii: "/"):
                break
            default:
                return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: "/")
    }

    /// A link to item `index` from `page`, with its number and title.
    func reference(_ index: Int, from page: String) -> [String: Any] {
        recordReference(index, from: page).value
    }

    /// How the page at `page` names and links item `index`.
    func recordReference(_ index: Int, from page: String) -> SiteHTML.Reference {
        let item = catalog.items[index]
        return SiteHTML.Reference(
            href: SiteLinks.relative(Self.encodedPath(item.page), from: page),
            label: label(index),
            numberLabel: Self.numberLabel(item.entry.record.number),
            title: item.entry.record.title,
            statusClass: Self.statusClass(item.status),
            statusLabel: Self.statusLabel(item.status)
        )
    }

    func label(_ index: Int) -> String {
        let record = catalog.items[index].entry.record
        return record.number.map { "\($0). \(record.title)" } ?? record.title
    }

    func logLabel(_ index: Int) -> String? { catalog.logs[catalog.items[index].logIndex].label }

    func commitURL(_ commit: String) -> String? {
        SiteLinks.forgeURL(
            .commit,
            commit: commit,
            configuration: input.configuration,
            branch: input.branch
        )
    }

    // MARK: Home

    /// The home page and the introduction pages it links to, with the files they copy.
    func indexPages() -> (files: [String: String], copies: [String: String]) {
        var files: [String: String] = [:]
        var copies: [String: String] = [:]
        var counts: [String: Int] = [:]
        var statusByKey: [String: RecordStatus] = [:]
        var order: [String] = []
        var tags: [String: String] = [:]
        var years = Set<String>()
        let overridden = input.theme["index.mustache"] != nil
        var rows: [[String: Any]] = []
        for (index, item) in catalog.items.enumerated() {
            let key = Self.statusKey(item.status)
            if counts[key] == nil {
                order.append(key)
                statusByKey[key] = item.status
            }
            counts[key, default: 0] += 1
            for tag in item.entry.record.tags where tags[tag.lowercased()] == nil {
                tags[tag.lowercased()] = tag
            }
            if let year = item.date?.prefix(4), year.count == 4 { years.insert(String(year)) }
            guard overridden else { continue }
            var row: [String: Any] = [
                "stem": item.stem, "index": index, "page": Self.encodedPath(item.page),
                "numberLabel": Self.numberLabel(item.entry.record.number),
                "title": item.entry.record.title, "statusClass": Self.statusClass(item.status),
                "statusLabel": Self.statusLabel(item.status), "tags": item.entry.record.tags,
                "hasTags": !item.entry.record.tags.isEmpty,
            ]
            if let date = item.date { row["date"] = date }
            if let log = logLabel(index) { row["log"] = log }
            rows.append(row)
        }
        // Newest first, the order of the search index's rows and the script's default.
        let sorted = listOrder
        let statusOrder = ["accepted", "proposed", "superseded", "deprecated", "rejected"]
        let keys = order.sorted {
            (statusOrder.firstIndex(of: $0) ?? 99, $0) < (statusOrder.firstIndex(of: $1) ?? 99, $1)
        }
        let logs = catalog.logs.compactMap(\.label)
        var context: [String: Any] = [
            "siteTitle": input.title, "recordCount": catalog.items.count,
            "counts": keys.map { key -> [String: Any] in
                let status = statusByKey[key]
                return [
                    "key": key, "count": counts[key] ?? 0, "label": Self.statusLabel(status),
                    "class": Self.statusClass(status),
                ]
            },
            "recordRows": sorted.prefix(Self.listedRows).enumerated()
                .map { indexRow($0.element, position: $0.offset) }.joined(separator: "\n"),
            "listsFewer": sorted.count > Self.listedRows,
            "listedCount": min(sorted.count, Self.listedRows),
            "hasRecords": !sorted.isEmpty, "hasTags": !tags.isEmpty,
            "tags": tags.keys.sorted().map { ["key": $0, "name": tags[$0] ?? $0] },
            "hasLogs": logs.count > 1, "logs": logs.map { ["name": $0] },
            "years": years.sorted(by: >),
        ]
        var introductions: [[String: Any]] = []
        var takenIDs = templateIDs("index")
        for (logIndex, log) in catalog.logs.enumerated() {
            guard let text = log.introduction else { continue }
            let rendered = html(
                markdown: Self.withoutTitle(text),
                logIndex: logIndex,
                sourcePath: log.folder == "." ? "README.md" : log.folder + "/README.md",
                page: "index.html",
                reservedIDs: takenIDs
            )
            copies.merge(rendered.copies) { first, _ in first }
            var introduction: [String: Any] = ["html": rendered.html]
            let label = catalog.logs.count > 1 ? log.label : nil
            if let label { introduction["label"] = label }
            // A long introduction (often a generated list of every record) gets a page of
            // its own, and the home page its opening paragraphs and a link: it would push
            // the list down by pages, and reading it was most of the home page's HTML.
            if let page = introductionPages[logIndex] {
                let title = Self.title(of: text) ?? "Introduction"
                let made = introductionPage(
                    text,
                    title: title,
                    label: label,
                    logIndex: logIndex,
                    page: page
                )
                files[page] = made.html
                copies.merge(made.copies) { first, _ in first }
                introduction["folded"] = true
                introduction["title"] = title
                introduction["lead"] = Self.leadingParagraphs(of: rendered.html)
                introduction["href"] = Self.encodedPath(page)
            } else {
                takenIDs.formUnion(Self.ids(in: rendered.html))
            }
            introductions.append(introduction)
        }
        if overridden {
            // `index` is the row's place in the search index, which lists them newest first.
            context["records"] = sorted.enumerated().map { position, item in
                var row = rows[item]
                row["index"] = position
                return row
            }
        }
        if !introductions.isEmpty { context["introductions"] = introductions }
        files["index.html"] = layout(
            kind: "index",
            title: "Decisions",
            page: "index.html",
            content: render("index", context),
            scripts: ["search-index.js"]
        )
        return (files, copies)
    }

    /// How many rows the home page is built with: the script draws the rest from the search
    /// index as the list is scrolled, and a page of thousands of rows took half a second
    /// to show.
    static let listedRows = 100

    /// Item `index`'s row of the home page's list, as the built-in template's loop wrote it;
    /// `position` is its row in the search index.
    func indexRow(_ index: Int, position: Int) -> String {
        let item = catalog.items[index]
        let record = item.entry.record
        let escape = SiteHTML.escape
        var row = "<li class=\"record-row\" data-record=\"" + escape(item.stem) + "\" data-i=\""
        row += String(position) + "\">\n<a class=\"record-link\" href=\""
        row += escape(Self.encodedPath(item.page)) + "\"><span class=\"number\">"
        row += escape(Self.numberLabel(record.number)) + "</span> <span class=\"title\">"
        row += escape(record.title) + "</span></a>\n<span class=\"status status-"
        row += escape(Self.statusClass(item.status)) + "\">" + escape(Self.statusLabel(item.status))
        row += "</span>\n<span class=\"meta\">"
        if let date = item.date {
            row += "<time datetime=\"" + escape(date) + "\">" + escape(date) + "</time>"
        }
        if let log = logLabel(index) { row += " · <span class=\"log\">" + escape(log) + "</span>" }
        row += "</span>\n"
        if !record.tags.isEmpty {
            row += "<span class=\"tags\">"
            for tag in record.tags { row += "<span class=\"tag\">" + escape(tag) + "</span> " }
            row += "</span>"
        }
        return row + "\n<p class=\"snippet\" hidden></p>\n</li>"
    }

    // MARK: Record pages

    /// Record page `index`, or no HTML when its stamp in the previous site still holds
    /// (the previous file is the page).
    func recordPage(_ index: Int) -> (
        html: String?, stamp: RecordPageStamp, copies: [String: String]
    ) {
        let item = catalog.items[index]
        let page = item.page
        var context = recordContext(index)
        var stamp = pageStampSeed
        stamp.add(field: page)
        stamp.add(field: label(index))
        stamp.add(context: context)
        // The text the body's Markdown is taken from: a body rendered ahead was taken from
        // it, so it need not be cut out again here.
        stamp.add(field: item.entry.text)
        let rewriter = rewriter(logIndex: item.logIndex, sourcePath: item.record.path, page: page)
        if let previous = input.previousPages[page] {
            // The same Markdown meets the same links in the same order: resolved again
            // here, they tell whether the body would come out as it did.
            var again = rewriter
            var check = stamp
            for link in previous.links {
                check.add(link: link, rewrite: again.rewrite(link))
            }
            if check.fingerprint == previous.key {
                return (nil, previous, again.copies)
            }
        }
        let body =
            renderedBodies[page].flatMap { $0.source == item.entry.text ? $0 : nil }
            ?? RenderedBody(
                markdown: Self.withoutTitle(item.entry.text),
                rewriter: rewriter,
                reservedIDs: bodySettings.reservedIDs
            )
        for (link, rewrite) in body.decisions {
            stamp.add(link: link, rewrite: rewrite)
        }
        context["body"] = body.html
        let html = layout(
            kind: "record",
            title: label(index),
            page: page,
            content: render("record", context),
            hasDiagrams: Self.hasDiagram(body.html),
            showsRecordCount: false
        )
        let links = body.decisions.map(\.link)
        return (html, RecordPageStamp(key: stamp.fingerprint, links: links), body.copies)
    }

    /// What a record page's template sees, all but its rendered Markdown (`body`).
    func recordContext(_ index: Int) -> [String: Any] {
        let item = catalog.items[index]
        let record = item.entry.record
        let page = item.page
        let root = SiteLinks.root(from: page)
        var context: [String: Any] = [
            "root": root, "stem": item.stem, "title": record.title,
            "numberLabel": Self.numberLabel(record.number),
            "statusClass": Self.statusClass(item.status),
            "statusLabel": Self.statusLabel(item.status), "path": item.record.path,
            "tags": record.tags.map { ["key": $0.lowercased(), "name": $0] },
            "hasTags": !record.tags.isEmpty, "deciders": item.facts.deciders,
            "hasDeciders": !item.facts.deciders.isEmpty, "showHistory": input.hasHistory,
        ]
        if let date = item.date { context["date"] = date }
        if let log = logLabel(index) { context["log"] = log }
        let successors = catalog.successors(of: index)
        context["hasSuccessors"] = !successors.isEmpty
        context["supersededBy"] = successors.map { reference($0, from: page) }
        switch item.status {
        case .superseded: context["statusNote"] = record.statusText ?? "Superseded"
        case .deprecated: context["statusNote"] = "This decision is deprecated."
        case .rejected: context["statusNote"] = "This decision was rejected."
        case .proposed: context["statusNote"] = "Proposed: not decided yet."
        default: break
        }
        let view = SiteLinks.forgeURL(
            .view,
            path: item.record.path,
            configuration: input.configuration,
            branch: input.branch
        )
        let edit = SiteLinks.forgeURL(
            .edit,
            path: item.record.path,
            configuration: input.configuration,
            branch: input.branch
        )
        if let view { context["viewURL"] = view }
        if let edit { context["editURL"] = edit }
        context["hasActions"] = view != nil || edit != nil
        context["hasBanner"] = !successors.isEmpty || context["statusNote"] != nil

        var relations: [[String: Any]] = []
        var linked = Set<Int>()
        for link in item.links {
            var value = reference(link.target, from: page)
            value["type"] = link.type
            relations.append(value)
            linked.insert(link.target)
        }
        for link in item.incoming where !linked.contains(link.source) {
            var value = reference(link.source, from: page)
            value["type"] = "← " + link.type
            relations.append(value)
        }
        context["relations"] = relations
        context["hasRelations"] = !relations.isEmpty

        let before = catalog.chain(from: index, catalog.predecessors).reversed()
        let after = catalog.chain(from: index, catalog.successors)
        if !before.isEmpty || !after.isEmpty {
            var lineage = before.map { reference($0, from: page) }
            var current = reference(index, from: page)
            current["current"] = true
            current["href"] = nil
            lineage.append(current)
            lineage += after.map { reference($0, from: page) }
            context["lineage"] = lineage
            context["hasLineage"] = true
        }

        if input.hasHistory {
            let history = item.record.history
            let events = history?.events ?? []
            let rows = events.reversed().map { revisionRow($0) }
            context["revisionRows"] = rows.map(\.html).joined(separator: "\n")
            if overridesRecord { context["revisions"] = rows.map(\.value) }
            context["hasRevisions"] = !events.isEmpty
            let timeline = history?.statusTimeline ?? []
            let changes = timeline.reversed().map { change in
                SiteHTML.StatusChange(
                    statusClass: Self.statusClass(change.status),
                    statusLabel: Self.statusLabel(change.status),
                    date: change.date,
                    day: Self.day(change.date),
                    author: change.author.name
                )
            }
            context["statusRows"] = changes.map(\.html).joined(separator: "\n")
            if overridesRecord { context["statusTimeline"] = changes.map(\.value) }
            context["hasTimeline"] = !timeline.isEmpty
            let approvals = item.record.approvals.map { approvalRow($0) }
            context["approvalRows"] = approvals.map(\.html).joined(separator: "\n")
            if overridesRecord { context["approvals"] = approvals.map(\.value) }
            context["hasApprovals"] = !item.record.approvals.isEmpty
        }
        let neighbours = catalog.neighbours(of: index)
        if let previous = neighbours.previous {
            context["previous"] = reference(previous, from: page)
        }
        if let next = neighbours.next { context["next"] = reference(next, from: page) }
        return context
    }

    /// How long (in UTF-8 bytes of Markdown) a log's introduction may be before it gets a
    /// page of its own.
    static let foldedIntroductionLength = 4000

    /// The site path of log `logIndex`'s introduction page: `readme.html` in the log's
    /// folder, unless a record's page has that name.
    static func introductionPath(of logIndex: Int, in catalog: SiteCatalog) -> String {
        let folder = catalog.logs[logIndex].siteFolder
        var page = (folder.isEmpty ? "" : folder + "/") + "readme.html"
        while catalog.items.contains(where: { $0.page == page }) {
            page = String(page.dropLast(5)) + "-introduction.html"
        }
        return page
    }

    /// A log's whole introduction on its own page, with the files it copies.
    func introductionPage(
        _ text: String,
        title: String,
        label: String?,
        logIndex: Int,
        page: String
    ) -> (html: String, copies: [String: String]) {
        let log = catalog.logs[logIndex]
        let rendered = html(
            markdown: Self.withoutTitle(text),
            logIndex: logIndex,
            sourcePath: log.folder == "." ? "README.md" : log.folder + "/README.md",
            page: page,
            reservedIDs: templateIDs("introduction")
        )
        var context: [String: Any] = [
            "root": SiteLinks.root(from: page), "title": title, "html": rendered.html,
        ]
        if let label { context["label"] = label }
        let html = layout(
            kind: "introduction",
            title: title,
            page: page,
            content: render("introduction", context),
            hasDiagrams: Self.hasDiagram(rendered.html)
        )
        return (html, rendered.copies)
    }

    /// The paragraphs `html` (rendered Markdown) opens with, whole, up to about 1,000 bytes.
    static func leadingParagraphs(of html: String) -> String {
        var lead = html[..<html.startIndex]
        var rest = html[...]
        while rest.hasPrefix("<p>"), let end = rest.range(of: "</p>\n") {
            let candidate = html[..<end.upperBound]
            guard candidate.utf8.count <= 1000 else { break }
            lead = candidate
            rest = html[end.upperBound...]
        }
        return String(lead)
    }

    /// The text of the first-level title of `text`, if it opens with one.
    static func title(of text: String) -> String? {
        let body = DecisionRecord.markdownBody(of: text)
        for line in body.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# ") {
                let title = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
                return title.isEmpty ? nil : title
            }
            if !trimmed.hasPrefix("<!--") { return nil }
        }
        return nil
    }

    /// The record's text without its front matter and first-level title, which the page
    /// shows above it.
    static func withoutTitle(_ text: String) -> String {
        // The first lines are looked at in place: splitting the whole text into lines and
        // joining them again was a few per cent of a cold build.
        let body = DecisionRecord.markdownBody(of: text)
        var start = body.startIndex
        while start < body.endIndex {
            let end = body[start...].firstIndex(of: "\n") ?? body.endIndex
            let trimmed = body[start..<end].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# ") || trimmed == "#" {
                if end < body.endIndex {
                    return String(body[..<start]) + String(body[body.index(after: end)...])
                }
                // The last line: the line break before it goes with it.
                return start > body.startIndex
                    ? String(body[..<body.index(before: start)]) : ""
            }
            if !trimmed.isEmpty, !trimmed.hasPrefix("<!--") { break }
            guard end < body.endIndex else { break }
            start = body.index(after: end)
        }
        return body
    }

    /// Whether the theme replaces the record template: it then gets the history rows as
    /// values too, for its own loop.
    var overridesRecord: Bool { input.theme["record.mustache"] != nil }

    func revisionRow(_ event: LogEvent) -> SiteHTML.Revision {
        let revision = event.revision
        var kind = event.kind.rawValue
        var detail: String?
        switch event.kind {
        case .statusChanged:
            detail =
                "\(Self.statusLabel(event.previousStatus)) → \(Self.statusLabel(revision.status))"
        case .renamed:
            let oldFolder = revision.oldPath.map {
                String($0.split(separator: "/").dropLast().joined(separator: "/"))
            }
            let newFolder = String(
                revision.path.split(separator: "/").dropLast().joined(separator: "/")
            )
            if let oldFolder, oldFolder != newFolder { kind = "moved" }
            detail = revision.oldPath.map { "from \($0)" }
        default: break
        }
        return SiteHTML.Revision(
            date: revision.date,
            day: Self.day(revision.date),
            kind: kind,
            kindClass: Self.changeClass(kind),
            detail: detail,
            author: revision.author.name,
            shortCommit: Self.shortCommit(revision.commit),
            commitURL: commitURL(revision.commit),
            subject: revision.summary
        )
    }

    func approvalRow(_ state: ApprovalState) -> SiteHTML.Approval {
        let approval = state.approval
        return SiteHTML.Approval(
            approver: approval.approver,
            date: approval.date,
            day: Self.day(approval.date),
            source: approval.source == .note ? "git note" : "commit trailer",
            shortCommit: Self.shortCommit(approval.commit),
            commitURL: commitURL(approval.commit),
            isCurrent: state.isCurrent,
            comment: approval.comment,
            changedBy: state.changedBy.map { Self.shortCommit($0) }
        )
    }

    // MARK: Patterns

    func patternsPage() -> String {
        let patterns = DecisionPattern.all(in: catalog)
        let page = "patterns.html"
        func decision(_ decision: DecisionPattern.Decision) -> [String: Any] {
            var value = reference(decision.item, from: page)
            if let date = decision.date { value["date"] = date }
            if let reason = decision.reason { value["reason"] = reason }
            if let consequences = decision.consequences { value["consequences"] = consequences }
            if let log = decision.log { value["log"] = log }
            if !decision.replacedBy.isEmpty {
                value["replacedBy"] = decision.replacedBy.joined(separator: ", ")
            }
            value["approvals"] = decision.approvals.map { approvalRow($0).value }
            value["hasApprovals"] = !decision.approvals.isEmpty
            return value
        }
        let values = patterns.map { pattern -> [String: Any] in
            var value: [String: Any] = [
                "name": pattern.name, "anchor": pattern.anchor,
                "count": pattern.before.count + (pattern.holding == nil ? 0 : 1),
                "before": pattern.before.map(decision), "hasBefore": !pattern.before.isEmpty,
            ]
            if let holding = pattern.holding { value["holding"] = decision(holding) }
            return value
        }
        return layout(
            kind: "patterns",
            title: "Patterns",
            page: page,
            content: render("patterns", ["patterns": values, "hasPatterns": !values.isEmpty])
        )
    }

    // MARK: Timeline

    struct TimelineEvent {
        var date: String
        var order: Int
        var kind: String
        var item: Int
        var detail: String?
        var who: String?
    }

    func timelineEvents() -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        for (index, item) in catalog.items.enumerated() {
            guard input.hasHistory, let history = item.record.history else {
                if let date = item.date {
                    events.append(
                        TimelineEvent(date: date, order: 0, kind: "created", item: index)
                    )
                }
                continue
            }
            for event in history.events where event.kind != .edited {
                var kind = event.kind.rawValue
                var detail: String?
                if event.kind == .statusChanged {
                    kind = event.revision.status == .superseded ? "superseded" : "status changed"
                    detail =
                        "\(Self.statusLabel(event.previousStatus)) → \(Self.statusLabel(event.revision.status))"
                }
                if event.kind == .renamed { detail = event.revision.oldPath.map { "from \($0)" } }
                events.append(
                    TimelineEvent(
                        date: event.revision.date,
                        order: event.order,
                        kind: kind,
                        item: index,
                        detail: detail,
                        who: event.revision.author.name
                    )
                )
            }
            for state in item.record.approvals {
                events.append(
                    TimelineEvent(
                        date: state.approval.date,
                        order: Int.max,
                        kind: "approved",
                        item: index,
                        detail: state.isCurrent ? nil : "stale",
                        who: state.approval.approver
                    )
                )
            }
        }
        // Sorted by keys read once: reading a date per comparison was quadratic in effect.
        let keys = events.map { SiteDates.epoch($0.date) ?? 0 }
        return events.indices.sorted {
            (keys[$0], events[$0].order, events[$0].item)
                > (keys[$1], events[$1].order, events[$1].item)
        }.map { events[$0] }
    }

    /// An ISO date in UTC for ordering (`2025-03-09T10:00:00+01:00` → `2025-03-09T09:00:00Z`).
    static func utc(_ date: String) -> String {
        date.count > 10 ? SiteDates.utc(date) : date
    }

    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]

    func timelinePage() -> String {
        let page = "timeline.html"
        let overridden = input.theme["timeline.mustache"] != nil
        // One link per record, shared by its events: a record has many.
        var references: [Int: (href: String, numberLabel: String, title: String)] = [:]
        var months: [[String: Any]] = []
        var current: String?
        var rows: [SiteHTML.Event] = []
        func flush() {
            guard let current else { return }
            let month = Int(current.suffix(2)) ?? 0
            let name = (1...12).contains(month) ? Self.months[month - 1] : current
            var value: [String: Any] = [
                "key": current, "label": "\(name) \(current.prefix(4))",
                "eventRows": rows.map(\.html).joined(separator: "\n"),
            ]
            if overridden { value["events"] = rows.map(\.value) }
            months.append(value)
        }
        for event in timelineEvents() {
            let month = String(Self.utc(event.date).prefix(7))
            if month != current {
                flush()
                current = month
                rows = []
            }
            if references[event.item] == nil {
                let item = catalog.items[event.item]
                references[event.item] = (
                    SiteLinks.relative(Self.encodedPath(item.page), from: page),
                    Self.numberLabel(item.entry.record.number), item.entry.record.title
                )
            }
            guard let reference = references[event.item] else { continue }
            rows.append(
                SiteHTML.Event(
                    date: event.date,
                    day: Self.day(event.date),
                    kind: event.kind,
                    kindClass: Self.changeClass(event.kind),
                    href: reference.href,
                    numberLabel: reference.numberLabel,
                    title: reference.title,
                    detail: event.detail,
                    who: event.who
                )
            )
        }
        flush()
        return layout(
            kind: "timeline",
            title: "Timeline",
            page: page,
            content: render("timeline", ["months": months, "hasHistory": input.hasHistory])
        )
    }

    // MARK: Graph

    func graphPage() -> String {
        let page = "graph.html"
        var visited = Set<Int>()
        func node(_ index: Int) -> SiteHTML.GraphNode {
            visited.insert(index)
            let children = catalog.successors(of: index).filter { !visited.contains($0) }
            for child in children { visited.insert(child) }
            let links = catalog.items[index].links.filter {
                !SiteCatalog.isSupersededBy($0.type) && !SiteCatalog.isSupersedes($0.type)
            }.map { (type: $0.type, target: recordReference($0.target, from: page)) }
            return SiteHTML.GraphNode(
                record: recordReference(index, from: page),
                links: links,
                children: children.map(node)
            )
        }
        var roots: [SiteHTML.GraphNode] = []
        for index in catalog.items.indices
        where catalog.predecessors(of: index).isEmpty && !visited.contains(index) {
            roots.append(node(index))
        }
        // Cycles have no root: start them where they are.
        for index in catalog.items.indices where !visited.contains(index) {
            roots.append(node(index))
        }
        let svg = SiteGraph.context(for: catalog, from: page).map { render("graph-svg", $0) }
        var context: [String: Any] = ["hasEdges": svg != nil]
        if input.theme["graph.mustache"] != nil || input.theme["graph-node.mustache"] != nil {
            // A theme's templates get the chains as values, for their own loop and partial.
            let values = roots.map(\.value)
            context["roots"] = values
            context["treeRows"] = values.map { render("graph-node", $0) }.joined()
        } else {
            context["treeRows"] = roots.map(\.html).joined()
        }
        if let svg { context["svg"] = svg }
        return layout(
            kind: "graph",
            title: "Graph",
            page: page,
            content: render("graph", context)
        )
    }

    // MARK: Feed and badge

    func feed() -> String {
        struct Entry {
            var updated: String
            var index: Int
            var summary: String
            var author: String
        }
        var entries: [Entry] = []
        for (index, item) in catalog.items.enumerated() {
            let last = input.hasHistory ? item.record.history?.lastChanged : nil
            let updated = last.map { Self.utc($0.date) } ?? item.date.map { $0 + "T00:00:00Z" }
            guard let updated else { continue }
            let what = last.map { "\($0.summary)" } ?? ""
            entries.append(
                Entry(
                    updated: updated,
                    index: index,
                    summary: "\(Self.statusLabel(item.status)). \(what)",
                    author: last?.author.name ?? item.facts.deciders.first ?? "unknown"
                )
            )
        }
        entries.sort { ($0.updated, $0.index) > ($1.updated, $1.index) }
        let recent = entries.prefix(50)
        let feedID =
            baseURL ?? "urn:adr:site:" + Slug.make(from: input.title.isEmpty ? "site" : input.title)
        let values = recent.map { entry -> [String: Any] in
            let item = catalog.items[entry.index]
            var value: [String: Any] = [
                "title": label(entry.index), "updated": entry.updated, "summary": entry.summary,
                "author": entry.author,
                "id": baseURL.map { $0 + Self.encodedPath(item.page) }
                    ?? "urn:adr:\(Slug.make(from: logLabel(entry.index) ?? "log")):\(item.stem)",
            ]
            if let base = baseURL { value["href"] = base + Self.encodedPath(item.page) }
            return value
        }
        var context: [String: Any] = [
            "siteTitle": input.title, "feedID": feedID,
            "updated": recent.first?.updated ?? "1970-01-01T00:00:00Z", "entries": values,
        ]
        if let base = baseURL { context["baseURL"] = base }
        return render("feed", context)
    }

    func badge() -> String {
        let label = "decisions"
        let value = String(catalog.items.count)
        let labelWidth = 10 + label.count * 7
        let valueWidth = 10 + value.count * 8
        return render(
            "badge",
            [
                "label": label, "value": value, "labelWidth": labelWidth,
                "valueWidth": valueWidth, "width": labelWidth + valueWidth,
                "labelCenter": labelWidth / 2, "valueCenter": labelWidth + valueWidth / 2,
            ]
        )
    }
}

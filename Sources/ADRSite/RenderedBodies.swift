import ADRCore
import ADRMarkdown

/// The record pages' Markdown, rendered before the site is built.
///
/// A record's body depends on its Markdown and on where its links lead (the site's records
/// and files, the forge settings, the ids the page keeps for itself), never on its history:
/// a caller can render the bodies while the history is still being read. The build takes
/// a body only when the links it would resolve lead where they led here (``links``) and
/// the Markdown is the same; otherwise it renders the body itself.
public struct RenderedBodies: Sendable {
    /// What the links were resolved against, as ``SiteBuilder/linkWorld(of:settings:)``
    /// gives it.
    let links: [String]
    /// By site path of the record's page.
    var bodies: [String: RenderedBody]

    /// Renders the bodies of the records of `input.logs` (whose records need no history)
    /// with the settings `input` has, in the site's order until their texts come to
    /// `textBytes`: the bodies are held until the build, and a caller rendering them while
    /// it reads the history bounds what that adds to its memory. `eachRecord` calls its
    /// closure once for each index below its count, on whichever threads it chooses.
    public static func rendering(
        _ input: SiteInput,
        upToTextBytes textBytes: Int = .max,
        eachRecord: (Int, @escaping @Sendable (Int) -> Void) -> Void
    ) -> RenderedBodies {
        let catalog = SiteCatalog(logs: input.logs)
        let settings = BodySettings(input: input, theme: SiteTheme.merged(with: input.theme))
        var count = 0
        var bytes = 0
        while count < catalog.items.count {
            bytes += catalog.items[count].entry.text.utf8.count
            guard bytes <= textBytes else { break }
            count += 1
        }
        var bodies = [RenderedBody?](repeating: nil, count: count)
        bodies.withUnsafeMutableBufferPointer { buffer in
            // Each index is written by exactly one call.
            nonisolated(unsafe) let output = buffer
            eachRecord(count) { index in
                let item = catalog.items[index]
                var body = RenderedBody(
                    markdown: SiteBuilder.withoutTitle(item.entry.text),
                    rewriter: settings.rewriter(for: index, in: catalog),
                    reservedIDs: settings.reservedIDs
                )
                // The record's own text, not the Markdown cut from it: a reference to the
                // same storage instead of a copy of every record.
                body.source = item.entry.text
                output[index] = body
            }
        }
        var byPage: [String: RenderedBody] = [:]
        for (item, body) in zip(catalog.items, bodies) { byPage[item.page] = body }
        return RenderedBodies(
            links: SiteBuilder.linkWorld(of: catalog, settings: settings),
            bodies: byPage
        )
    }
}

/// A record's Markdown as HTML, with every link decided on in order and the files those
/// links need copied.
struct RenderedBody: Sendable {
    /// The text of the record the body was rendered from, when it was rendered ahead.
    var source = ""
    var html: String
    var decisions: [(link: MarkdownLinkTarget, rewrite: MarkdownLinkRewrite)]
    var copies: [String: String]

    init(markdown: String, rewriter: SiteLinks.Rewriter, reservedIDs: Set<String>) {
        var rewriter = rewriter
        html = MarkdownHTML.render(markdown, anchoringHeadingsAvoiding: reservedIDs) {
            rewriter.rewrite($0)
        }
        decisions = rewriter.decisions
        copies = rewriter.copies
    }
}

/// What a body's links are resolved with besides the catalog.
struct BodySettings {
    var configuration: SiteConfiguration
    var branch: String?
    /// The ids a record page has around its Markdown, which no heading may take.
    var reservedIDs: Set<String>

    /// `theme` is the built-in theme merged with `input.theme` (``SiteTheme/merged(with:)``).
    init(input: SiteInput, theme: [String: String]) {
        configuration = input.configuration
        branch = input.branch
        reservedIDs = SiteBuilder.ids(in: theme["layout.mustache"] ?? "")
            .union(SiteBuilder.ids(in: theme["record.mustache"] ?? ""))
    }

    func rewriter(for index: Int, in catalog: SiteCatalog) -> SiteLinks.Rewriter {
        let item = catalog.items[index]
        return SiteLinks.Rewriter(
            catalog: catalog,
            logIndex: item.logIndex,
            sourcePath: item.record.path,
            page: item.page,
            configuration: configuration,
            branch: branch
        )
    }
}

extension SiteBuilder {
    /// Everything a body's links are resolved against, field by field: each record's log,
    /// path and page, each log's folder, root and files, and the settings.
    static func linkWorld(of catalog: SiteCatalog, settings: BodySettings) -> [String] {
        var fields: [String] = ["\(catalog.items.count)"]
        fields.reserveCapacity(catalog.items.count * 3 + 8)
        for item in catalog.items {
            fields += ["\(item.logIndex)", item.record.path, item.page]
        }
        fields.append("\(catalog.logs.count)")
        for log in catalog.logs {
            fields += [log.siteFolder, log.sourceRoot, "\(log.files.count)"]
            fields += log.files.sorted()
        }
        fields += [String(describing: settings.configuration), settings.branch ?? "-"]
        fields += settings.reservedIDs.sorted()
        return fields
    }
}

internal import CCmarkGFM
import Foundation

/// A link or image destination met while rendering, offered to the caller to rewrite.
public struct MarkdownLinkTarget: Sendable, Hashable {
    /// The destination as cmark resolved it (reference-style links included).
    public var destination: String
    /// Whether it is an image (`![alt](src)`) rather than a link.
    public var isImage: Bool

    public init(destination: String, isImage: Bool) {
        self.destination = destination
        self.isImage = isImage
    }
}

/// What to do with one link or image.
public enum MarkdownLinkRewrite: Sendable, Hashable {
    /// Keep the link, pointing at this destination.
    case destination(String)
    /// Drop the link (or image) and keep its text (an image's alternative text).
    case textOnly
}

/// Markdown to HTML for publishing: GitHub's extensions, no raw HTML, links rewritten.
public enum MarkdownHTML {
    private static let extensionNames = [
        "table", "strikethrough", "autolink", "tagfilter", "tasklist",
    ]

    /// Renders `markdown` to an HTML fragment with GitHub's extensions (tables,
    /// strikethrough, autolinks, tag filter, task lists, footnotes), in cmark's safe mode:
    /// raw HTML is replaced by a comment and `javascript:`, `vbscript:`, `file:` and
    /// non-image `data:` destinations are emptied. Code blocks keep their info string as a
    /// `language-…` class.
    ///
    /// With `anchoringHeadingsAvoiding`, every heading gets an `id` made as GitHub makes
    /// its slugs (`## Use a queue!` → `use-a-queue`; a repeated one `-1`, `-2`, …), unique
    /// within the page: it never takes one of `reserved` (the ids of the page around the
    /// fragment) nor an id the fragment has already (footnotes'), and ends with a link to
    /// itself.
    ///
    /// `rewrite` is asked about every link and image, in document order, before rendering;
    /// the tree is parsed, rewritten, rendered and freed inside this call.
    public static func render(
        _ markdown: String,
        anchoringHeadingsAvoiding reserved: Set<String>? = nil,
        rewritingLinks rewrite: (MarkdownLinkTarget) -> MarkdownLinkRewrite = {
            .destination($0.destination)
        }
    ) -> String {
        _ = CMarkTree.registration
        let options = CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        var extensions: UnsafeMutablePointer<cmark_llist>?
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var source = markdown
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // See CMarkTree.finishLock: extensions share one global table while finishing.
        guard let root = CMarkTree.finishLock.withLock({ cmark_parser_finish(parser) }) else {
            return ""
        }
        defer { cmark_node_free(root) }
        // The parser's own list of attached extensions, borrowed while the parser lives.
        extensions = cmark_parser_get_syntax_extensions(parser)

        for node in linkNodes(under: root) {
            let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            switch rewrite(MarkdownLinkTarget(destination: url, isImage: isImage)) {
            case .destination(let destination):
                if destination != url { _ = cmark_node_set_url(node, destination) }
            case .textOnly:
                unwrap(node)
            }
        }
        let headings = reserved == nil ? [] : headingTexts(under: root)
        guard let rendered = cmark_render_html(root, options, extensions) else { return "" }
        // cmark allocated the result with its default allocator; give it back there.
        defer { cmark_get_default_mem_allocator().pointee.free(rendered) }
        let html = String(cString: rendered)
        guard let reserved, !headings.isEmpty else { return html }
        return HeadingAnchors.anchored(html, headings: headings, reserved: reserved)
    }

    /// The text of every heading under `root`, in document order.
    private static func headingTexts(under root: OpaquePointer) -> [String] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var texts: [String] = []
        var depth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                if event == CMARK_EVENT_ENTER {
                    texts.append("")
                    depth += 1
                } else {
                    depth -= 1
                }
                continue
            }
            guard depth > 0, event == CMARK_EVENT_ENTER, !texts.isEmpty else { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                texts[texts.count - 1] +=
                    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                texts[texts.count - 1] += " "
            default: break
            }
        }
        return texts
    }

    /// Every link and image node under `root`, collected before any is changed: the
    /// iterator must not see the tree change under it.
    private static func linkNodes(under root: OpaquePointer) -> [OpaquePointer] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var nodes: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else {
                continue
            }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { nodes.append(node) }
        }
        return nodes
    }

    /// Replaces `node` by its children (a link's text, an image's alternative text).
    private static func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            // Inserting a node unlinks it from its old parent first.
            _ = cmark_node_insert_before(node, child)
        }
        cmark_node_free(node)
    }
}

internal import CCmarkGFM
import Foundation

/// A Markdown document read with cmark-gfm and copied into plain Swift values.
///
/// The C tree lives only inside `init(parsing:lineOffset:)`: it is parsed, walked, copied
/// and freed before the initialiser returns, so no value here refers to C memory.
public struct MarkdownDocument: Sendable, Hashable {
    /// The top-level blocks in document order.
    public var blocks: [MarkdownBlock]

    /// Parses `text` as GitHub Flavored Markdown (tables, strikethrough, autolinks, task
    /// lists).
    ///
    /// - Parameters:
    ///   - text: the Markdown source.
    ///   - lineOffset: added to every line number, for a caller that parses the text after
    ///     a front matter it has removed, so lines still count from the top of the file.
    public init(parsing text: String, lineOffset: Int = 0) {
        blocks =
            CMarkTree.withDocument(text) { root, _ in
                var blocks: [MarkdownBlock] = []
                var child = cmark_node_first_child(root)
                while let node = child {
                    blocks.append(MarkdownBlock(copying: node, lineOffset: lineOffset))
                    child = cmark_node_next(node)
                }
                return blocks
            } ?? []
    }

    /// Renders `markdown` to an HTML fragment (no `<html>` or `<body>`), with the GFM
    /// extensions and raw HTML suppressed (cmark's safe mode).
    public static func htmlBody(from markdown: String) -> String {
        CMarkTree.withDocument(markdown) { root, extensions in
            guard let rendered = cmark_render_html(root, CMARK_OPT_DEFAULT, extensions) else {
                return ""
            }
            // cmark allocated the result with its default allocator; give it back there.
            defer { cmark_get_default_mem_allocator().pointee.free(rendered) }
            return String(cString: rendered)
        } ?? ""
    }
}

/// One block of a Markdown document with its position and flattened text.
public struct MarkdownBlock: Sendable, Hashable {
    /// What kind of block this is.
    public enum Kind: Sendable, Hashable {
        case heading(level: Int)
        case paragraph
        case list(ordered: Bool)
        case codeBlock(info: String)
        case htmlBlock
        case thematicBreak
        case table
        case blockQuote
        case footnoteDefinition
        /// A block type this layer does not name, with cmark's type string.
        case other(String)
    }

    /// The kind of block.
    public var kind: Kind
    /// The inline text flattened to plain text (soft breaks become `\n`); the literal for
    /// code and HTML blocks; for lists and quotes the texts of their children joined by `\n`.
    public var text: String
    /// 1-based first line of the block in the source (plus the line offset).
    public var startLine: Int
    /// 1-based last line of the block in the source (plus the line offset).
    public var endLine: Int
    /// The items of a list, empty for other kinds.
    public var items: [MarkdownListItem]
    /// Every link and image inside the block, in order; reference links are resolved.
    public var links: [MarkdownLink]
}

/// One item of a Markdown list.
public struct MarkdownListItem: Sendable, Hashable {
    /// The item's text flattened to plain text, nested blocks joined by `\n`.
    public var text: String
    /// 1-based first line of the item.
    public var startLine: Int
    /// 1-based last line of the item.
    public var endLine: Int
    /// Links and images inside the item, in order.
    public var links: [MarkdownLink]
}

/// A link or image found in the document.
public struct MarkdownLink: Sendable, Hashable {
    /// The link's text (for an image, its alternative text), flattened.
    public var text: String
    /// The destination as resolved by cmark (reference-style links are resolved).
    public var destination: String
    /// 1-based line where the link starts.
    public var line: Int
    /// Whether this is an image (`![alt](src)`) rather than a link.
    public var isImage: Bool

    /// Creates a link value, as tests and callers building fixtures need.
    public init(text: String, destination: String, line: Int, isImage: Bool = false) {
        self.text = text
        self.destination = destination
        self.line = line
        self.isImage = isImage
    }
}

// MARK: - Copying out of the C tree

/// The only place that owns cmark-gfm parsers and trees.
enum CMarkTree {
    /// Registers the GFM extensions once per process; a lazily initialised static is
    /// thread-safe in Swift, which the C registry is not.
    static let registration: Void = cmark_gfm_core_extensions_ensure_registered()

    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// The extensions as one list for the HTML renderer, made once and kept for the life of
    /// the process; only read after it is made.
    nonisolated(unsafe) private static let extensionList: UnsafeMutablePointer<cmark_llist>? = {
        _ = registration
        var list: UnsafeMutablePointer<cmark_llist>?
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                list = cmark_llist_append(
                    cmark_get_default_mem_allocator(),
                    list,
                    UnsafeMutableRawPointer(syntax)
                )
            }
        }
        return list
    }()

    /// cmark-gfm keeps the special inline characters of extensions (`~`, `|`) in a global
    /// table: `cmark_parser_finish` adds those of the parser's extensions before parsing
    /// inlines and removes them after, so two parsers finishing at once can make each other
    /// miss strikethrough and tables. Only finishing is serialised: block parsing (the
    /// feed) and the trees left behind never touch that table.
    static let finishLock = NSLock()

    /// Parses `text`, lends the root node and the extension list to `body`, then frees the
    /// tree; neither pointer may escape `body`. `nil` only when cmark could not allocate a
    /// tree.
    static func withDocument<Result>(
        _ text: String,
        _ body: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) -> Result
    ) -> Result? {
        let extensions = extensionList
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var source = text
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        let parsed: OpaquePointer? = finishLock.withLock { cmark_parser_finish(parser) }
        guard let root = parsed else { return nil }
        defer { cmark_node_free(root) }
        return body(root, extensions)
    }
}

/// Copies a borrowed C string at once; cmark returns NULL for absent values.
private func string(_ pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    return String(cString: pointer)
}

private func children(of node: OpaquePointer) -> [OpaquePointer] {
    var result: [OpaquePointer] = []
    forEachChild(of: node) { result.append($0) }
    return result
}

/// Calls `body` with each child of `node` in order, without collecting them first.
private func forEachChild(of node: OpaquePointer, _ body: (OpaquePointer) -> Void) {
    var child = cmark_node_first_child(node)
    while let current = child {
        body(current)
        child = cmark_node_next(current)
    }
}

private func typeName(_ node: OpaquePointer) -> String {
    string(cmark_node_get_type_string(node))
}

/// Whether `node`'s type is `name`, compared in C: no string is made for each node.
private func hasType(_ node: OpaquePointer, _ name: StaticString) -> Bool {
    guard let type = cmark_node_get_type_string(node) else { return false }
    return name.withUTF8Buffer { expected in
        strcmp(type, UnsafeRawPointer(expected.baseAddress!).assumingMemoryBound(to: CChar.self))
            == 0
    }
}

private func isBlock(_ node: OpaquePointer) -> Bool {
    (cmark_node_get_type(node).rawValue & UInt32(CMARK_NODE_TYPE_MASK))
        == UInt32(CMARK_NODE_TYPE_BLOCK)
}

/// Inline text and links of one block, with the line advanced at each line break so a
/// link's line is right even in a multi-line paragraph. The text is gathered as bytes and
/// made a string once: a string per text node was most of copying a document out.
private struct InlineText {
    var bytes: [UInt8] = []
    var links: [MarkdownLink] = []
    var line: Int

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ node: OpaquePointer) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            if let literal = cmark_node_get_literal(node) {
                let start = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
                bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: strlen(literal)))
            }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            bytes.append(UInt8(ascii: "\n"))
            line += 1
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let startLine = line
            var inner = InlineText(line: line)
            forEachChild(of: node) { inner.append($0) }
            bytes += inner.bytes
            line = inner.line
            links.append(
                MarkdownLink(
                    text: inner.text,
                    destination: string(cmark_node_get_url(node)),
                    line: startLine,
                    isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE
                )
            )
            links += inner.links
        default:
            forEachChild(of: node) { append($0) }
        }
    }
}

/// Flattened text and links of any block, walking nested blocks.
private func flatten(_ node: OpaquePointer, lineOffset: Int) -> (String, [MarkdownLink]) {
    let type = cmark_node_get_type(node)
    if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || !isBlock(node)
        || hasType(node, "table_cell")
    {
        var inline = InlineText(line: Int(cmark_node_get_start_line(node)) + lineOffset)
        forEachChild(of: node) { inline.append($0) }
        return (inline.text, inline.links)
    }
    switch type {
    case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
        var literal = string(cmark_node_get_literal(node))
        if literal.hasSuffix("\n") { literal.removeLast() }
        return (literal, [])
    default:
        var texts: [String] = []
        var links: [MarkdownLink] = []
        let separator = hasType(node, "table_row") ? " | " : "\n"
        forEachChild(of: node) { child in
            let (text, childLinks) = flatten(child, lineOffset: lineOffset)
            texts.append(text)
            links += childLinks
        }
        return (texts.joined(separator: separator), links)
    }
}

extension MarkdownBlock {
    fileprivate init(copying node: OpaquePointer, lineOffset: Int) {
        startLine = Int(cmark_node_get_start_line(node)) + lineOffset
        endLine = Int(cmark_node_get_end_line(node)) + lineOffset
        items = []
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_LIST:
            kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
            items = children(of: node).map { item in
                let (text, links) = flatten(item, lineOffset: lineOffset)
                return MarkdownListItem(
                    text: text,
                    startLine: Int(cmark_node_get_start_line(item)) + lineOffset,
                    endLine: Int(cmark_node_get_end_line(item)) + lineOffset,
                    links: links
                )
            }
        case CMARK_NODE_CODE_BLOCK:
            kind = .codeBlock(info: string(cmark_node_get_fence_info(node)))
        case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_FOOTNOTE_DEFINITION: kind = .footnoteDefinition
        default:
            let name = typeName(node)
            kind = name == "table" ? .table : .other(name)
        }
        (text, links) = flatten(node, lineOffset: lineOffset)
    }
}

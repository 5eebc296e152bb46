import Foundation

/// The built-in layout rendered once for each frame a page may have, with a marker where
/// the page's title and content go, which each page then fills in.
///
/// Around the page's own title and content, the layout of every record page in one folder
/// is the same, and Mustache looking up each of its values again for every page was a
/// large part of building a site from nothing (decision 27). Only the built-in layout is
/// framed: it shows the title once, escaped, and the content once, as it is, which is what
/// filling in a frame does. A theme's layout may do anything with them and is always
/// rendered whole.
final class LayoutFrames: @unchecked Sendable {
    /// Everything but the title and content that the layout shows.
    struct Key: Hashable {
        let csp: String
        let root: String
        let kind: String
        let scripts: [String]
        let showsRecordCount: Bool
    }

    /// The rendered layout cut where the title and the content go.
    struct Frame {
        let head: String
        let middle: String
        let tail: String
    }

    // Private-use characters around a word: the escape the layout's `{{pageTitle}}` goes
    // through leaves them as they are, and no text of the layout's own holds them.
    static let titleMarker = "\u{E000}adr-layout-title\u{E000}"
    static let contentMarker = "\u{E000}adr-layout-content\u{E000}"

    private let lock = NSLock()
    private var frames: [Key: Frame?] = [:]

    /// The frame for `key`, from `rendering(title, content)` the first time it is asked
    /// for; nil when that rendering does not show each marker once, title first (a site
    /// title holding a marker), where the page is rendered whole.
    func frame(for key: Key, rendering: (_ title: String, _ content: String) -> String) -> Frame? {
        if let known = lock.withLock({ frames[key] }) { return known }
        let made = Self.frame(cutting: rendering(Self.titleMarker, Self.contentMarker))
        lock.withLock { frames[key] = made }
        return made
    }

    static func frame(cutting html: String) -> Frame? {
        let titles = html.ranges(of: titleMarker)
        let contents = html.ranges(of: contentMarker)
        guard titles.count == 1, contents.count == 1,
            let title = titles.first, let content = contents.first,
            title.upperBound <= content.lowerBound
        else { return nil }
        return Frame(
            head: String(html[..<title.lowerBound]),
            middle: String(html[title.upperBound..<content.lowerBound]),
            tail: String(html[content.upperBound...])
        )
    }
}

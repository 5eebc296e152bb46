import Foundation

/// Heading ids for a rendered fragment: GitHub's slugs, unique within the page.
enum HeadingAnchors {
    /// `html` (cmark's rendering, in which `<hN>` and `</hN>` are only ever its headings:
    /// raw HTML is never passed through and text is escaped) with an `id` on the n-th
    /// heading made from `headings[n]`, and a link to it before its end.
    static func anchored(_ html: String, headings: [String], reserved: Set<String>) -> String {
        let bytes = Array(html.utf8)
        var taken = reserved.union(ids(in: bytes))
        let slugs = headings.map { text in unique(slug(text), taken: &taken) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + headings.count * 80)
        var opened = 0
        var closed = 0
        var copied = 0
        var position = 0
        // From one `<` to the next: only tags are looked at, the text between is copied whole.
        while let less = bytes[position...].firstIndex(of: UInt8(ascii: "<")) {
            position = less + 1
            let isEnd = position < bytes.count && bytes[position] == UInt8(ascii: "/")
            let h = less + (isEnd ? 2 : 1)
            guard h + 2 < bytes.count, bytes[h] == UInt8(ascii: "h"),
                (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[h + 1]),
                bytes[h + 2] == UInt8(ascii: ">")
            else { continue }
            if !isEnd, opened < slugs.count {
                output += bytes[copied..<(h + 2)]
                output += Array(" id=\"\(slugs[opened])\"".utf8)
                opened += 1
                copied = h + 2
            } else if isEnd, closed < slugs.count {
                output += bytes[copied..<less]
                let link = " <a class=\"anchor\" href=\"#\(slugs[closed])\""
                output += Array((link + " aria-label=\"Link to this section\">#</a>").utf8)
                closed += 1
                copied = less
            }
            position = h + 3
        }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    /// GitHub's slug of a heading: lower case; letters, marks, numbers, `_` and `-` kept;
    /// each space a hyphen; everything else dropped. Only characters that need no escaping
    /// in an attribute or a fragment remain, apart from letters beyond ASCII, which an
    /// attribute and a fragment both take as they are.
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            if scalar == " " {
                slug += "-"
            } else if scalar == "-" || scalar == "_" || properties.isAlphabetic
                || properties.numericType != nil
                || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
            {
                slug.unicodeScalars.append(scalar)
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// `slug`, or the first of `slug-1`, `slug-2`, … not yet taken; taken from then on.
    static func unique(_ slug: String, taken: inout Set<String>) -> String {
        var candidate = slug
        var count = 0
        while taken.contains(candidate) {
            count += 1
            candidate = "\(slug)-\(count)"
        }
        taken.insert(candidate)
        return candidate
    }

    /// The values of the `id` attributes already in `html` (cmark's footnotes).
    static func ids(in html: [UInt8]) -> Set<String> {
        var ids = Set<String>()
        let marker = Array(" id=\"".utf8)
        var position = 0
        while let space = html[position...].firstIndex(of: UInt8(ascii: " ")) {
            position = space + 1
            guard space + marker.count <= html.count,
                html[space..<(space + marker.count)].elementsEqual(marker)
            else { continue }
            let start = space + marker.count
            guard let end = html[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            ids.insert(String(decoding: html[start..<end], as: UTF8.self))
            position = end
        }
        return ids
    }
}

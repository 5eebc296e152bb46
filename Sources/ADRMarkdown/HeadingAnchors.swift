import Foundation

/// Heading ids for a rendered fragment: GitHub's slugs, unique within the page.
enum HeadingAnchors {
    /// `html` (cmark's rendering, in which `<hN>` and `</hN>` are only ever its headings:
    /// raw HTML is never passed through and text is escaped) with an `id` on the n-th
    /// heading made from `headings[n]`, and a link to it before its end.
    static func anchored(_ html: String, headings: [String], reserved: Set<String>) -> String {
        var taken = reserved.union(ids(in: html))
        let slugs = headings.map { text in unique(slug(text), taken: &taken) }
        var output: [UInt8] = []
        let bytes = Array(html.utf8)
        output.reserveCapacity(bytes.count + headings.count * 80)
        var opened = 0
        var closed = 0
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            // `<h1>` … `<h6>`, and their ends.
            if byte == UInt8(ascii: "<"), position + 3 < bytes.count {
                let isEnd = bytes[position + 1] == UInt8(ascii: "/")
                let h = position + (isEnd ? 2 : 1)
                if h + 2 < bytes.count, bytes[h] == UInt8(ascii: "h"),
                    (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[h + 1]),
                    bytes[h + 2] == UInt8(ascii: ">")
                {
                    if !isEnd, opened < slugs.count {
                        output += Array("<h".utf8) + [bytes[h + 1]]
                        output += Array(" id=\"\(slugs[opened])\">".utf8)
                        opened += 1
                        position = h + 3
                        continue
                    }
                    if isEnd, closed < slugs.count {
                        let slug = slugs[closed]
                        output += Array(
                            " <a class=\"anchor\" href=\"#\(slug)\" aria-label=\"Link to this section\">#</a>"
                                .utf8
                        )
                        closed += 1
                    }
                }
            }
            output.append(byte)
            position += 1
        }
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
    static func ids(in html: String) -> Set<String> {
        var ids = Set<String>()
        var rest = html[...]
        while let start = rest.range(of: " id=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            ids.insert(String(rest[..<end]))
            rest = rest[end...]
        }
        return ids
    }
}

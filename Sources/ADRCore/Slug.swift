import Foundation

/// File-name slugs made from titles, the adr-tools way.
public enum Slug {
    /// The longest slug we write; keeps `NNNN-slug.md` far below the 255-byte limit of
    /// common file systems.
    public static let maximumLength = 100

    /// `Something About Node.JS` -> `something-about-node-js`.
    ///
    /// Runs of characters other than ASCII letters and digits become one `-`, the result is
    /// lower-cased and trimmed of `-`. Unlike adr-tools, which drops non-ASCII letters,
    /// letters are first transliterated to ASCII (`Café` -> `cafe`, `日本` -> `ri-ben`).
    /// A title with nothing left gives `untitled`.
    public static func make(from title: String) -> String {
        // The ICU transform costs milliseconds to load; ASCII titles do not need it.
        let ascii =
            title.utf8.allSatisfy { $0 < 0x80 }
            ? title
            : title.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false)
                ?? title
        var slug = ""
        var pendingDash = false
        for scalar in ascii.unicodeScalars {
            let isWordCharacter =
                scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || ("0"..."9").contains(scalar))
            if isWordCharacter {
                if pendingDash && !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        slug = slug.lowercased()
        if slug.count > maximumLength {
            let cut = slug.prefix(maximumLength)
            slug = String(cut.lastIndex(of: "-").map { cut[..<$0] } ?? cut)
        }
        return slug.isEmpty ? "untitled" : slug
    }
}

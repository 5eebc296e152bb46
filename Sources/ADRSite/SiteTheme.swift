import Mustache

/// The site's theme: the built-in files of `templates/site/`, any of which a repository's
/// theme folder replaces file by file.
public enum SiteTheme {
    /// The built-in file called `name`, as it is in `templates/site/`, for the staleness test.
    public static func builtInFile(named name: String) -> String? {
        files[name].map { $0 + "\n" }
    }

    /// Every built-in file name, sorted.
    public static var builtInFileNames: [String] { files.keys.sorted() }

    /// The theme's files: the built-in ones with `overrides` put over them by name.
    static func merged(with overrides: [String: String]) -> [String: String] {
        var merged = files.mapValues { $0 + "\n" }
        for (name, text) in overrides { merged[name] = text }
        return merged
    }

    /// The Mustache templates of `files` (those ending `.mustache`), named without it.
    ///
    /// Every template, a theme's included, renders `{{...}}` through ``SiteHTML/escape(_:)``:
    /// Mustache's own HTML escape compares whole characters, so a `"` or `<` followed by a
    /// combining mark is one character it does not know and would go out raw.
    static func library(_ files: [String: String]) throws(SiteError) -> MustacheLibrary {
        _ = SiteHTMLContentType.registered
        var library = MustacheLibrary()
        for name in files.keys.sorted() where name.hasSuffix(".mustache") {
            do {
                library.register(
                    try MustacheTemplate(
                        string: "{{% CONTENT_TYPE: \(SiteHTMLContentType.name)}}"
                            + (files[name] ?? "")
                    ),
                    named: String(name.dropLast(".mustache".count))
                )
            } catch {
                throw SiteError(file: name, message: "invalid Mustache template: \(error)")
            }
        }
        return library
    }
}

/// HTML escaping of every value a template shows, byte by byte (see ``SiteTheme/library(_:)``).
struct SiteHTMLContentType: MustacheContentType {
    static let name = "ADR_HTML"

    static let registered: Void = {
        MustacheContentTypes.register(SiteHTMLContentType(), named: name)
    }()

    func escapeText(_ text: String) -> String { SiteHTML.escape(text) }
}

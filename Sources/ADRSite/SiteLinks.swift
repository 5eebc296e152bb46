import ADRCore
import ADRMarkdown
import Foundation

/// Every URL the site writes: relative between its pages, forge links, and what records
/// link to. The one place that decides which destinations are safe.
public enum SiteLinks {
    /// Schemes a link in a record may keep; any other (`javascript:`, `vbscript:`, `data:`,
    /// `file:`) is dropped and its text kept.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The scheme of `destination`, lower-cased, ignoring the control characters and
    /// spaces a browser would skip (`java\tscript:`); `nil` for a relative one.
    public static func scheme(of destination: String) -> String? {
        var letters = ""
        for scalar in destination.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F { continue }
            if scalar == ":" { return letters.isEmpty ? nil : letters.lowercased() }
            // The ASCII letters and digits are the ASCII alphanumerics.
            let isSchemeCharacter =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == "."
            guard isSchemeCharacter else { return nil }
            letters.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// `target` (a site path) as seen from the page at `page` (a site path).
    public static func relative(_ target: String, from page: String) -> String {
        // A page at the top sees every site path as it is (the split and join below give
        // `target` back).
        if !page.utf8.contains(UInt8(ascii: "/")) { return target }
        let from = page.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        let to = target.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] {
            common += 1
        }
        let ups = String(repeating: "../", count: from.count - common)
        return ups + to[common...].joined(separator: "/")
    }

    /// The prefix leading from `page` back to the site's top folder (`""`, `../`).
    static func root(from page: String) -> String {
        relative("", from: page)
    }

    /// A forge URL for `kind` from the configured patterns, or `nil`.
    static func forgeURL(
        _ kind: ForgeLink,
        path: String = "",
        commit: String = "",
        configuration: SiteConfiguration,
        branch: String?
    ) -> String? {
        guard let base = configuration.repositoryURL.map(trimmingSlash) else { return nil }
        guard let forge = configuration.forge ?? SiteConfiguration.Forge.guessed(from: base)
        else { return nil }
        let patterns = forge.patterns
        let pattern: String?
        switch kind {
        case .view: pattern = patterns.view
        case .edit: pattern = patterns.edit
        case .commit: pattern = patterns.commit
        }
        guard let pattern else { return nil }
        let encodedPath = path.split(separator: "/").map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
        }.joined(separator: "/")
        let url =
            pattern
            .replacingOccurrences(of: "{url}", with: base)
            .replacingOccurrences(of: "{branch}", with: branch ?? configuration.branch ?? "HEAD")
            .replacingOccurrences(of: "{path}", with: encodedPath)
            .replacingOccurrences(of: "{commit}", with: commit)
        guard let scheme = scheme(of: url), scheme == "http" || scheme == "https" else {
            return nil
        }
        return url
    }

    enum ForgeLink {
        case view
        case edit
        case commit
    }

    private static func trimmingSlash(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        if url.hasSuffix(".git") { url.removeLast(4) }
        return url
    }

    /// The decisions about one record's links, with the files the site must copy.
    struct Rewriter {
        var catalog: SiteCatalog
        var logIndex: Int
        /// The linking file's path relative to its repository.
        var sourcePath: String
        /// The page the links appear on.
        var page: String
        var configuration: SiteConfiguration
        var branch: String?
        var copies: [String: String] = [:]
        /// Every link decided on, in order.
        var decisions: [(link: MarkdownLinkTarget, rewrite: MarkdownLinkRewrite)] = []

        mutating func rewrite(_ target: MarkdownLinkTarget) -> MarkdownLinkRewrite {
            let rewrite = decide(target)
            decisions.append((target, rewrite))
            return rewrite
        }

        private mutating func decide(_ target: MarkdownLinkTarget) -> MarkdownLinkRewrite {
            let destination = target.destination.trimmingCharacters(in: .whitespaces)
            if destination.hasPrefix("#") {
                return target.isImage ? .textOnly : .destination(destination)
            }
            if destination.hasPrefix("//") {
                return target.isImage ? .textOnly : .destination(destination)
            }
            if let scheme = SiteLinks.scheme(of: destination) {
                // An image from elsewhere would be a request leaving the site.
                guard !target.isImage, SiteLinks.allowedSchemes.contains(scheme) else {
                    return .textOnly
                }
                return .destination(destination)
            }
            guard let path = SiteCatalog.resolve(destination, from: sourcePath) else {
                return .textOnly
            }
            let fragment = destination.firstIndex(of: "#").map { String(destination[$0...]) } ?? ""
            if !target.isImage, let other = catalog.item(atPath: path, inLog: logIndex) {
                return .destination(
                    SiteLinks.relative(catalog.items[other].page, from: page) + fragment
                )
            }
            let log = catalog.logs[logIndex]
            if log.files.contains(path) {
                let sitePath =
                    "files/" + (log.siteFolder.isEmpty ? "" : log.siteFolder + "/") + path
                copies[sitePath] = log.sourceRoot + "/" + path
                let encoded = sitePath.split(separator: "/").map {
                    $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
                }.joined(separator: "/")
                return .destination(SiteLinks.relative(encoded, from: page))
            }
            if !target.isImage,
                let url = SiteLinks.forgeURL(
                    .view,
                    path: path,
                    configuration: configuration,
                    branch: branch
                )
            {
                return .destination(url)
            }
            return .textOnly
        }
    }
}

import Yams

/// The `site:` section of `.adr.yml`, for `adr site`.
///
/// ```yaml
/// site:
///   title: Payments decisions
///   url: https://github.com/acme/payments     # the repository's web page
///   forge: github                              # github, gitlab, bitbucket, or a pattern
///   branch: main                               # else read from the repository
///   theme: docs/adr-theme                      # files replacing built-in theme files
///   mermaid: vendor/mermaid.min.js             # opt-in; a file or a URL
/// ```
///
/// A forge pattern names the three kinds of link with `{path}`, `{commit}` and
/// `{branch}`: `forge: {view: "…/blob/{branch}/{path}", edit: "…", commit: "…/{commit}"}`.
public struct SiteConfiguration: Sendable, Hashable {
    public var title: String?
    public var repositoryURL: String?
    public var forge: Forge?
    public var branch: String?
    public var theme: String?
    public var mermaid: String?

    public init(
        title: String? = nil,
        repositoryURL: String? = nil,
        forge: Forge? = nil,
        branch: String? = nil,
        theme: String? = nil,
        mermaid: String? = nil
    ) {
        self.title = title
        self.repositoryURL = repositoryURL
        self.forge = forge
        self.branch = branch
        self.theme = theme
        self.mermaid = mermaid
    }

    /// Where a forge shows a file, lets one edit it, and shows a commit.
    public enum Forge: Sendable, Hashable {
        case github
        case gitlab
        case bitbucket
        /// URL patterns with `{url}`, `{path}`, `{branch}` and `{commit}` placeholders.
        case pattern(view: String, edit: String?, commit: String?)

        /// `(view, edit, commit)` patterns.
        public var patterns: (view: String, edit: String?, commit: String?) {
            switch self {
            case .github:
                (
                    "{url}/blob/{branch}/{path}", "{url}/edit/{branch}/{path}",
                    "{url}/commit/{commit}"
                )
            case .gitlab:
                (
                    "{url}/-/blob/{branch}/{path}", "{url}/-/edit/{branch}/{path}",
                    "{url}/-/commit/{commit}"
                )
            case .bitbucket:
                (
                    "{url}/src/{branch}/{path}", "{url}/src/{branch}/{path}?mode=edit",
                    "{url}/commits/{commit}"
                )
            case .pattern(let view, let edit, let commit): (view, edit, commit)
            }
        }

        /// The forge a repository URL's host names, if it is a known one.
        public static func guessed(from url: String) -> Forge? {
            let lowered = url.lowercased()
            if lowered.contains("github") { return .github }
            if lowered.contains("gitlab") { return .gitlab }
            if lowered.contains("bitbucket") { return .bitbucket }
            return nil
        }
    }
}

extension SiteConfiguration {
    static let keys = "title, url, forge, branch, theme, mermaid"

    /// Reads the `site:` mapping.
    init(node: Node) throws(ConfigurationError) {
        self.init()
        guard let mapping = node.mapping else {
            throw ConfigurationError(
                line: node.mark?.line,
                message: "expected \"site\" to be a mapping of keys"
            )
        }
        for (key, value) in mapping {
            let name = key.string ?? ""
            switch name {
            case "title": title = try Self.scalar(value, key: name)
            case "url": repositoryURL = try Self.scalar(value, key: name)
            case "branch": branch = try Self.scalar(value, key: name)
            case "theme": theme = try Self.scalar(value, key: name)
            case "mermaid": mermaid = try Self.scalar(value, key: name)
            case "forge":
                if let scalar = value.scalar {
                    switch scalar.string.lowercased() {
                    case "github": forge = .github
                    case "gitlab": forge = .gitlab
                    case "bitbucket": forge = .bitbucket
                    default:
                        throw ConfigurationError(
                            line: value.mark?.line,
                            message:
                                "unknown forge \"\(scalar.string)\" (expected github, gitlab, bitbucket, or view/edit/commit patterns)"
                        )
                    }
                } else if let patterns = value.mapping {
                    var found: [String: String] = [:]
                    for (patternKey, patternValue) in patterns {
                        let patternName = patternKey.string ?? ""
                        guard ["view", "edit", "commit"].contains(patternName) else {
                            throw ConfigurationError(
                                line: patternKey.mark?.line,
                                message:
                                    "unknown key \"\(patternName)\" in \"forge\" (expected view, edit, commit)"
                            )
                        }
                        found[patternName] = try Self.scalar(patternValue, key: patternName)
                    }
                    guard let view = found["view"] else {
                        throw ConfigurationError(
                            line: value.mark?.line,
                            message: "a forge pattern needs a \"view\" URL"
                        )
                    }
                    forge = .pattern(view: view, edit: found["edit"], commit: found["commit"])
                } else {
                    throw ConfigurationError(
                        line: value.mark?.line,
                        message: "\"forge\" must be a name or a mapping of patterns"
                    )
                }
            default:
                throw ConfigurationError(
                    line: key.mark?.line,
                    message: "unknown key \"\(name)\" in \"site\" (expected \(Self.keys))"
                )
            }
        }
    }

    private static func scalar(_ node: Node, key: String) throws(ConfigurationError) -> String {
        guard let scalar = node.scalar else {
            throw ConfigurationError(
                line: node.mark?.line,
                message: "\"\(key)\" must be a single value"
            )
        }
        return scalar.string
    }
}

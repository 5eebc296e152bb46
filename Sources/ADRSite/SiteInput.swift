public import ADRCore

/// Everything a site is made from, read by the caller: the site itself does no I/O.
public struct SiteInput: Sendable {
    /// The site's title (`--title`, `site.title`, else the repository's folder name).
    public var title: String
    public var logs: [SiteLog]
    /// The `site:` settings of `.adr.yml`.
    public var configuration: SiteConfiguration
    /// The branch forge links point at, read from the repository.
    public var branch: String?
    /// `--base-url`: absolute URLs for the sitemap and the feed.
    public var baseURL: String?
    /// Whether history was read; without it the record pages have no history panels.
    public var hasHistory: Bool
    /// The site path or URL of the Mermaid script, when one is configured.
    public var mermaidScript: String?
    /// Theme files replacing the built-in ones, by file name (`record.mustache`, `site.css`).
    public var theme: [String: String]
    /// The stamps of the record pages of the site built before, by site path, when that
    /// site's pages can be kept (built by this same `adr`): a page whose stamp still holds
    /// is not rendered again (it is in ``SiteOutput/reusedPages``).
    public var previousPages: [String: RecordPageStamp] = [:]
    /// The record pages' bodies, when the caller rendered them ahead of the build
    /// (``RenderedBodies/rendering(_:eachRecord:)``); the build renders those missing.
    public var renderedBodies: RenderedBodies?
    /// Writes the site's data (every record with its history and approvals, schema in
    /// ``SiteData``) as `adrs.json`: JSON is made by `ADRReport`, which this target does
    /// not import. Without a writer the site has no `adrs.json`.
    public var dataWriter: (@Sendable (SiteData) -> String)?

    public init(
        title: String,
        logs: [SiteLog],
        configuration: SiteConfiguration = SiteConfiguration(),
        branch: String? = nil,
        baseURL: String? = nil,
        hasHistory: Bool = true,
        mermaidScript: String? = nil,
        theme: [String: String] = [:]
    ) {
        self.title = title
        self.logs = logs
        self.configuration = configuration
        self.branch = branch
        self.baseURL = baseURL
        self.hasHistory = hasHistory
        self.mermaidScript = mermaidScript
        self.theme = theme
    }
}

/// One log of the site: a folder of records in one repository.
public struct SiteLog: Sendable {
    /// The label shown beside its records (a named log, or `repository/log`), `nil` for
    /// the only log of a repository.
    public var label: String?
    /// The folder of the site its record pages go to (`""` for the top, `api`).
    public var siteFolder: String
    /// The log folder relative to its repository's root.
    public var folder: String
    /// The absolute path of its repository's root, for the files the site copies.
    public var sourceRoot: String
    /// The log's README or index text, shown on the home page.
    public var introduction: String?
    public var records: [SiteRecord]
    /// Other files under the log folder (images, attachments), relative to the root: links
    /// to them are copied into the site.
    public var files: Set<String>

    public init(
        label: String?,
        siteFolder: String,
        folder: String,
        sourceRoot: String,
        introduction: String? = nil,
        records: [SiteRecord],
        files: Set<String> = []
    ) {
        self.label = label
        self.siteFolder = siteFolder
        self.folder = folder
        self.sourceRoot = sourceRoot
        self.introduction = introduction
        self.records = records
        self.files = files
    }
}

/// One record with what git knows about it.
public struct SiteRecord: Sendable {
    public var entry: LogEntry
    /// The record's path relative to its repository's root.
    public var path: String
    public var history: RecordHistory?
    public var approvals: [ApprovalState]
    /// The facts of `entry`'s text when they were read already, else nil: the catalog
    /// reads them.
    public var facts: RecordFacts?

    public init(
        entry: LogEntry,
        path: String,
        history: RecordHistory? = nil,
        approvals: [ApprovalState] = [],
        facts: RecordFacts? = nil
    ) {
        self.entry = entry
        self.path = path
        self.history = history
        self.approvals = approvals
        self.facts = facts
    }
}

/// What a built site is: text files by site path, and files to copy from the repository.
public struct SiteOutput: Sendable, Equatable {
    /// Contents by path relative to the site folder.
    public var files: [String: String]
    /// Absolute source paths by site path (images and attachments records link to).
    public var copies: [String: String]
    /// How many record pages there are.
    public var recordCount: Int
    /// What each record page was rendered from, by site path, for the next build.
    public var pageStamps: [String: RecordPageStamp] = [:]
    /// Record pages not rendered because their stamp in ``SiteInput/previousPages`` still
    /// holds: the previous site's file is the page. They are not in `files`.
    public var reusedPages: Set<String> = []

    public init(files: [String: String] = [:], copies: [String: String] = [:], recordCount: Int = 0)
    {
        self.files = files
        self.copies = copies
        self.recordCount = recordCount
    }
}

/// A theme file that does not parse, named so the user can fix it.
public struct SiteError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

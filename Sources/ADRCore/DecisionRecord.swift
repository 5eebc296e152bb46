/// One Architecture Decision Record as read from its Markdown text.
///
/// Parsing never fails: whatever could not be understood is left `nil` and described in
/// `warnings`, so one odd file never stops a command over the whole log.
public struct DecisionRecord: Sendable, Hashable {
    /// The path the record was read from, as the caller named it (used in warnings).
    public var path: String
    /// The number from the file name (`0007-…`, `adr-007-…`, `007. …`), else from the title.
    public var number: Int?
    /// The title without any number prefix (`Use PostgreSQL`).
    public var title: String
    /// The first-level heading as written, without `# ` (`7. Use PostgreSQL`); adr-tools
    /// uses it as the text of links to this record.
    public var heading: String?
    /// The normalised status, `nil` when the record states none.
    public var status: RecordStatus?
    /// The status as written (`Superseded by [3. …](…)`, `Approved on 2026-02-08`).
    public var statusText: String?
    /// The record's date as ISO `yyyy-mm-dd` when it could be read.
    public var date: String?
    public var tags: [String]
    /// Typed links: adr-tools' `Type [title](file)` lines and the bullet forms.
    public var links: [RecordLink]
    /// Links to other records in prose ("As discussed in [3](0003-x.md), we…"): plain
    /// references, with no type, kept apart from ``links``.
    public var references: [RecordReference] = []
    public var warnings: [SourceWarning]

    public init(
        path: String,
        number: Int? = nil,
        title: String,
        heading: String? = nil,
        status: RecordStatus? = nil,
        statusText: String? = nil,
        date: String? = nil,
        tags: [String] = [],
        links: [RecordLink] = [],
        warnings: [SourceWarning] = []
    ) {
        self.path = path
        self.number = number
        self.title = title
        self.heading = heading
        self.status = status
        self.statusText = statusText
        self.date = date
        self.tags = tags
        self.links = links
        self.warnings = warnings
    }
}

/// A link to another record written in prose, not as a typed link.
public struct RecordReference: Sendable, Hashable {
    /// The link's text as written.
    public var text: String
    /// The link destination as written, relative to the record.
    public var target: String
    /// 1-based line of the link in the record's text.
    public var line: Int

    public init(text: String, target: String, line: Int) {
        self.text = text
        self.target = target
        self.line = line
    }
}

/// A link line between two records (`Superceded by [3. Third](0003-third.md)`).
public struct RecordLink: Sendable, Hashable {
    /// The link's type as written (`Superceded by`, `Supersedes`, `Amends`).
    public var type: String
    /// The link destination as written, usually a bare file name relative to the record.
    public var target: String
    /// 1-based line of the link in the record's text.
    public var line: Int

    public init(type: String, target: String, line: Int) {
        self.type = type
        self.target = target
        self.line = line
    }
}

/// A problem found while reading a file: `path:line: message`.
public struct SourceWarning: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

import ADRCore
public import Foundation

/// `adrs.json`: every record with its history and approvals, for Backstage and other
/// consumers. Schema version 1 (`"version": 1`); fields are only ever added within a
/// version, and a missing value is `null` or an empty list.
///
/// ```json
/// {
///   "version": 1,
///   "title": "Payments decisions",
///   "records": [{
///     "id": "0007-use-a-queue", "log": "api" | null, "path": "docs/adr/0007-use-a-queue.md",
///     "page": "api/0007-use-a-queue.html", "number": 7 | null, "title": "Use a queue",
///     "status": "accepted" | null, "statusText": "Accepted" | null, "date": "2024-03-01" | null,
///     "tags": ["queue"], "deciders": ["Ada"],
///     "links": [{"type": "Supersedes", "id": "0003-poll", "page": "api/0003-poll.html"}],
///     "supersededBy": ["0009-use-streams"],
///     "history": [{"commit": "…", "date": "2024-03-01T10:00:00+00:00",
///                  "author": {"name": "…", "email": "…"}, "summary": "…",
///                  "change": "created" | "edited" | "status changed" | "renamed" | "deleted",
///                  "path": "…", "status": "accepted" | null}],
///     "approvals": [{"approver": "Ada <ada@example.com>", "date": "…", "source": "note" | "trailer",
///                    "commit": "…", "comment": "…" | null, "current": true, "changedBy": "…" | null}],
///     "text": "# Use a queue\n…"
///   }]
/// }
/// ```
/// `history` is absent when the site was built without history; `text` holds the record's
/// Markdown, so that `adr site --include other/adrs.json` can show it. Absent values are
/// left out.
public struct SiteData: Codable, Sendable, Equatable {
    public struct Record: Codable, Sendable, Equatable {
        public var id: String
        public var log: String?
        public var path: String
        public var page: String
        public var number: Int?
        public var title: String
        public var status: String?
        public var statusText: String?
        public var date: String?
        public var tags: [String]
        public var deciders: [String]
        public var links: [Link]
        public var supersededBy: [String]
        public var history: [Revision]?
        public var approvals: [ApprovalEntry]
        /// The record's Markdown as read (added in version 1; older exports lack it).
        public var text: String?
    }

    public struct Link: Codable, Sendable, Equatable {
        public var type: String
        public var id: String
        public var page: String
    }

    public struct Person: Codable, Sendable, Equatable {
        public var name: String
        public var email: String
    }

    public struct Revision: Codable, Sendable, Equatable {
        public var commit: String
        public var date: String
        public var author: Person
        public var summary: String
        public var change: String
        public var path: String
        public var status: String?
    }

    public struct ApprovalEntry: Codable, Sendable, Equatable {
        public var approver: String
        public var date: String
        public var source: String
        public var commit: String
        public var comment: String?
        public var current: Bool
        public var changedBy: String?
    }

    public var version: Int
    public var title: String
    public var records: [Record]

    /// Reads an exported `adrs.json` (for `adr site --include`).
    public init(parsing data: Data) throws {
        self = try JSONDecoder().decode(SiteData.self, from: data)
    }

    init(version: Int, title: String, records: [Record]) {
        self.version = version
        self.title = title
        self.records = records
    }

    /// The records of an exported site as one log of a new one, labelled `label`, its
    /// pages under `siteFolder`.
    public func log(label: String, siteFolder: String, sourceRoot: String) -> SiteLog {
        let records = self.records.map { record -> SiteRecord in
            let text = record.text ?? "# \(record.title)\n"
            var parsed = DecisionRecord(parsing: text, path: record.path)
            parsed.number = parsed.number ?? record.number
            let revisions = (record.history ?? []).enumerated().map { order, revision in
                RecordRevision(
                    commit: revision.commit,
                    author: ADRCore.Person(
                        name: revision.author.name,
                        email: revision.author.email
                    ),
                    committer: ADRCore.Person(
                        name: revision.author.name,
                        email: revision.author.email
                    ),
                    date: revision.date,
                    summary: revision.summary,
                    change: Self.change(revision.change, first: order == 0),
                    path: revision.path,
                    status: revision.status.flatMap(RecordStatus.init(parsing:)),
                    time: 0,
                    order: order
                )
            }
            let approvals = record.approvals.map { entry in
                ApprovalState(
                    approval: Approval(
                        record: record.path,
                        textHash: "",
                        approver: entry.approver,
                        date: entry.date,
                        comment: entry.comment,
                        source: Approval.Source(rawValue: entry.source) ?? .note,
                        commit: entry.commit
                    ),
                    changedBy: entry.changedBy
                )
            }
            let fileName = String(record.path.split(separator: "/").last ?? Substring(record.id))
            return SiteRecord(
                entry: LogEntry(fileName: fileName, text: text, record: parsed),
                path: record.path,
                history: revisions.isEmpty ? nil : RecordHistory(revisions: revisions),
                approvals: approvals
            )
        }
        let folder = records.first.map {
            String($0.path.split(separator: "/").dropLast().joined(separator: "/"))
        }
        return SiteLog(
            label: label,
            siteFolder: siteFolder,
            folder: folder ?? ".",
            sourceRoot: sourceRoot,
            records: records
        )
    }

    private static func change(_ name: String, first: Bool) -> RecordChange {
        switch name {
        case "deleted": .deleted
        case "renamed": .renamed
        case "created": first ? .added : .added
        default: .modified
        }
    }

    /// The site's data; `ADRReport` writes it as `adrs.json`.
    static func value(for catalog: SiteCatalog, input: SiteInput) -> SiteData {
        let records = catalog.items.enumerated().map { index, item -> Record in
            let record = item.entry.record
            return Record(
                id: item.stem,
                log: catalog.logs[item.logIndex].label,
                path: item.record.path,
                page: item.page,
                number: record.number,
                title: record.title,
                status: item.status?.name,
                statusText: record.statusText,
                date: item.date,
                tags: record.tags,
                deciders: item.facts.deciders,
                links: item.links.map {
                    Link(
                        type: $0.type,
                        id: catalog.items[$0.target].stem,
                        page: catalog.items[$0.target].page
                    )
                },
                supersededBy: catalog.successors(of: index).map { catalog.items[$0].stem },
                history: input.hasHistory
                    ? (item.record.history?.events ?? []).map { event in
                        Revision(
                            commit: event.revision.commit,
                            date: event.revision.date,
                            author: Person(
                                name: event.revision.author.name,
                                email: event.revision.author.email
                            ),
                            summary: event.revision.summary,
                            change: event.kind.rawValue,
                            path: event.revision.path,
                            status: event.revision.status?.name
                        )
                    } : nil,
                approvals: item.record.approvals.map { state in
                    ApprovalEntry(
                        approver: state.approval.approver,
                        date: state.approval.date,
                        source: state.approval.source.rawValue,
                        commit: state.approval.commit,
                        comment: state.approval.comment,
                        current: state.isCurrent,
                        changedBy: state.changedBy
                    )
                },
                text: item.entry.text
            )
        }
        return SiteData(version: Site.schemaVersion, title: input.title, records: records)
    }
}

public import ADRSite

extension Report {
    /// A site's `adrs.json` (schema in ``ADRSite/SiteData``): compact, keys in sorted
    /// order, absent values left out, one line ending in a newline.
    public static func siteDataJSON(_ data: SiteData) -> String {
        var writer = JSONWriter(compact: true)
        writer.object { writer in
            writer.member("records") { writer in
                writer.array { writer in
                    for record in data.records {
                        writer.element { siteRecord(record, into: &$0) }
                    }
                }
            }
            writer.member("title", data.title)
            writer.member("version") { $0.number(data.version) }
        }
        return writer.text + "\n"
    }

    private static func siteRecord(_ record: SiteData.Record, into writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("approvals") { writer in
                objects(record.approvals, into: &writer) { approval, writer in
                    writer.member("approver", approval.approver)
                    writer.member("changedBy", ifPresent: approval.changedBy)
                    writer.member("comment", ifPresent: approval.comment)
                    writer.member("commit", approval.commit)
                    writer.member("current") { $0.bool(approval.current) }
                    writer.member("date", approval.date)
                    writer.member("source", approval.source)
                }
            }
            writer.member("date", ifPresent: record.date)
            writer.member("deciders") { strings(record.deciders, into: &$0) }
            if let history = record.history {
                writer.member("history") { objects(history, into: &$0, siteRevision) }
            }
            writer.member("id", record.id)
            writer.member("links") { writer in
                objects(record.links, into: &writer) { link, writer in
                    writer.member("id", link.id)
                    writer.member("page", link.page)
                    writer.member("type", link.type)
                }
            }
            writer.member("log", ifPresent: record.log)
            if let number = record.number {
                writer.member("number") { $0.number(number) }
            }
            writer.member("page", record.page)
            writer.member("path", record.path)
            writer.member("status", ifPresent: record.status)
            writer.member("statusText", ifPresent: record.statusText)
            writer.member("supersededBy") { strings(record.supersededBy, into: &$0) }
            writer.member("tags") { strings(record.tags, into: &$0) }
            writer.member("text", ifPresent: record.text)
            writer.member("title", record.title)
        }
    }

    private static func siteRevision(_ revision: SiteData.Revision, into writer: inout JSONWriter) {
        writer.member("author") { writer in
            writer.object { writer in
                writer.member("email", revision.author.email)
                writer.member("name", revision.author.name)
            }
        }
        writer.member("change", revision.change)
        writer.member("commit", revision.commit)
        writer.member("date", revision.date)
        writer.member("path", revision.path)
        writer.member("status", ifPresent: revision.status)
        writer.member("summary", revision.summary)
    }

    /// An array of one object per item, its members written by `members`.
    private static func objects<Item>(
        _ items: [Item],
        into writer: inout JSONWriter,
        _ members: (Item, inout JSONWriter) -> Void
    ) {
        writer.array { writer in
            for item in items {
                writer.element { writer in writer.object { members(item, &$0) } }
            }
        }
    }

    private static func strings(_ values: [String], into writer: inout JSONWriter) {
        writer.array { writer in
            for value in values { writer.element { $0.string(value) } }
        }
    }
}

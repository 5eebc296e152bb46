/// The heavy repeated rows of the record and timeline pages, written in Swift rather than
/// through Mustache's dynamic lookups (at 1,000 records x 20,000 commits those lookups were
/// most of a cold build). Each row is exactly what the built-in template's loop wrote; every
/// string passes through ``escape(_:)``, the same escaping Mustache's `{{name}}` applies.
///
/// A theme that replaces `record.mustache` or `timeline.mustache` still gets the rows as
/// values (`revisions`, `approvals`, `statusTimeline`, `months[].events`) for its own loop.
public enum SiteHTML {
    /// `text` with `<`, `>`, `&`, `"` and `'` escaped as Mustache's `{{name}}` escapes them.
    public static func escape(_ text: String) -> String {
        var text = text
        // Over the contiguous bytes: walking `utf8` checked every index.
        return text.withUTF8 { source in
            guard
                source.contains(where: {
                    $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27
                })
            else { return nil }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.count + 16)
            for byte in source {
                switch byte {
                case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
                case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
                case 0x26: bytes.append(contentsOf: "&amp;".utf8)
                case 0x22: bytes.append(contentsOf: "&quot;".utf8)
                case 0x27: bytes.append(contentsOf: "&#39;".utf8)
                default: bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        } ?? text
    }

    /// A row's HTML written piece by piece: markup as it is, text through ``escape(_:)``.
    /// Appending each piece avoids the temporary strings a chain of `+` makes, one per
    /// piece, on rows written by the thousand.
    struct Builder {
        private(set) var html: String

        init() {
            html = ""
            html.reserveCapacity(320)
        }

        mutating func markup(_ markup: String) { html += markup }

        mutating func text(_ text: String) { html += escape(text) }

        /// `open`, `text` escaped and `close`; nothing when there is no text.
        mutating func text(_ text: String?, between open: String, and close: String) {
            guard let text else { return }
            markup(open)
            self.text(text)
            markup(close)
        }

        /// A short commit, linked when the forge gives it a page: `<a ` + `linkAttributes`
        /// + the URL + `after` + `">"`, else a plain monospaced span.
        mutating func commit(
            _ shortCommit: String,
            url: String?,
            linkAttributes: String,
            after: String = ""
        ) {
            if let url {
                markup("<a " + linkAttributes)
                text(url)
                markup(after + "\">")
                text(shortCommit)
                markup("</a>")
            } else {
                markup("<span class=\"mono\">")
                text(shortCommit)
                markup("</span>")
            }
        }
    }

    /// One row of a record's history table.
    struct Revision {
        var date: String
        var day: String
        var kind: String
        var kindClass: String
        var detail: String?
        var author: String
        var shortCommit: String
        var commitURL: String?
        var subject: String

        var html: String {
            var row = Builder()
            row.markup("<tr><td><time datetime=\"")
            row.text(date)
            row.markup("\">")
            row.text(day)
            row.markup("</time></td><td><span class=\"change change-")
            row.text(kindClass)
            row.markup("\">")
            row.text(kind)
            row.markup("</span>")
            row.text(detail, between: " <span class=\"meta\">", and: "</span>")
            row.markup("</td><td>")
            row.text(author)
            row.markup("</td><td>")
            row.commit(shortCommit, url: commitURL, linkAttributes: "class=\"mono\" href=\"")
            row.markup("</td><td>")
            row.text(subject)
            row.markup("</td></tr>")
            return row.html
        }

        var value: [String: Any] {
            var row: [String: Any] = [
                "date": date, "day": day, "kind": kind, "kindClass": kindClass, "author": author,
                "shortCommit": shortCommit, "subject": subject,
            ]
            if let detail { row["detail"] = detail }
            if let commitURL { row["commitURL"] = commitURL }
            return row
        }
    }

    /// One approval in a record page's approvals panel.
    struct Approval {
        var approver: String
        var date: String
        var day: String
        var source: String
        var shortCommit: String
        var commitURL: String?
        var isCurrent: Bool
        var comment: String?
        var changedBy: String?

        var html: String {
            var row = Builder()
            row.markup(
                isCurrent
                    ? "<li class=\"approval approval-current\">\n"
                    : "<li class=\"approval approval-stale\">\n"
            )
            row.markup("<span class=\"approver\">")
            row.text(approver)
            row.markup("</span>\n<span class=\"verdict\">")
            row.markup(isCurrent ? "✓ current" : "⚠ stale")
            row.markup("</span>\n<span class=\"meta\"><time datetime=\"")
            row.text(date)
            row.markup("\">")
            row.text(day)
            row.markup("</time> · ")
            row.text(source)
            row.markup(" · ")
            row.commit(
                shortCommit,
                url: commitURL,
                linkAttributes: "href=\"",
                after: "\" class=\"mono"
            )
            row.markup("</span>\n")
            row.text(comment, between: "<q class=\"comment\">", and: "</q>")
            row.markup("\n")
            row.text(
                changedBy,
                between: "<span class=\"meta\">text changed since in <span class=\"mono\">",
                and: "</span></span>"
            )
            row.markup("\n</li>")
            return row.html
        }

        var value: [String: Any] {
            var row: [String: Any] = [
                "approver": approver, "date": date, "day": day, "source": source,
                "shortCommit": shortCommit, "current": isCurrent,
            ]
            if let comment { row["comment"] = comment }
            if let changedBy { row["changedBy"] = changedBy }
            if let commitURL { row["commitURL"] = commitURL }
            return row
        }
    }

    /// One change of status in a record page's status timeline.
    struct StatusChange {
        var statusClass: String
        var statusLabel: String
        var date: String
        var day: String
        var author: String

        var html: String {
            var row = Builder()
            row.markup("<li><span class=\"status status-")
            row.text(statusClass)
            row.markup("\">")
            row.text(statusLabel)
            row.markup("</span> <time datetime=\"")
            row.text(date)
            row.markup("\">")
            row.text(day)
            row.markup("</time> <span class=\"meta\">")
            row.text(author)
            row.markup("</span></li>")
            return row.html
        }

        var value: [String: Any] {
            [
                "statusClass": statusClass, "statusLabel": statusLabel, "date": date, "day": day,
                "author": author,
            ]
        }
    }

    /// How a page names and links a record: the values every list of records shows.
    struct Reference {
        var href: String
        var label: String
        var numberLabel: String
        var title: String
        var statusClass: String
        var statusLabel: String

        var value: [String: Any] {
            [
                "href": href, "label": label, "numberLabel": numberLabel, "title": title,
                "statusClass": statusClass, "statusLabel": statusLabel,
            ]
        }
    }

    /// A decision of the graph page's chains, the decisions that replaced it nested in it.
    /// `html` ends with a line break, as the built-in `graph-node` partial does.
    struct GraphNode {
        var record: Reference
        var links: [(type: String, target: Reference)]
        var children: [GraphNode]

        var html: String {
            var row = Builder()
            write(into: &row)
            return row.html
        }

        private func write(into row: inout Builder) {
            row.markup("<li><a href=\"")
            row.text(record.href)
            row.markup("\"><span class=\"number\">")
            row.text(record.numberLabel)
            row.markup("</span> ")
            row.text(record.title)
            row.markup("</a> <span class=\"status status-")
            row.text(record.statusClass)
            row.markup("\">")
            row.text(record.statusLabel)
            row.markup("</span>")
            if !links.isEmpty {
                row.markup("<ul class=\"links\">")
                for link in links {
                    row.markup("<li><span class=\"relation\">")
                    row.text(link.type)
                    row.markup("</span> <a href=\"")
                    row.text(link.target.href)
                    row.markup("\">")
                    row.text(link.target.label)
                    row.markup("</a></li>")
                }
                row.markup("</ul>")
            }
            if !children.isEmpty {
                row.markup("<ul>")
                for child in children { child.write(into: &row) }
                row.markup("</ul>")
            }
            row.markup("</li>\n")
        }

        var value: [String: Any] {
            var value = record.value
            value["links"] = links.map { link -> [String: Any] in
                var target = link.target.value
                target["type"] = link.type
                return target
            }
            value["hasLinks"] = !links.isEmpty
            value["children"] = children.map(\.value)
            value["hasChildren"] = !children.isEmpty
            return value
        }
    }

    /// One event of the timeline page.
    struct Event {
        var date: String
        var day: String
        var kind: String
        var kindClass: String
        var href: String
        var numberLabel: String
        var title: String
        var detail: String?
        var who: String?

        var html: String {
            var row = Builder()
            row.markup("<li class=\"event event-")
            row.text(kindClass)
            row.markup("\"><time datetime=\"")
            row.text(date)
            row.markup("\">")
            row.text(day)
            row.markup("</time> <span class=\"change change-")
            row.text(kindClass)
            row.markup("\">")
            row.text(kind)
            row.markup("</span> <a href=\"")
            row.text(href)
            row.markup("\"><span class=\"number\">")
            row.text(numberLabel)
            row.markup("</span> ")
            row.text(title)
            row.markup("</a>")
            row.text(detail, between: " <span class=\"meta\">", and: "</span>")
            row.text(who, between: " <span class=\"meta\">by ", and: "</span>")
            row.markup("</li>")
            return row.html
        }

        var value: [String: Any] {
            var row: [String: Any] = [
                "date": date, "day": day, "kind": kind, "kindClass": kindClass, "href": href,
                "numberLabel": numberLabel, "title": title,
            ]
            if let detail { row["detail"] = detail }
            if let who { row["who"] = who }
            return row
        }
    }
}

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
            var row = "<tr><td><time datetime=\""
            row +=
                escape(date) + "\">" + escape(day) + "</time></td><td><span class=\"change change-"
            row += escape(kindClass) + "\">" + escape(kind) + "</span>"
            if let detail { row += " <span class=\"meta\">" + escape(detail) + "</span>" }
            row += "</td><td>" + escape(author) + "</td><td>"
            if let commitURL {
                row +=
                    "<a class=\"mono\" href=\"" + escape(commitURL) + "\">" + escape(shortCommit)
                    + "</a>"
            } else {
                row += "<span class=\"mono\">" + escape(shortCommit) + "</span>"
            }
            row += "</td><td>" + escape(subject) + "</td></tr>"
            return row
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
            var row = "<li class=\"approval " + (isCurrent ? "approval-current" : "approval-stale")
            row += "\">\n<span class=\"approver\">" + escape(approver) + "</span>\n"
            row += "<span class=\"verdict\">" + (isCurrent ? "✓ current" : "⚠ stale") + "</span>\n"
            row += "<span class=\"meta\"><time datetime=\"" + escape(date) + "\">" + escape(day)
            row += "</time> · " + escape(source) + " · "
            if let commitURL {
                row +=
                    "<a href=\"" + escape(commitURL) + "\" class=\"mono\">" + escape(shortCommit)
                    + "</a>"
            } else {
                row += "<span class=\"mono\">" + escape(shortCommit) + "</span>"
            }
            row += "</span>\n"
            if let comment { row += "<q class=\"comment\">" + escape(comment) + "</q>" }
            row += "\n"
            if let changedBy {
                row +=
                    "<span class=\"meta\">text changed since in <span class=\"mono\">"
                    + escape(changedBy) + "</span></span>"
            }
            return row + "\n</li>"
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
            var row = "<li><span class=\"status status-" + escape(statusClass) + "\">"
            row += escape(statusLabel) + "</span> <time datetime=\"" + escape(date) + "\">"
            return row + escape(day) + "</time> <span class=\"meta\">" + escape(author)
                + "</span></li>"
        }

        var value: [String: Any] {
            [
                "statusClass": statusClass, "statusLabel": statusLabel, "date": date, "day": day,
                "author": author,
            ]
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
            var row = "<li class=\"event event-" + escape(kindClass) + "\"><time datetime=\""
            row += escape(date) + "\">" + escape(day) + "</time> <span class=\"change change-"
            row += escape(kindClass) + "\">" + escape(kind) + "</span> <a href=\"" + escape(href)
            row += "\"><span class=\"number\">" + escape(numberLabel) + "</span> " + escape(title)
            row += "</a>"
            if let detail { row += " <span class=\"meta\">" + escape(detail) + "</span>" }
            if let who { row += " <span class=\"meta\">by " + escape(who) + "</span>" }
            return row + "</li>"
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

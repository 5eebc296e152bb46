import Foundation

/// The search and filter index the home page loads with a `<script>` tag (a `fetch` of a
/// JSON file fails from file://).
///
/// `window.ADR_INDEX = {"v":1,"r":[[title, status, year, tags, log, people, text, date,
/// number], …]}`, one row per record in the order of the page's `data-i` attributes. The
/// text is the record without Markdown syntax, whitespace collapsed, cut to a length that
/// keeps the whole index near 2.5 MB however many records there are (4,000 characters each
/// up to 500 records, 400 at 5,000).
enum SearchIndex {
    static func script(for catalog: SiteCatalog) -> String {
        let budget = max(300, min(4000, 2_000_000 / max(1, catalog.items.count)))
        var script = "window.ADR_INDEX={\"v\":\(Site.schemaVersion),\"r\":["
        for (index, item) in catalog.items.enumerated() {
            if index > 0 { script += ",\n" }
            let record = item.entry.record
            let people =
                item.facts.deciders
                + (item.record.history?.revisions.map(\.author.name) ?? [])
                + item.record.approvals.map { approver in
                    let name = approver.approval.approver
                    return String(name.split(separator: "<").first ?? Substring(name))
                        .trimmingCharacters(in: .whitespaces)
                }
            var seen = Set<String>()
            let uniquePeople = people.filter { seen.insert($0).inserted }
            let fields: [String] = [
                JSONText.quoted(record.title),
                JSONText.quoted(SiteBuilder.statusKey(item.status)),
                JSONText.quoted(item.date.map { String($0.prefix(4)) } ?? ""),
                "[" + record.tags.map(JSONText.quoted).joined(separator: ",") + "]",
                JSONText.quoted(catalog.logs[item.logIndex].label ?? ""),
                JSONText.quoted(uniquePeople.joined(separator: ", ")),
                JSONText.quoted(collapsed(item.facts.plainText, limit: budget)),
                JSONText.quoted(item.date ?? ""),
                String(record.number ?? 0),
            ]
            script += "[" + fields.joined(separator: ",") + "]"
        }
        return script + "]};\n"
    }

    /// `text` with runs of whitespace made one space, cut at a word before `limit`
    /// characters.
    static func collapsed(_ text: String, limit: Int) -> String {
        // ASCII text byte by byte: there every byte is one character and the whitespace
        // characters are exactly these bytes (a CR LF pair collapses like one character).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(min(text.utf8.count, limit))
            var pendingSpace = false
            for byte in text.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = !bytes.isEmpty
                    continue
                }
                if pendingSpace {
                    if bytes.count >= limit { break }
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var result = ""
        var count = 0
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = count > 0
                continue
            }
            if pendingSpace {
                if count >= limit { break }
                result.append(" ")
                count += 1
                pendingSpace = false
            }
            result.append(character)
            count += 1
        }
        return result
    }
}

/// JSON string literals that are also safe inside a script: `<`, `>`, `&` and the line
/// separators are escaped too.
enum JSONText {
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                result += "\\u" + hex(scalar.value)
            default:
                if scalar.value < 0x20 {
                    result += "\\u" + hex(scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

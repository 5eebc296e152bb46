public import ADRCore
import Foundation

/// The one producer of terminal and JSON output for records.
public enum Report {
    /// The JSON object `adr list --format json` prints for one record.
    public static func json(for entry: LogEntry, in log: DecisionLog) -> JSONValue {
        let record = entry.record
        let links: [JSONValue] = record.links.map { link in
            let target = log.target(of: link, from: entry)?.record.path
            return .object([
                ("type", .string(link.type)), ("target", .string(target ?? link.target)),
            ])
        }
        // Prose links to records: resolved like typed links, but with no type.
        let references: [JSONValue] = record.references.map { reference in
            let link = RecordLink(type: "", target: reference.target, line: reference.line)
            let target = log.target(of: link, from: entry)?.record.path
            return .object([
                ("target", .string(target ?? reference.target)), ("text", .string(reference.text)),
            ])
        }
        return .object([
            ("id", .string(entry.id)),
            ("number", JSONValue(record.number)),
            ("title", .string(record.title)),
            ("status", JSONValue(record.status?.name)),
            ("statusText", JSONValue(record.statusText)),
            ("date", JSONValue(record.date)),
            ("path", .string(record.path)),
            ("tags", .array(record.tags.map { .string($0) })),
            ("links", .array(links)),
            ("references", .array(references)),
            ("warnings", .array(record.warnings.map { .string($0.description) })),
        ])
    }

    /// An aligned table of number, status, date and title, for a person at a terminal.
    public static func table(_ entries: [LogEntry]) -> String {
        let rows = entries.map { entry in
            [
                entry.record.number.map { RecordFileName.paddedNumber($0) } ?? "-",
                entry.record.status?.name ?? "-",
                entry.record.date ?? "-",
                Terminal.sanitized(entry.record.title),
            ]
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ") + "  " + row[3] + "\n"
        }.joined()
    }

    /// `adr show`: the record's metadata, its links resolved both ways, then its text.
    public static func text(for entry: LogEntry, in log: DecisionLog, displayPath: String)
        -> String
    {
        let record = entry.record
        var lines = [
            "path:    \(displayPath)",
            "number:  \(record.number.map(String.init) ?? "-")",
            "title:   \(record.title)",
            "status:  \(record.status?.name ?? "-")"
                + (record.statusText.map {
                    $0.lowercased() != record.status?.name ? " (\($0))" : ""
                } ?? ""),
            "date:    \(record.date ?? "-")",
        ]
        if !record.tags.isEmpty { lines.append("tags:    \(record.tags.joined(separator: ", "))") }
        var linkLines: [String] = []
        for link in record.links {
            let target = log.target(of: link, from: entry)
            linkLines.append("  \(link.type) \(target?.linkText ?? link.target)")
        }
        for (source, link) in log.incomingLinks(to: entry) {
            let known = record.links.contains {
                log.target(of: $0, from: entry)?.fileName == source.fileName
            }
            if !known {
                linkLines.append(
                    "  \(LinkSpelling.inverse(of: link.type)) \(source.linkText) (from its link)"
                )
            }
        }
        if !linkLines.isEmpty { lines.append("links:"); lines += linkLines }
        for warning in record.warnings { lines.append("warning: \(warning)") }
        return lines.map(Terminal.sanitized).joined(separator: "\n") + "\n\n"
            + Terminal.sanitizedLines(entry.text)
    }
}

/// Terminal output rules: no control characters from untrusted text, colour only on a
/// TTY and never with NO_COLOR.
public enum Terminal {
    /// `text` with control characters (escape sequences included) shown as `?`.
    public static func sanitized(_ text: String) -> String {
        // The common case has nothing to replace; 0xC2 leads the C1 controls in UTF-8. A
        // plain loop over the bytes: `utf8.contains(where:)` cost 40 instructions a byte.
        var bytes = text
        let plain = bytes.withUTF8 { utf8 in
            for byte in utf8 where (byte < 0x20 && byte != 0x09) || byte == 0x7F || byte == 0xC2 {
                return false
            }
            return true
        }
        guard !plain else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.value < 0x20 && scalar != "\t" || (0x7f...0x9f).contains(scalar.value)
                        ? "?" : scalar
                }
            )
        )
    }

    /// Appends `text` to `bytes` as ``sanitized(_:)`` would give it: C0 controls but tab,
    /// DEL and the C1 controls U+0080...U+009F (0xC2 and a byte below 0xA0 in UTF-8) as `?`.
    public static func appendSanitized(_ text: some StringProtocol, to bytes: inout [UInt8]) {
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                bytes.append(UInt8(ascii: "?"))
            } else if byte == 0xC2, let next = utf8.next() {
                if (0x80...0x9F).contains(next) {
                    bytes.append(UInt8(ascii: "?"))
                } else {
                    bytes.append(byte)
                    bytes.append(next)
                }
            } else {
                bytes.append(byte)
            }
        }
    }

    public static var standardOutputIsTerminal: Bool { isatty(1) == 1 }
}

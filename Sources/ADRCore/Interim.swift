// INTERIM: a minimal reader and editor for adr-tools records, used until the full
// cmark-gfm based parser lands. Replaced wholesale by that change.
import Foundation

extension DecisionRecord {
    public init(parsing text: String, path: String) {
        let lines = text.components(separatedBy: "\n").map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : $0
        }
        let fileName = String(path.split(separator: "/").last ?? "")
        var heading: String?
        var status: String?
        var date: String?
        var links: [RecordLink] = []
        var inStatus = false
        for (index, line) in lines.enumerated() {
            if heading == nil, line.hasPrefix("# ") { heading = String(line.dropFirst(2)) }
            if line.hasPrefix("Date: ") { date = String(line.dropFirst(6)) }
            if line.hasPrefix("## ") { inStatus = line == "## Status" }
            if let match = line.firstMatch(of: /^([A-Z][A-Za-z]*(?: [a-z]+)*) \[(.*)\]\((.*)\)$/) {
                links.append(RecordLink(type: String(match.1), target: String(match.3), line: index + 1))
            } else if inStatus, status == nil, !line.isEmpty, !line.hasPrefix("#") {
                status = line
            }
        }
        var title = heading ?? fileName
        if let match = title.firstMatch(of: /^\d+\.? +(.*)$/) { title = String(match.1) }
        let number = RecordFileName.leadingNumber(of: fileName)
        let parsedStatus: RecordStatus? = status.map {
            let word = $0.lowercased().split(separator: " ").first.map(String.init) ?? ""
            switch word {
            case "proposed": return .proposed
            case "accepted": return .accepted
            case "rejected": return .rejected
            case "deprecated": return .deprecated
            case "superseded", "superceded": return .superseded
            default: return .other($0.lowercased())
            }
        }
        self.init(
            path: path, number: number, title: title, heading: heading, status: parsedStatus,
            statusText: status, date: date, links: links)
    }
}

/// Edits of a record's text that keep everything else byte-for-byte.
public enum RecordText {
    public static func addingLink(
        type: String, text linkText: String, destination: String, to text: String
    ) -> String {
        var lines = text.components(separatedBy: "\n")
        let paragraph = "\(type) [\(linkText)](\(destination))"
        guard let status = lines.firstIndex(of: "## Status") else {
            return text + "\n" + paragraph + "\n"
        }
        let next = lines[(status + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.count
        lines.insert(contentsOf: [paragraph, ""], at: next)
        return lines.joined(separator: "\n")
    }

    public static func markingSuperseded(
        _ text: String, linkType: String, linkText: String, destination: String
    ) -> String {
        var lines = text.components(separatedBy: "\n")
        if let status = lines.firstIndex(of: "## Status") {
            let end = lines[(status + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.count
            if let accepted = lines[status..<end].firstIndex(of: "Accepted") {
                lines.remove(at: accepted)
                if accepted < lines.count, lines[accepted].isEmpty { lines.remove(at: accepted) }
            }
        }
        return addingLink(
            type: linkType, text: linkText, destination: destination,
            to: lines.joined(separator: "\n"))
    }

    public static func settingStatus(_ status: String, date: String?, in text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let section = lines.firstIndex(of: "## Status") else { return text }
        let end = lines[(section + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.count
        if let line = lines[(section + 1)..<end].firstIndex(where: {
            !$0.isEmpty && $0.firstMatch(of: /\[.*\]\(.*\)/) == nil
        }) {
            lines[line] = status
        } else {
            lines.insert(contentsOf: ["", status], at: section + 1)
        }
        return lines.joined(separator: "\n")
    }

    public static func rewritingLinks(
        in text: String, from oldDestination: String, to newDestination: String,
        oldText: String, newText: String
    ) -> String {
        text.replacingOccurrences(
            of: "[\(oldText)](\(oldDestination))", with: "[\(newText)](\(newDestination))"
        ).replacingOccurrences(of: "](\(oldDestination))", with: "](\(newDestination))")
    }
}

public enum RecordFiles {
    public static func isRecord(fileName: String) -> Bool {
        let lower = fileName.lowercased()
        if ["readme.md", "index.md", "template.md"].contains(lower) || lower.contains("template") {
            return false
        }
        return lower.hasSuffix(".md")
    }
}

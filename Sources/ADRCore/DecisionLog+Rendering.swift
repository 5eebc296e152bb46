/// Options of `adr generate toc`.
public struct TableOfContentsOptions: Sendable, Hashable {
    public var intro: String?
    public var outro: String?
    public var linkPrefix: String
    public var includesStatus: Bool

    public init(
        intro: String? = nil,
        outro: String? = nil,
        linkPrefix: String = "",
        includesStatus: Bool = false
    ) {
        self.intro = intro
        self.outro = outro
        self.linkPrefix = linkPrefix
        self.includesStatus = includesStatus
    }
}

/// The graph formats `adr generate graph` writes.
public enum GraphFormat: String, Sendable, CaseIterable {
    case dot
    case mermaid
}

extension DecisionLog {
    /// The adr-tools table of contents, byte for byte (plus an optional status per record).
    public func tableOfContents(_ options: TableOfContentsOptions = TableOfContentsOptions())
        -> String
    {
        var output = "# Architecture Decision Records\n\n"
        if let intro = options.intro { output += intro + "\n" }
        output += recordList(linkPrefix: options.linkPrefix, includesStatus: options.includesStatus)
        if let outro = options.outro { output += "\n" + outro }
        return output
    }

    /// `* [1. Title](prefix0001-title.md)` lines, one per record.
    public func recordList(linkPrefix: String = "", includesStatus: Bool = false) -> String {
        // One string grown in place: a line each for thousands of records.
        var list = ""
        list.reserveCapacity(entries.count * 80)
        for entry in entries {
            list += "* ["
            list += entry.linkText
            list += "]("
            list += linkPrefix
            list += entry.fileName
            list += ")"
            if includesStatus {
                list += " ("
                list += entry.record.status?.name ?? "no status"
                list += ")"
            }
            list += "\n"
        }
        return list
    }

    /// The markers around a generated list inside a hand-written index file.
    public static let indexMarkers = (
        start: "<!-- adr-index:start -->", end: "<!-- adr-index:end -->"
    )

    /// `document` with the record list between the index markers replaced, or appended with
    /// markers when it has none. Text outside the markers is kept byte for byte.
    public func updatingIndex(in document: String, linkPrefix: String = "") -> String {
        let list = recordList(linkPrefix: linkPrefix, includesStatus: true)
        let (start, end) = Self.indexMarkers
        if let startRange = document.range(of: start),
            let endRange = document.range(of: end, range: startRange.upperBound..<document.endIndex)
        {
            return document[..<startRange.upperBound] + "\n" + list
                + document[endRange.lowerBound...]
        }
        let separator =
            document.isEmpty || document.hasSuffix("\n\n")
            ? "" : (document.hasSuffix("\n") ? "\n" : "\n\n")
        return document + separator + start + "\n" + list + end + "\n"
    }

    /// The adr-tools Graphviz graph, byte for byte, or a Mermaid flowchart.
    public func graph(format: GraphFormat, linkPrefix: String = "", linkExtension: String = ".html")
        -> String
    {
        // A number is the node's id only when no other record has it: five records numbered
        // 37 are five nodes, named after their files, not one with self-loops.
        let duplicated = Set(duplicateNumbers.keys)
        let nodes = entries.map { entry in
            (
                entry: entry,
                node: "_"
                    + (entry.record.number.flatMap { duplicated.contains($0) ? nil : String($0) }
                        ?? Self.nodeName(entry.id))
            )
        }
        let nodeOf = Dictionary(
            nodes.map { ($0.entry.fileName, $0.node) },
            uniquingKeysWith: { a, _ in a }
        )
        var edges: [(from: String, to: String, label: String)] = []
        for (entry, node) in nodes {
            for link in entry.record.links where !link.type.lowercased().hasSuffix(" by") {
                guard let target = target(of: link, from: entry),
                    let targetNode = nodeOf[target.fileName]
                else { continue }
                edges.append((node, targetNode, link.type))
            }
        }
        func url(_ entry: LogEntry) -> String {
            let base =
                entry.fileName.hasSuffix(".md")
                ? String(entry.fileName.dropLast(3)) : entry.fileName
            return linkPrefix + base + linkExtension
        }
        switch format {
        case .dot:
            var output = "digraph {\n  node [shape=plaintext];\n  subgraph {\n"
            var previous: String?
            for (entry, node) in nodes {
                let label = entry.linkText.replacing("\\", with: "\\\\").replacing(
                    "\"",
                    with: "\\\""
                )
                output += "    \(node) [label=\"\(label)\"; URL=\"\(url(entry))\"];\n"
                if let previous {
                    output += "    \(previous) -> \(node) [style=\"dotted\", weight=1];\n"
                }
                previous = node
            }
            output += "  }\n"
            for edge in edges {
                output += "  \(edge.from) -> \(edge.to) [label=\"\(edge.label)\", weight=0]\n"
            }
            return output + "}\n"
        case .mermaid:
            var output = "flowchart TD\n"
            var previous: String?
            for (entry, node) in nodes {
                let label = entry.linkText.replacing("\"", with: "#quot;")
                output += "  \(node)[\"\(label)\"]\n"
                output += "  click \(node) \"\(url(entry))\"\n"
                if let previous { output += "  \(previous) -.-> \(node)\n" }
                previous = node
            }
            for edge in edges {
                output +=
                    "  \(edge.from) -->|\(edge.label.replacing("|", with: "#124;"))| \(edge.to)\n"
            }
            return output
        }
    }

    private static func nodeName(_ id: String) -> String {
        String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}

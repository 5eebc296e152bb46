/// The link graph as an arc diagram: one row per linked record, one arc per link. Drawn
/// by `adr`, so it needs no script; its text goes through the `graph-svg` template.
enum SiteGraph {
    static let rowHeight = 30
    static let maximumNodes = 400

    /// The values for the `graph-svg` template, `nil` when no record links to another.
    static func context(for catalog: SiteCatalog, from page: String) -> [String: Any]? {
        var linked = Set<Int>()
        for (index, item) in catalog.items.enumerated() where !item.links.isEmpty {
            linked.insert(index)
            for link in item.links { linked.insert(link.target) }
        }
        let nodes = linked.sorted().prefix(maximumNodes)
        guard !nodes.isEmpty else { return nil }
        var row: [Int: Int] = [:]
        for (position, index) in nodes.enumerated() { row[index] = position }
        var edges: [[String: Any]] = []
        var widest = 0
        let x = 0
        var drawn = Set<[Int]>()
        for index in nodes {
            for link in catalog.items[index].links {
                // `Superseded by` is drawn as the `Supersedes` it mirrors, once.
                let reversed = link.type.lowercased().hasSuffix(" by")
                let (source, target) = reversed ? (link.target, index) : (index, link.target)
                guard let from = row[source], let to = row[target],
                    drawn.insert([min(from, to), max(from, to)]).inserted
                else { continue }
                let y1 = 20 + from * rowHeight
                let y2 = 20 + to * rowHeight
                let radius = abs(y2 - y1) / 2
                let rx = max(min(radius, 160), 16)
                widest = max(widest, rx)
                // From the linking record to its target, bulging left either way.
                edges.append([
                    "y1": y1 + (y1 < y2 ? 4 : -4), "y2": y2 + (y1 < y2 ? -5 : 5), "rx": rx,
                    "ry": radius, "sweep": y1 < y2 ? 0 : 1,
                    "supersedes": SiteCatalog.isSupersedes(link.type)
                        || SiteCatalog.isSupersededBy(link.type),
                    "label": link.type,
                ])
            }
        }
        let offset = widest + 12
        let builder = nodes.map { index -> [String: Any] in
            let item = catalog.items[index]
            let y = 20 + (row[index] ?? 0) * rowHeight
            let title = item.entry.record.number.map { "\($0). " } ?? ""
            return [
                "href": SiteLinks.relative(SiteBuilder.encodedPath(item.page), from: page),
                "x": offset, "y": y, "textX": offset + 10, "textY": y + 4,
                "label": title + item.entry.record.title,
                "statusLabel": SiteBuilder.statusLabel(item.status),
            ]
        }
        let longest = nodes.map { catalog.items[$0].entry.record.title.count + 20 }.max() ?? 40
        return [
            "width": offset + 20 + min(longest, 110) * 7, "height": 20 + nodes.count * rowHeight,
            "nodeCount": nodes.count, "nodes": builder,
            "edges": edges.map { edge in
                var edge = edge
                edge["x"] = offset + x
                return edge
            },
        ]
    }
}

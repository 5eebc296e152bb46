public import ADRCore
import Foundation

/// The records of every log of a site, resolved: pages, links both ways, lineage.
public struct SiteCatalog: Sendable {
    /// One record as the site shows it.
    public struct Item: Sendable {
        public var record: SiteRecord
        public var logIndex: Int
        /// The record's page, relative to the site folder (`0007-use-a-queue.html`).
        public var page: String
        public var facts: RecordFacts
        /// Outgoing links resolved to other items: (type as written, item index).
        public var links: [(type: String, target: Int)]
        /// Incoming links: (type as written in the source, source item index).
        public var incoming: [(type: String, source: Int)]
        /// The record's date: the record's own, else the day it was created.
        public var date: String?

        public var entry: LogEntry { record.entry }
        public var stem: String { record.entry.id }
        public var status: RecordStatus? { record.entry.record.status }
    }

    public var items: [Item]
    public var logs: [SiteLog]
    /// Item index by repository path, per log.
    private var byPath: [Int: [String: Int]]

    public init(logs: [SiteLog]) {
        self.logs = logs
        items = []
        byPath = [:]
        var records: [(logIndex: Int, record: SiteRecord)] = []
        for (logIndex, log) in logs.enumerated() {
            let sorted = log.records.sorted { $0.entry.fileName < $1.entry.fileName }
            records += sorted.map { (logIndex, $0) }
        }
        // Reading the facts parses each record's Markdown: on every core, for the records
        // whose facts the caller has not read.
        let unread = records.indices.filter { records[$0].record.facts == nil }
        let read = Parallel.map(count: unread.count) {
            RecordFacts(parsing: records[unread[$0]].record.entry.text)
        }
        var nextRead = 0
        let facts = records.map { pair -> RecordFacts in
            if let known = pair.record.facts { return known }
            defer { nextRead += 1 }
            return read[nextRead]
        }
        for (position, (logIndex, record)) in records.enumerated() {
            let log = logs[logIndex]
            let name = record.entry.id + ".html"
            let page = log.siteFolder.isEmpty ? name : log.siteFolder + "/" + name
            let created = record.history?.created?.date.prefix(10).description
            byPath[logIndex, default: [:]][record.path] = items.count
            items.append(
                Item(
                    record: record,
                    logIndex: logIndex,
                    page: page,
                    facts: facts[position],
                    links: [],
                    incoming: [],
                    date: record.entry.record.date ?? created
                )
            )
        }
        for index in items.indices {
            let item = items[index]
            for link in item.entry.record.links {
                guard let path = Self.resolve(link.target, from: item.record.path),
                    let target = self.item(atPath: path, inLog: item.logIndex), target != index
                else { continue }
                items[index].links.append((link.type, target))
                items[target].incoming.append((link.type, index))
            }
        }
    }

    /// The items just before and after `index` in its own log. A log's items are next to
    /// each other in `items`, in the log's order, so no page looks through all of them.
    public func neighbours(of index: Int) -> (previous: Int?, next: Int?) {
        let logIndex = items[index].logIndex
        let previous = index > 0 && items[index - 1].logIndex == logIndex ? index - 1 : nil
        let next =
            index + 1 < items.count && items[index + 1].logIndex == logIndex ? index + 1 : nil
        return (previous, next)
    }

    /// The item of the record at `path` (relative to its repository) in log `logIndex`,
    /// else in another log of the same repository.
    public func item(atPath path: String, inLog logIndex: Int) -> Int? {
        if let found = byPath[logIndex]?[path] { return found }
        for other in logs.indices
        where other != logIndex && logs[other].sourceRoot == logs[logIndex].sourceRoot {
            if let found = byPath[other]?[path] { return found }
        }
        return nil
    }

    /// Resolves a relative link destination against the repository path of the linking
    /// file; `nil` for URLs, anchors and paths leaving the repository.
    public static func resolve(_ destination: String, from source: String) -> String? {
        var path = destination
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        if path.isEmpty || path.hasPrefix("/") || SiteLinks.scheme(of: path) != nil {
            return nil
        }
        // The rest is the one resolution every link of a log gets.
        return DecisionLog.logRelativePath(of: path, from: source)
    }

    /// Whether a link type says the source is replaced by the target (`Superseded by`).
    static func isSupersededBy(_ type: String) -> Bool {
        let lowered = type.lowercased()
        return lowered.hasPrefix("superseded by") || lowered.hasPrefix("superceded by")
    }

    /// Whether a link type says the source replaces the target (`Supersedes`).
    static func isSupersedes(_ type: String) -> Bool {
        let lowered = type.lowercased()
        return lowered.hasPrefix("supersedes") || lowered.hasPrefix("supercedes")
    }

    /// The records that replaced `index` directly, from either side's link lines.
    public func successors(of index: Int) -> [Int] {
        var found: [Int] = []
        for link in items[index].links where Self.isSupersededBy(link.type) {
            found.append(link.target)
        }
        for link in items[index].incoming where Self.isSupersedes(link.type) {
            found.append(link.source)
        }
        return Self.unique(found)
    }

    /// The records `index` replaced directly.
    public func predecessors(of index: Int) -> [Int] {
        var found: [Int] = []
        for link in items[index].links where Self.isSupersedes(link.type) {
            found.append(link.target)
        }
        for link in items[index].incoming where Self.isSupersededBy(link.type) {
            found.append(link.source)
        }
        return Self.unique(found)
    }

    /// Every record reached by following `step` from `index`, nearest first, each once.
    public func chain(from index: Int, _ step: (Int) -> [Int]) -> [Int] {
        var seen: Set<Int> = [index]
        var queue = step(index)
        var result: [Int] = []
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard seen.insert(next).inserted else { continue }
            result.append(next)
            queue += step(next)
        }
        return result
    }

    private static func unique(_ values: [Int]) -> [Int] {
        var seen = Set<Int>()
        return values.filter { seen.insert($0).inserted }
    }
}

public import ADRCore
import Foundation

/// Why each pattern or topic was chosen: the decision that holds now and the chain of
/// decisions before it.
///
/// A topic is a tag, the option a MADR record chose (`Chosen option: "…"`), or a value of
/// an explicit `pattern:`/`patterns:` key (front matter or a `- Pattern:` bullet). Topics
/// compare case-insensitively.
public struct DecisionPattern: Sendable {
    /// One decision about the topic.
    public struct Decision: Sendable {
        public var item: Int
        public var number: Int?
        public var title: String
        public var status: RecordStatus?
        public var date: String?
        /// The Rationale section, MADR's "because …", else the Decision section.
        public var reason: String?
        public var consequences: String?
        public var approvals: [ApprovalState]
        /// Titles of the records that replaced this one.
        public var replacedBy: [String]
        public var page: String
        public var path: String
        public var log: String?
    }

    /// The topic as first written.
    public var name: String
    /// The lower-cased key, also the anchor on the patterns page.
    public var key: String
    /// The newest decision in force (accepted, approved or any status that is not
    /// proposed, rejected, deprecated or superseded), `nil` when none holds.
    public var holding: Decision?
    /// The other decisions, newest first.
    public var before: [Decision]

    /// The anchor of the topic on the patterns page.
    public var anchor: String { "p-" + Slug.make(from: key) }

    /// Every topic of `catalog`, sorted by name.
    public static func all(in catalog: SiteCatalog) -> [DecisionPattern] {
        var names: [String: String] = [:]
        var members: [String: [Int]] = [:]
        for (index, item) in catalog.items.enumerated() {
            var topics = item.entry.record.tags
            if let option = item.facts.chosenOption { topics.append(option) }
            topics += item.facts.patterns
            var seen = Set<String>()
            for topic in topics {
                let key = topic.lowercased()
                guard !key.isEmpty, seen.insert(key).inserted else { continue }
                if names[key] == nil { names[key] = topic }
                members[key, default: []].append(index)
            }
        }
        return members.keys.sorted().map { key in
            let decisions = members[key, default: []].map { decision(catalog, $0) }.sorted {
                ($0.date ?? "", $0.number ?? 0, $0.title) > (
                    $1.date ?? "", $1.number ?? 0, $1.title
                )
            }
            let holdingIndex = decisions.firstIndex { isInForce($0.status) }
            var before = decisions
            var holding: Decision?
            if let holdingIndex { holding = before.remove(at: holdingIndex) }
            return DecisionPattern(
                name: names[key] ?? key,
                key: key,
                holding: holding,
                before: before
            )
        }
    }

    /// The topic `query` names: the exact key, else the only key that starts with it or
    /// contains it.
    public static func matching(_ query: String, in patterns: [DecisionPattern]) -> (
        match: DecisionPattern?, candidates: [String]
    ) {
        let wanted = query.lowercased().trimmingCharacters(in: .whitespaces)
        if let exact = patterns.first(where: { $0.key == wanted }) { return (exact, []) }
        for test in [{ (key: String) in key.hasPrefix(wanted) }, { $0.contains(wanted) }] {
            let found = patterns.filter { test($0.key) }
            if found.count == 1 { return (found[0], []) }
            if found.count > 1 { return (nil, found.map(\.name)) }
        }
        return (nil, [])
    }

    static func isInForce(_ status: RecordStatus?) -> Bool {
        switch status {
        case .accepted: true
        case .other(let word): !["draft", "pending", "on hold", "proposed"].contains(word)
        case .proposed, .rejected, .deprecated, .superseded, nil: false
        }
    }

    private static func decision(_ catalog: SiteCatalog, _ index: Int) -> Decision {
        let item = catalog.items[index]
        let facts = item.facts
        return Decision(
            item: index,
            number: item.entry.record.number,
            title: item.entry.record.title,
            status: item.status,
            date: item.date,
            reason: facts.rationale ?? facts.because ?? facts.decision,
            consequences: facts.consequences,
            approvals: item.record.approvals,
            replacedBy: catalog.successors(of: index).map { catalog.items[$0].entry.record.title },
            page: item.page,
            path: item.record.path,
            log: catalog.logs[item.logIndex].label
        )
    }
}

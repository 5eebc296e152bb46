import ADRCore

/// The rules against `--base`: what this branch did to the log since the merge base.
enum BaseRules {
    /// A record at the merge base and what became of it on this branch.
    struct Pair {
        var base: LogEntry
        var head: LogEntry?
    }

    static func findings(_ input: AuditInput, base: AuditBase) -> [AuditFinding] {
        let pairs = matched(base: base.log, head: input.log)
        var findings: [AuditFinding] = []
        let matchedHeads = Set(pairs.compactMap { $0.head?.record.path })
        for pair in pairs {
            findings += compare(pair, input: input, base: base)
        }
        // Records this branch added.
        let baseNumbers = Set(base.log.entries.compactMap(\.record.number))
        var gained: [Int: String] = [:]
        for path in base.tipRecordPaths {
            let name = DecisionRecord.recordName(path: path)
            if let number = DecisionRecord.number(fromFileName: name),
                !baseNumbers.contains(number), gained[number] == nil
            {
                gained[number] = path
            }
        }
        for entry in input.log.entries where !matchedHeads.contains(entry.record.path) {
            var facts: RecordFacts? { input.log.facts(of: entry.record.path) }
            if let number = entry.record.number, let theirs = gained[number],
                theirs != entry.record.path
            {
                findings.append(
                    finding(
                        "number-taken-on-base",
                        entry.record.path,
                        line: facts?.headingLine,
                        "number \(number) was taken on \(base.name) by \(theirs) since this branch "
                            + "started; rebase onto \(base.name), then run `adr renumber \(number)`"
                    )
                )
            }
            let first =
                base.firstStatuses[entry.record.path] ?? entry.record.status
            let state = Lifecycle(first)
            if state == .superseded || state == .deprecated {
                findings.append(
                    finding(
                        "invalid-transition",
                        entry.record.path,
                        line: facts?.statusLine,
                        "first appears already \(state.rawValue); add it as proposed or accepted"
                    )
                )
            }
        }
        return findings
    }

    /// Pairs each record of the merge base with the record it is at `HEAD`: the same path,
    /// else a renamed one (same decision text, else same title, else same slug), else none.
    static func matched(base: AuditedLog, head: AuditedLog) -> [Pair] {
        let headByPath = Dictionary(
            head.entries.map { ($0.record.path, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let basePaths = Set(base.entries.map(\.record.path))
        var unclaimed = head.entries.filter { !basePaths.contains($0.record.path) }
        var pairs: [Pair] = []
        var missing: [LogEntry] = []
        for entry in base.entries {
            if let same = headByPath[entry.record.path] {
                pairs.append(Pair(base: entry, head: same))
            } else {
                missing.append(entry)
            }
        }
        guard !missing.isEmpty else { return pairs }
        // Each text's words read once: a log renumbered whole compares every pair.
        var wordsByPath: [String: [String]] = [:]
        for entry in missing + unclaimed {
            wordsByPath[entry.record.path] = RecordFacts.decisionWords(in: entry.text).map(\.text)
        }
        let tests: [(LogEntry, LogEntry) -> Bool] = [
            { old, new in
                let words = wordsByPath[old.record.path] ?? []
                return !words.isEmpty && words == wordsByPath[new.record.path]
            },
            { old, new in
                !old.record.title.isEmpty
                    && old.record.title.lowercased() == new.record.title.lowercased()
            },
            { old, new in slug(old) == slug(new) && !slug(old).isEmpty },
        ]
        var renamed: [String: LogEntry] = [:]
        for test in tests {
            for entry in missing where renamed[entry.record.path] == nil {
                if let index = unclaimed.firstIndex(where: { test(entry, $0) }) {
                    renamed[entry.record.path] = unclaimed.remove(at: index)
                }
            }
        }
        for entry in missing {
            pairs.append(Pair(base: entry, head: renamed[entry.record.path]))
        }
        return pairs
    }

    /// Whether the decision texts differ beyond whitespace and the title's number; the
    /// words are read only when the texts differ at all.
    static func decisionChanged(_ old: LogEntry, _ new: LogEntry) -> Bool {
        old.text != new.text
            && RecordFacts.decisionWords(in: old.text).map(\.text)
                != RecordFacts.decisionWords(in: new.text).map(\.text)
    }

    /// The file name without its number and extension: `use-postgres`.
    private static func slug(_ entry: LogEntry) -> String {
        String(entry.id.drop { $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
            .lowercased()
    }

    private static func compare(_ pair: Pair, input: AuditInput, base: AuditBase)
        -> [AuditFinding]
    {
        let old = pair.base
        guard let new = pair.head else {
            return [
                finding(
                    "record-deleted",
                    old.record.path,
                    line: 1,
                    "deleted since \(base.name); restore it and mark it deprecated or superseded"
                )
            ]
        }
        var findings: [AuditFinding] = []
        var facts: RecordFacts? { input.log.facts(of: new.record.path) }
        let before = Lifecycle(old.record.status)
        let after = Lifecycle(new.record.status)
        if before.isDecided, old.text != new.text {
            let oldWords = RecordFacts.decisionWords(in: old.text)
            let newWords = RecordFacts.decisionWords(in: new.text)
            if let line = firstChangedLine(oldWords, newWords) {
                findings.append(
                    finding(
                        "decided-record-changed",
                        new.record.path,
                        line: line,
                        "the decision text changed, but the record was \(before.rawValue) on "
                            + "\(base.name); supersede it instead: adr new -s "
                            + "\(new.record.number.map(String.init) ?? new.id) TITLE"
                    )
                )
            }
            if old.record.path != new.record.path {
                findings.append(
                    finding(
                        "record-renamed",
                        new.record.path,
                        line: facts?.headingLine,
                        "renamed from \(old.record.path), which was \(before.rawValue)"
                    )
                )
            }
        }
        if !before.allows(after) {
            findings.append(
                finding(
                    "invalid-transition",
                    new.record.path,
                    line: facts?.statusLine,
                    "status went from \(old.record.status?.name ?? "none") to "
                        + "\(new.record.status?.name ?? "none"), which the lifecycle forbids; "
                        + "supersede the record instead"
                )
            )
        }
        return findings
    }

    /// The line in `new` of its first word that differs from `old`, or `nil` when the
    /// words are the same.
    static func firstChangedLine(_ old: [DecisionWord], _ new: [DecisionWord]) -> Int? {
        for index in 0..<max(old.count, new.count) {
            let oldWord = index < old.count ? old[index].text : nil
            let newWord = index < new.count ? new[index].text : nil
            if oldWord != newWord {
                return index < new.count ? new[index].line : (new.last?.line ?? 1)
            }
        }
        return nil
    }

    static func finding(_ rule: String, _ path: String, line: Int?, _ message: String)
        -> AuditFinding
    {
        AuditFinding(
            rule: rule,
            severity: AuditRule.named(rule)?.defaultSeverity ?? .error,
            path: path,
            line: line ?? 1,
            message: message
        )
    }
}

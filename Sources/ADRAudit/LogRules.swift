import ADRCore
import Foundation

/// The rules over the log as it stands: structure, links, statuses.
enum LogRules {
    static func findings(_ input: AuditInput) -> [AuditFinding] {
        let log = input.log
        var findings: [AuditFinding] = []
        let records = Set(log.entries.map(\.record.path))
        for entry in log.entries {
            findings += warnings(of: entry, log)
            findings += titleNumber(of: entry, log)
            findings += danglingLinks(of: entry, records: records, input: input)
        }
        findings += duplicateNumbers(log)
        findings += supersedes(log)
        findings += numberingGaps(log)
        return findings
    }

    private static func finding(
        _ rule: String,
        _ entry: LogEntry,
        line: Int?,
        column: Int = 1,
        _ message: String
    ) -> AuditFinding {
        AuditFinding(
            rule: rule,
            severity: AuditRule.named(rule)?.defaultSeverity ?? .warning,
            path: entry.record.path,
            line: line ?? 1,
            column: column,
            message: message
        )
    }

    /// The parser's warnings, each under the rule it belongs to.
    private static func warnings(of entry: LogEntry, _ log: AuditedLog) -> [AuditFinding] {
        var headingLine: Int? { log.facts(of: entry.record.path)?.headingLine }
        var findings: [AuditFinding] = []
        var dateProblem = false
        for warning in entry.record.warnings {
            let message = warning.message
            let rule: String
            if message == "missing status" {
                rule = "missing-status"
            } else if message.hasPrefix("unknown status") {
                rule = "unknown-status"
            } else if message.hasPrefix("unparseable date")
                || message.hasPrefix("date is a placeholder")
            {
                rule = "invalid-date"
                dateProblem = true
            } else {
                rule = "unreadable-record"
            }
            findings.append(finding(rule, entry, line: warning.line ?? headingLine, message))
        }
        if entry.record.date == nil, !dateProblem {
            findings.append(
                finding("missing-date", entry, line: headingLine, "no date")
            )
        }
        return findings
    }

    /// Whether `heading` can hold a number other than `fileNumber`, from its first bytes:
    /// a title starting with the file's number, or with neither a digit nor the `a` of
    /// `ADR`, cannot (splitting each title took a twelfth of an audit of a large log).
    private static func mayDisagree(_ heading: String, _ fileNumber: Int) -> Bool {
        var value = 0
        var count = 0
        for byte in heading.utf8 {
            guard (0x30...0x39).contains(byte) else { break }
            value = value * 10 + Int(byte - 0x30)
            count += 1
            if count > 18 { return true }
        }
        guard count > 0 else {
            let first = heading.utf8.first
            return first == UInt8(ascii: "a") || first == UInt8(ascii: "A")
        }
        return value != fileNumber
    }

    private static func titleNumber(of entry: LogEntry, _ log: AuditedLog) -> [AuditFinding] {
        let name = DecisionRecord.recordName(path: entry.record.path)
        guard let fileNumber = DecisionRecord.number(fromFileName: name),
            let heading = entry.record.heading, mayDisagree(heading, fileNumber),
            let titleNumber = RecordFacts.number(inHeading: heading), titleNumber != fileNumber
        else { return [] }
        return [
            finding(
                "title-number-mismatch",
                entry,
                line: log.facts(of: entry.record.path)?.headingLine,
                "the title says \(titleNumber) but the file name says \(fileNumber)"
            )
        ]
    }

    private static func danglingLinks(
        of entry: LogEntry,
        records: Set<String>,
        input: AuditInput
    ) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for link in input.log.links(of: entry) {
            guard let path = AuditPaths.resolve(link.destination, from: entry.record.path),
                !records.contains(path), !input.existingFiles.contains(path)
            else { continue }
            let name = DecisionRecord.recordName(path: path)
            let what = DecisionRecord.number(fromFileName: name) != nil ? "record" : "file"
            findings.append(
                finding(
                    "dangling-link",
                    entry,
                    line: link.line,
                    column: link.column,
                    "link to \(link.destination): no such \(what)"
                )
            )
        }
        return findings
    }

    private static func duplicateNumbers(_ log: AuditedLog) -> [AuditFinding] {
        var byNumber: [Int: [LogEntry]] = [:]
        for entry in log.entries {
            if let number = entry.record.number { byNumber[number, default: []].append(entry) }
        }
        var findings: [AuditFinding] = []
        for (number, entries) in byNumber where entries.count > 1 {
            for entry in entries {
                let others = entries.filter { $0.fileName != entry.fileName }.map(\.fileName)
                findings.append(
                    finding(
                        "duplicate-number",
                        entry,
                        line: log.facts(of: entry.record.path)?.headingLine,
                        "number \(number) is also used by \(others.joined(separator: ", "))"
                    )
                )
            }
        }
        return findings
    }

    // MARK: Supersedes

    /// Whether a link type says "this supersedes the target" (true), "this is superseded
    /// by the target" (false), or neither (nil).
    static func supersedeDirection(_ type: String) -> Bool? {
        let words = type.lowercased().trimmingCharacters(in: .whitespaces)
        guard ["supersed", "superced", "replace"].contains(where: words.hasPrefix) else {
            return nil
        }
        return !words.hasSuffix(" by")
    }

    private static func supersedes(_ log: AuditedLog) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        // successor[a] = records a says supersede it (a is superseded by them).
        var successors: [String: [String]] = [:]
        let byPath = Dictionary(
            log.entries.map { ($0.record.path, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        func linked(_ entry: LogEntry, _ forward: Bool) -> [(LogEntry, RecordLink)] {
            entry.record.links.compactMap { link in
                guard supersedeDirection(link.type) == forward,
                    let path = AuditPaths.resolve(link.target, from: entry.record.path),
                    let target = byPath[path]
                else { return nil }
                return (target, link)
            }
        }
        // Each record's supersede links, resolved once.
        var forward: [String: [(LogEntry, RecordLink)]] = [:]
        var backward: [String: [(LogEntry, RecordLink)]] = [:]
        for entry in log.entries where !entry.record.links.isEmpty {
            forward[entry.record.path] = linked(entry, true)
            backward[entry.record.path] = linked(entry, false)
        }
        for entry in log.entries {
            for (target, link) in forward[entry.record.path] ?? [] {
                // entry supersedes target: target must say it is superseded by entry.
                successors[target.fileName, default: []].append(entry.fileName)
                if !(backward[target.record.path] ?? []).contains(where: {
                    $0.0.fileName == entry.fileName
                }) {
                    findings.append(
                        finding(
                            "one-way-supersede",
                            entry,
                            line: link.line,
                            "says it supersedes \(target.fileName), which does not say it is superseded by it"
                        )
                    )
                }
            }
            for (target, link) in backward[entry.record.path] ?? [] {
                successors[entry.fileName, default: []].append(target.fileName)
                if !(forward[target.record.path] ?? []).contains(where: {
                    $0.0.fileName == entry.fileName
                }) {
                    findings.append(
                        finding(
                            "one-way-supersede",
                            entry,
                            line: link.line,
                            "says it is superseded by \(target.fileName), which does not say it supersedes it"
                        )
                    )
                }
            }
        }
        for entry in log.entries where Lifecycle(entry.record.status) == .superseded {
            guard successors[entry.fileName, default: []].isEmpty else { continue }
            // `superseded by ADR-0123` names its successor without a link.
            let text = (entry.record.statusText ?? "").lowercased()
            let named =
                text.contains(where: \.isNumber)
                || entry.record.links.contains { supersedeDirection($0.type) == false }
            if named { continue }
            findings.append(
                finding(
                    "superseded-without-successor",
                    entry,
                    line: log.facts(of: entry.record.path)?.statusLine,
                    "superseded, but names no record that supersedes it"
                )
            )
        }
        findings += cycles(successors, log)
        return findings
    }

    /// Each circle of `Superseded by` links, reported once, on its first record by name.
    private static func cycles(_ successors: [String: [String]], _ log: AuditedLog)
        -> [AuditFinding]
    {
        var findings: [AuditFinding] = []
        var reported = Set<String>()
        for start in successors.keys.sorted() where !reported.contains(start) {
            // Depth-first from `start`, looking for a way back to it.
            var stack: [(node: String, path: [String])] = [(start, [start])]
            var visited = Set<String>()
            var circle: [String]?
            while let (node, path) = stack.popLast(), circle == nil {
                for next in successors[node, default: []].sorted() {
                    if next == start {
                        circle = path
                        break
                    }
                    if visited.insert(next).inserted { stack.append((next, path + [next])) }
                }
            }
            guard let circle, circle.min() == start else { continue }
            reported.formUnion(circle)
            guard let entry = log.entries.first(where: { $0.fileName == start }) else { continue }
            findings.append(
                finding(
                    "supersede-cycle",
                    entry,
                    line: log.facts(of: entry.record.path)?.statusLine,
                    "supersede links go round in a circle: "
                        + (circle + [start]).joined(separator: " -> ")
                )
            )
        }
        return findings
    }

    private static func numberingGaps(_ log: AuditedLog) -> [AuditFinding] {
        var firstByNumber: [Int: LogEntry] = [:]
        for entry in log.entries {
            if let number = entry.record.number, firstByNumber[number] == nil {
                firstByNumber[number] = entry
            }
        }
        let numbers = firstByNumber.keys.sorted()
        // Date-prefixed names (log4brains' 20200924-…) are not a sequence.
        guard let highest = numbers.last, highest < 10_000 else { return [] }
        var findings: [AuditFinding] = []
        for (previous, number) in zip(numbers, numbers.dropFirst()) where number > previous + 1 {
            guard let entry = firstByNumber[number] else { continue }
            let missing =
                number == previous + 2 ? "\(previous + 1)" : "\(previous + 1) to \(number - 1)"
            findings.append(
                finding(
                    "numbering-gap",
                    entry,
                    line: log.facts(of: entry.record.path)?.headingLine,
                    "no record numbered \(missing)"
                )
            )
        }
        return findings
    }
}

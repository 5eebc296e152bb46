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
        // Indices in the log, not copies of its records.
        var byNumber: [Int: [Int]] = [:]
        for index in log.entries.indices {
            if let number = log.entries[index].record.number {
                byNumber[number, default: []].append(index)
            }
        }
        var findings: [AuditFinding] = []
        for (number, indices) in byNumber where indices.count > 1 {
            let entries = indices.map { log.entries[$0] }
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
        if let ascii = asciiSupersedeDirection(type) { return ascii }
        let words = type.lowercased().trimmingCharacters(in: .whitespaces)
        guard ["supersed", "superced", "replace"].contains(where: words.hasPrefix) else {
            return nil
        }
        return !words.hasSuffix(" by")
    }

    /// ``supersedeDirection(_:)`` of an ASCII type, from its bytes (Foundation's trimming
    /// took a fifth of an audit of a log with many links); `nil` for a type that is not
    /// ASCII.
    private static func asciiSupersedeDirection(_ type: String) -> Bool?? {
        var type = type
        return type.withUTF8 { bytes -> Bool?? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // In ASCII, `.whitespaces` is the space and the tab.
            func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
            var lower = 0
            var upper = bytes.count
            while lower < upper, isBlank(bytes[lower]) { lower += 1 }
            while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
            let words = bytes[lower..<upper].lazy.map {
                (0x41...0x5A).contains($0) ? $0 | 0x20 : $0
            }
            func starts(_ prefix: String) -> Bool {
                words.count >= prefix.utf8.count
                    && words.prefix(prefix.utf8.count).elementsEqual(prefix.utf8)
            }
            guard starts("supersed") || starts("superced") || starts("replace") else {
                return .some(nil)
            }
            let endsWithBy = words.count >= 3 && words.suffix(3).elementsEqual(" by".utf8)
            return .some(!endsWithBy)
        }
    }

    private static func supersedes(_ log: AuditedLog) -> [AuditFinding] {
        let entries = log.entries
        var findings: [AuditFinding] = []
        // successor[a] = records a says supersede it (a is superseded by them).
        var successors: [String: [String]] = [:]
        // Records by their index in the log: resolving a link is a lookup of a path, not a
        // copy of the record it names.
        func linked(_ index: Int, _ forward: Bool) -> [(target: Int, link: RecordLink)] {
            let entry = entries[index]
            return entry.record.links.compactMap { link in
                guard supersedeDirection(link.type) == forward,
                    let path = AuditPaths.resolve(link.target, from: entry.record.path),
                    let target = log.index(ofPath: path)
                else { return nil }
                return (target, link)
            }
        }
        // Each record's supersede links, resolved once.
        var forward = [[(target: Int, link: RecordLink)]](repeating: [], count: entries.count)
        var backward = forward
        for index in entries.indices where !entries[index].record.links.isEmpty {
            forward[index] = linked(index, true)
            backward[index] = linked(index, false)
        }
        for (index, entry) in entries.enumerated() {
            for (target, link) in forward[index] {
                let targetName = entries[target].fileName
                // entry supersedes target: target must say it is superseded by entry.
                successors[targetName, default: []].append(entry.fileName)
                if !backward[target].contains(where: {
                    entries[$0.target].fileName == entry.fileName
                }) {
                    findings.append(
                        finding(
                            "one-way-supersede",
                            entry,
                            line: link.line,
                            "says it supersedes \(targetName), which does not say it is superseded by it"
                        )
                    )
                }
            }
            for (target, link) in backward[index] {
                let targetName = entries[target].fileName
                successors[entry.fileName, default: []].append(targetName)
                if !forward[target].contains(where: {
                    entries[$0.target].fileName == entry.fileName
                }) {
                    findings.append(
                        finding(
                            "one-way-supersede",
                            entry,
                            line: link.line,
                            "says it is superseded by \(targetName), which does not say it supersedes it"
                        )
                    )
                }
            }
        }
        for entry in entries where Lifecycle(entry.record.status) == .superseded {
            guard successors[entry.fileName, default: []].isEmpty else { continue }
            // `superseded by ADR-0123` names its successor without a link.
            let named =
                containsNumber(entry.record.statusText ?? "")
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

    /// Whether `text` has a character that is a number; ASCII text is looked at as bytes.
    private static func containsNumber(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.contains { (0x30...0x39).contains($0) }
        }
        return text.lowercased().contains(where: \.isNumber)
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
        var firstByNumber: [Int: Int] = [:]
        for index in log.entries.indices.reversed() {
            if let number = log.entries[index].record.number { firstByNumber[number] = index }
        }
        let numbers = firstByNumber.keys.sorted()
        // Date-prefixed names (log4brains' 20200924-…) are not a sequence.
        guard let highest = numbers.last, highest < 10_000 else { return [] }
        var findings: [AuditFinding] = []
        for (previous, number) in zip(numbers, numbers.dropFirst()) where number > previous + 1 {
            guard let entry = firstByNumber[number].map({ log.entries[$0] }) else { continue }
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

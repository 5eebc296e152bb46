extension DecisionRecord {
    /// Tags from a MADR 2 / log4brains bullet (`- Tags: security, data`), the form records
    /// without front matter use.
    static func tags(fromBulletsIn text: String) -> [String] {
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            var rest = line.drop { $0 == " " }
            guard let marker = rest.first, marker == "-" || marker == "*" || marker == "+" else {
                continue
            }
            rest = rest.dropFirst().drop { $0 == " " }
            guard rest.count > 5, rest.prefix(4).lowercased() == "tags" else { continue }
            rest = rest.dropFirst(4).drop { $0 == " " }
            guard rest.first == ":" else { continue }
            return rest.dropFirst().split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        }
        return []
    }
}

extension DecisionLog {
    /// The log with a warning on each record for every tag outside `vocabulary`, the tags
    /// `.adr.yml` allows; the log as it is when it allows any.
    public func checkingTags(against vocabulary: [String]?) -> DecisionLog {
        guard let vocabulary else { return self }
        let allowed = Set(vocabulary.map { $0.lowercased() })
        return DecisionLog(
            entries: entries.map { entry in
                var checked = entry
                for tag in entry.record.tags where !allowed.contains(tag.lowercased()) {
                    checked.record.warnings.append(
                        SourceWarning(
                            path: entry.record.path,
                            line: nil,
                            message: "unknown tag \"\(tag)\" (allowed: "
                                + "\(vocabulary.joined(separator: ", ")))"
                        )
                    )
                }
                return checked
            }
        )
    }
}

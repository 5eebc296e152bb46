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

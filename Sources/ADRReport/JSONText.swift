/// The audit formats' JSON layout (objects on one line, in a fixed key order a snapshot
/// pins); strings go through the one JSON escaping of ``JSONWriter``.
enum JSONText {
    /// `text` as a JSON string, quotes included, escaped as every JSON report escapes it
    /// (``JSONWriter``).
    static func quoted(_ text: String) -> String { JSONWriter.quoted(text) }

    /// An object of `members` (already rendered values), on one line.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { quoted($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    /// An array of rendered values, one a line, indented by `indent`.
    static func array(_ values: [String], indent: String) -> String {
        guard !values.isEmpty else { return "[]" }
        return "[\n" + values.map { indent + "  " + $0 }.joined(separator: ",\n") + "\n" + indent
            + "]"
    }
}

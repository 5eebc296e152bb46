/// JSON text written by hand, in a fixed key order (a snapshot pins it): only what the
/// audit formats need.
enum JSONText {
    /// `text` as a JSON string, quotes included.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

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

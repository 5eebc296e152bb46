/// A title given for a new record, made one line of plain text.
public enum RecordTitle {
    /// Why a title cannot be used.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        /// A control character other than white space (ESC, BEL, NUL...), as `U+001B`.
        case controlCharacter(String)

        public var description: String {
            switch self {
            case .empty: "a title is needed"
            case .controlCharacter(let code):
                "the title holds the control character \(code); a title is one line of text"
            }
        }
    }

    /// `title` with every run of white space (line breaks and tabs included) made one space
    /// and trimmed, so it stays the heading's one line; a title holding another control
    /// character is refused, as it would reach files and terminals raw.
    public static func normalized(_ title: String) throws(Problem) -> String {
        var words: [Substring] = []
        for word in title.split(whereSeparator: \.isWhitespace) {
            if let control = word.unicodeScalars.first(where: {
                $0.properties.generalCategory == .control
            }) {
                let hex = String(control.value, radix: 16, uppercase: true)
                throw .controlCharacter(
                    "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                )
            }
            words.append(word)
        }
        guard !words.isEmpty else { throw .empty }
        return words.joined(separator: " ")
    }
}

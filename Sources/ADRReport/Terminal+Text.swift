extension Terminal {
    /// Text of many lines from a file (a record's body) as a terminal may show it: line
    /// breaks (CRLF too) and tabs kept, every other control character (ESC, BEL, the NUL of
    /// a binary file, a carriage return inside a line) shown as `?`, as ``sanitized(_:)``
    /// shows them.
    public static func sanitizedLines(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let clean = scalars.allSatisfy { !isControl($0) || $0 == "\n" || $0 == "\t" }
        guard !clean else { return text }
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let lineEnd =
                scalar == "\n"
                || (scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n")
            output.append(isControl(scalar) && !lineEnd && scalar != "\t" ? "?" : scalar)
        }
        return String(output)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
    }
}

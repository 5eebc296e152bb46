/// The text a new record starts from, with adr-tools' placeholders.
///
/// Placeholders are the bare words `NUMBER` (unpadded), `TITLE`, `DATE` (ISO) and `STATUS`,
/// as adr-tools uses them, plus `ADR-NUMBER`, which becomes `ADR-007` for the lightweight
/// style. Values are inserted literally in one pass, so a title containing `&`, `|` or even
/// the word `DATE` is never mangled (adr-tools' sed substitutions are).
public struct RecordTemplate: Sendable, Hashable {
    public var text: String
    /// The built-in name, or the path of a project template.
    public var name: String

    public init(text: String, name: String) {
        self.text = text
        self.name = name
    }

    /// The record text with every placeholder replaced.
    public func rendered(number: Int, title: String, date: String, status: String) -> String {
        let lightweightNumber = number < 1000 ? threeDigits(number) : String(number)
        let replacements: [(token: String, value: String)] = [
            ("ADR-NUMBER", "ADR-\(lightweightNumber)"),
            ("NUMBER", String(number)),
            ("TITLE", title),
            ("DATE", date),
            ("STATUS", status),
        ]
        var output = ""
        var rest = Substring(text)
        scanning: while let first = rest.first {
            // Most characters start no token: only those that do are matched against them.
            if replacements.contains(where: { $0.token.first == first }) {
                for (token, value) in replacements where rest.hasPrefix(token) {
                    output += value
                    rest = rest.dropFirst(token.count)
                    continue scanning
                }
            }
            output.append(first)
            rest.removeFirst()
        }
        return output
    }

    private func threeDigits(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}

extension RecordTemplate {
    /// The status a new record starts with, written in the template's style: `explicit`
    /// (`--status`), else the log's `configured` one, else what the template's style starts
    /// with (proposed for front matter and the lightweight style, accepted as adr-tools).
    public func initialStatus(explicit: String?, configured: String?) -> String {
        let usesFrontMatter = text.hasPrefix("---")
        let status =
            explicit ?? configured
            ?? (usesFrontMatter || name == "lightweight" ? "proposed" : "accepted")
        return usesFrontMatter
            ? status.lowercased() : status.prefix(1).uppercased() + status.dropFirst()
    }
}

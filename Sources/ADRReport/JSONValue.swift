/// A JSON document with object keys in the order they were given, so reports read the
/// same on every run and in the order the README documents.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// Pretty-printed with two-space indentation (see ``JSONWriter``).
    public func rendered() -> String {
        var writer = JSONWriter()
        writer.value(self)
        return writer.text
    }

    static func quoted(_ text: String) -> String { JSONWriter.quoted(text) }
}

extension JSONValue {
    init(_ text: String?) { self = text.map { .string($0) } ?? .null }
    init(_ number: Int?) { self = number.map { .number($0) } ?? .null }
}

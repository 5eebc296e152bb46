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

    /// Pretty-printed with two-space indentation.
    public func rendered(indent: Int = 0) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        write(to: &output, indent: indent)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends bytes to one buffer: building nested strings and joining them made a large
    /// report quadratic in its depth, and appending to a `String` cost twice as much.
    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output += "null".utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .number(let value): output += String(value).utf8
        case .string(let value): Self.quote(value, to: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]".utf8
                return
            }
            output += "[\n".utf8
            for (index, item) in items.enumerated() {
                Self.pad(&output, indent + 1)
                item.write(to: &output, indent: indent + 1)
                output += (index == items.count - 1 ? "\n" : ",\n").utf8
            }
            Self.pad(&output, indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}".utf8
                return
            }
            output += "{\n".utf8
            for (index, (key, value)) in members.enumerated() {
                Self.pad(&output, indent + 1)
                Self.quote(key, to: &output)
                output += ": ".utf8
                value.write(to: &output, indent: indent + 1)
                output += (index == members.count - 1 ? "\n" : ",\n").utf8
            }
            Self.pad(&output, indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func pad(_ output: inout [UInt8], _ level: Int) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    static func quoted(_ text: String) -> String {
        var output: [UInt8] = []
        quote(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func quote(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escaping and are appended whole. 0xC2 leads the C1 control
        // characters U+0080...U+009F in UTF-8.
        let plain = !text.utf8.contains {
            $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2
        }
        if plain {
            var contiguous = text
            contiguous.withUTF8 { output.append(contentsOf: $0) }
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": output += "\\\"".utf8
                case "\\": output += "\\\\".utf8
                case "\n": output += "\\n".utf8
                case "\r": output += "\\r".utf8
                case "\t": output += "\\t".utf8
                case let control
                where control.value < 0x20 || (0x7f...0x9f).contains(control.value):
                    let hex = String(control.value, radix: 16)
                    output += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                default: output += String(scalar).utf8
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    init(_ text: String?) { self = text.map { .string($0) } ?? .null }
    init(_ number: Int?) { self = number.map { .number($0) } ?? .null }
}

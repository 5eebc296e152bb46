/// Writes pretty-printed JSON (two-space indentation) straight into a byte buffer.
///
/// The one place JSON text is made: ``JSONValue`` renders through it, and the largest
/// report, `adr log --format json` (megabytes for a long history), streams through it
/// without building a tree of values first.
public struct JSONWriter {
    /// The bytes written and not yet handed to the sink.
    public private(set) var bytes: [UInt8] = []
    /// One entry per open array or object: whether it has an item yet.
    private var hasItems: [Bool] = []
    /// Where full chunks go; `nil` keeps everything in ``bytes``.
    private let sink: (([UInt8]) -> Void)?
    private static let chunkSize = 1 << 16

    /// A writer that keeps the whole document in ``bytes``.
    public init() {
        sink = nil
        bytes.reserveCapacity(Self.chunkSize)
    }

    /// A writer that hands the text to `sink` in chunks of about 64 KiB as it goes (call
    /// ``flush()`` at the end): a large report never sits in memory whole. Chunks end
    /// between items, never inside a string, so each one is valid UTF-8 on its own.
    public init(sink: @escaping ([UInt8]) -> Void) {
        self.sink = sink
        bytes.reserveCapacity(Self.chunkSize + Self.chunkSize / 4)
    }

    /// Hands what is buffered to the sink.
    public mutating func flush() {
        guard let sink, !bytes.isEmpty else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Containers

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// A member of the open object, its value written by `body`.
    public mutating func member(_ key: String, _ body: (inout JSONWriter) -> Void) {
        nextItem()
        Self.quote(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        body(&self)
    }

    /// A string member, `null` when `value` is `nil`.
    public mutating func member(_ key: String, _ value: String?) {
        member(key) { writer in
            if let value { writer.string(value) } else { writer.null() }
        }
    }

    /// An element of the open array, written by `body`.
    public mutating func element(_ body: (inout JSONWriter) -> Void) {
        nextItem()
        body(&self)
    }

    // MARK: Values

    public mutating func string(_ value: String) { Self.quote(value, to: &bytes) }
    public mutating func null() { bytes += "null".utf8 }
    public mutating func bool(_ value: Bool) { bytes += (value ? "true" : "false").utf8 }
    public mutating func number(_ value: Int) { bytes += String(value).utf8 }

    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let integer): number(integer)
        case .string(let text): string(text)
        case .array(let items):
            array { writer in
                for item in items { writer.element { $0.value(item) } }
            }
        case .object(let members):
            object { writer in
                for (key, item) in members { writer.member(key) { $0.value(item) } }
            }
        }
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        hasItems.append(false)
    }

    /// An empty container closes on the same line: `[]`, `{}`.
    private mutating func close(_ bracket: UInt8) {
        if hasItems.removeLast() {
            bytes.append(UInt8(ascii: "\n"))
            pad(hasItems.count)
        }
        bytes.append(bracket)
    }

    private mutating func nextItem() {
        if sink != nil, bytes.count >= Self.chunkSize { flush() }
        guard let last = hasItems.indices.last else { return }
        if hasItems[last] { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
        hasItems[last] = true
        pad(hasItems.count)
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private mutating func pad(_ level: Int) {
        var remaining = 2 * level
        while remaining > 0 {
            let count = min(remaining, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[0..<count])
            remaining -= count
        }
    }

    /// Bytes that cannot appear raw in a JSON string from us: C0 controls, `"`, `\`, DEL,
    /// and 0xC2, which leads the C1 controls U+0080...U+009F in UTF-8.
    private static let needsEscape: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2
    }

    /// Appends `text` as a JSON string, escaping quotes, backslashes and control
    /// characters (C0, DEL and C1), so nothing reaches a terminal raw.
    static func quote(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        // Most strings need no escaping and are appended whole, checked a byte at a time
        // against a table.
        let plain = needsEscape.withUnsafeBufferPointer { table in
            text.withUTF8 { bytes in
                for byte in bytes where table[Int(byte)] { return false }
                output.append(contentsOf: bytes)
                return true
            }
        }
        if !plain {
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

/// Writes pretty-printed JSON (two-space indentation, `"key": value`) into a byte buffer,
/// or compact JSON (no spaces or line breaks) for files a program reads, such as a site's
/// `adrs.json`.
///
/// The one place JSON text is made: ``JSONValue`` renders through it, and the largest
/// report, `adr log --format json` (megabytes for a long history), streams through it in
/// chunks without building a tree of values first.
public struct JSONWriter {
    private var bytes: [UInt8] = []
    /// Whether each open container has an item yet, innermost last.
    private var hasItems: [Bool] = []
    /// Where full chunks go; `nil` keeps everything in the buffer.
    private let sink: (([UInt8]) -> Void)?
    private let isCompact: Bool
    private static let chunkSize = 1 << 16

    /// A writer that keeps the whole document (see ``text``), compact when `compact`.
    public init(compact: Bool = false) {
        sink = nil
        isCompact = compact
    }

    /// A writer that hands the text to `sink` in chunks of about 64 KiB as it goes (call
    /// ``flush()`` at the end). Chunks end between items, never inside a string, so each
    /// one is valid UTF-8 on its own.
    public init(sink: @escaping ([UInt8]) -> Void) {
        self.sink = sink
        isCompact = false
        bytes.reserveCapacity(Self.chunkSize * 2)
    }

    /// Hands what is buffered to the sink.
    public mutating func flush() {
        guard let sink, !bytes.isEmpty else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// The text written and not yet handed to a sink.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A member whose value is written only when there is one: nothing for `nil`.
    public mutating func member(_ key: String, ifPresent value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    // MARK: Containers

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        openObject()
        body(&self)
        closeObject()
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        openArray()
        body(&self)
        closeArray()
    }

    /// A member of the open object, its value written by `body`.
    public mutating func member(_ key: String, _ body: (inout JSONWriter) -> Void) {
        self.key(key)
        body(&self)
    }

    /// A string member, `null` when `value` is `nil`.
    public mutating func member(_ key: String, _ value: String?) {
        self.key(key)
        if let value { string(value) } else { null() }
    }

    /// An element of the open array, written by `body`.
    public mutating func element(_ body: (inout JSONWriter) -> Void) {
        nextElement()
        body(&self)
    }

    // The same steps one by one, for a writer of many small objects that wants no closures
    // (`adr log`): each open is matched by its close, each `key` or `nextElement` is
    // followed by one value.

    public mutating func openObject() { open(UInt8(ascii: "{")) }
    public mutating func closeObject() { close(UInt8(ascii: "}")) }
    public mutating func openArray() { open(UInt8(ascii: "[")) }
    public mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the open object; its value comes next.
    public mutating func key(_ key: String) {
        nextItem()
        quote(key)
        bytes.append(UInt8(ascii: ":"))
        if !isCompact { bytes.append(UInt8(ascii: " ")) }
    }

    /// Starts an element of the open array; its value comes next.
    public mutating func nextElement() { nextItem() }

    // MARK: Values

    public mutating func string(_ value: String) { quote(value) }
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
        let hadItems = hasItems.removeLast()
        if hadItems { lineBreak() }
        bytes.append(bracket)
    }

    private mutating func nextItem() {
        if sink != nil, bytes.count >= Self.chunkSize { flush() }
        guard let last = hasItems.indices.last else { return }
        if hasItems[last] { bytes.append(UInt8(ascii: ",")) }
        hasItems[last] = true
        lineBreak()
    }

    /// A newline and the indentation of the current depth.
    private mutating func lineBreak() {
        guard !isCompact else { return }
        let depth = hasItems.count
        if depth < Self.lineBreaks.count {
            bytes.append(contentsOf: Self.lineBreaks[depth])
        } else {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
    }

    /// A newline and two spaces per level, for the depths reports reach: one append each.
    private static let lineBreaks: [[UInt8]] = (0..<16).map {
        [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 2 * $0)
    }

    private mutating func quote(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Most strings have nothing to escape: one copy of their bytes.
            let plain = !utf8.contains {
                $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2
            }
            if plain {
                bytes.append(contentsOf: utf8)
            } else {
                appendEscaped(utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        // The bytes between two that need escaping are copied as one run.
        var runStart = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2
            else {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            index += 1
            switch byte {
            case UInt8(ascii: "\""): bytes += #"\""#.utf8
            case UInt8(ascii: "\\"): bytes += #"\\"#.utf8
            case UInt8(ascii: "\n"): bytes += #"\n"#.utf8
            case UInt8(ascii: "\r"): bytes += #"\r"#.utf8
            case UInt8(ascii: "\t"): bytes += #"\t"#.utf8
            // C0, DEL and C1 controls are escaped, so nothing reaches a terminal raw. In
            // UTF-8 a C1 control is 0xC2 and a byte from 0x80 to 0x9F.
            case 0xC2:
                if index < text.count, (0x80...0x9F).contains(text[index]) {
                    escape(UInt32(text[index]))
                    index += 1
                } else {
                    bytes.append(byte)
                }
            default: escape(UInt32(byte))
            }
            runStart = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<text.count]))
    }

    private mutating func escape(_ value: UInt32) {
        let hex = String(value, radix: 16)
        bytes += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
    }

    /// `text` as a JSON string, quoted and escaped.
    static func quoted(_ text: String) -> String {
        var writer = JSONWriter()
        writer.quote(text)
        return writer.text
    }
}

import Foundation

/// Writes pretty-printed JSON (two-space indentation) straight into a byte buffer.
///
/// The one place JSON text is made: ``JSONValue`` renders through it, and the largest
/// report, `adr log --format json` (megabytes for a long history), streams through it
/// without building a tree of values first. The buffer is the writer's own memory, grown
/// and copied into with `memcpy`: appending to an array checked its uniqueness and
/// capacity byte run by byte run, which was most of writing a long log.
public struct JSONWriter: ~Copyable {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// How many arrays and objects are open.
    private var depth = 0
    /// Bit `n`: whether the open container at depth `n` has an item yet.
    private var hasItems: UInt64 = 0
    /// Where full chunks go; `nil` keeps everything in the buffer.
    private let sink: ((UnsafeRawBufferPointer) -> Void)?
    private static let chunkSize = 1 << 16

    /// A writer that keeps the whole document (see ``text``).
    public init() {
        self.init(capacity: Self.chunkSize, sink: nil)
    }

    /// A writer that hands the text to `sink` in chunks of about 64 KiB as it goes (call
    /// ``flush()`` at the end): a large report never sits in memory whole. Chunks end
    /// between items, never inside a string, so each one is valid UTF-8 on its own. The
    /// bytes lent to `sink` are valid only during the call.
    public init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.init(capacity: Self.chunkSize * 2, sink: sink)
    }

    private init(capacity: Int, sink: ((UnsafeRawBufferPointer) -> Void)?) {
        self.capacity = capacity
        self.sink = sink
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Hands what is buffered to the sink.
    public mutating func flush() {
        guard let sink, count > 0 else { return }
        sink(UnsafeRawBufferPointer(start: buffer, count: count))
        count = 0
    }

    /// The text written and not yet handed to a sink.
    public var text: String {
        String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

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
        quote(key)
        append(UInt8(ascii: ":"))
        append(UInt8(ascii: " "))
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

    public mutating func string(_ value: String) { quote(value) }
    public mutating func null() { append("null") }
    public mutating func bool(_ value: Bool) { append(value ? "true" : "false") }
    public mutating func number(_ value: Int) { append(String(value)) }

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

    // MARK: Bytes

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = larger
        capacity = grown
    }

    private mutating func append(_ byte: UInt8) {
        reserve(1)
        buffer[count] = byte
        count += 1
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(buffer + count).copyMemory(from: start, byteCount: bytes.count)
        count += bytes.count
    }

    /// Text known to need no escaping.
    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        precondition(depth < 63, "JSON nested deeper than 63 levels")
        append(bracket)
        depth += 1
        hasItems &= ~(1 << depth)
    }

    /// An empty container closes on the same line: `[]`, `{}`.
    private mutating func close(_ bracket: UInt8) {
        let hadItems = hasItems & (1 << depth) != 0
        depth -= 1
        if hadItems { lineBreak() }
        append(bracket)
    }

    private mutating func nextItem() {
        if sink != nil, count >= Self.chunkSize { flush() }
        guard depth > 0 else { return }
        if hasItems & (1 << depth) != 0 { append(UInt8(ascii: ",")) }
        hasItems |= 1 << depth
        lineBreak()
    }

    /// A newline and the indentation of the current depth.
    private mutating func lineBreak() {
        let length = 1 + 2 * depth
        reserve(length)
        buffer[count] = UInt8(ascii: "\n")
        (buffer + count + 1).initialize(repeating: UInt8(ascii: " "), count: length - 1)
        count += length
    }

    private mutating func quote(_ text: String) {
        var utf8 = text
        utf8.withUTF8 { bytes in
            if Self.isPlain(bytes) {
                reserve(bytes.count + 2)
                buffer[count] = UInt8(ascii: "\"")
                UnsafeMutableRawPointer(buffer + count + 1).copyMemory(
                    from: bytes.baseAddress!,
                    byteCount: bytes.count
                )
                buffer[count + 1 + bytes.count] = UInt8(ascii: "\"")
                count += bytes.count + 2
            } else {
                append(Self.escaped(text))
            }
        }
    }

    /// `text` as a JSON string, with quotes, backslashes and control characters (C0, DEL
    /// and C1) escaped, so nothing reaches a terminal raw.
    static func quoted(_ text: String) -> String {
        var utf8 = text
        let plain = utf8.withUTF8 { isPlain($0) }
        return plain ? "\"" + text + "\"" : escaped(text)
    }

    private static func escaped(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where control.value < 0x20 || (0x7f...0x9f).contains(control.value):
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    /// Whether `bytes` holds nothing that needs escaping: C0 controls, `"`, `\`, DEL, and
    /// 0xC2, which leads the C1 controls U+0080...U+009F in UTF-8.
    ///
    /// Eight bytes at a time: a word is looked at byte by byte only when it has a byte
    /// below 0x20, a `"`, a `\` or a byte from 0x7F up (only then can it hold one of
    /// them), which for the ASCII text of most logs is never. A byte-at-a-time scan was a
    /// tenth of a warm `adr log`.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // The classic tests for "some byte is below n / is zero / is above n": exact
            // as to whether there is such a byte, which is all this asks.
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let suspicious =
                ((word &- ones &* 0x20) & ~word)
                | ((quotes &- ones) & ~quotes)
                | ((backslashes &- ones) & ~backslashes)
                | (word &+ ones) | word
            if suspicious & highs != 0 {
                for offset in index..<(index + 8) where needsEscape(base[offset]) { return false }
            }
            index += 8
        }
        for offset in index..<bytes.count where needsEscape(base[offset]) { return false }
        return true
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2
    }
}

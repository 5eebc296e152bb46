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
    /// A comma, a newline, and spaces enough for the deepest nesting: every line break is
    /// one copy from it.
    private let indentation: UnsafeMutablePointer<UInt8>
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
        indentation = .allocate(capacity: 2 + 2 * 64 + 8)
        indentation.initialize(repeating: UInt8(ascii: " "), count: 2 + 2 * 64 + 8)
        indentation[0] = UInt8(ascii: ",")
        indentation[1] = UInt8(ascii: "\n")
    }

    deinit {
        buffer.deallocate()
        indentation.deallocate()
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
        nextItem()
        quote(key)
        append(": ")
        body(&self)
    }

    /// A string member, `null` when `value` is `nil`.
    public mutating func member(_ key: StaticString, _ value: String?) {
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

    /// Starts a member of the open object; its value comes next. The key is a literal of
    /// the program's, written as it is: a name with nothing to escape.
    public mutating func key(_ key: StaticString) {
        nextItem()
        let length = key.utf8CodeUnitCount
        reserve(length + 4)
        buffer[count] = UInt8(ascii: "\"")
        // Byte by byte: a key is a few bytes, for which a call to memmove costs more.
        for offset in 0..<length { buffer[count + 1 + offset] = key.utf8Start[offset] }
        buffer[count + 1 + length] = UInt8(ascii: "\"")
        buffer[count + 2 + length] = UInt8(ascii: ":")
        buffer[count + 3 + length] = UInt8(ascii: " ")
        count += length + 4
    }

    /// Starts an element of the open array; its value comes next.
    public mutating func nextElement() { nextItem() }

    // MARK: Values

    public mutating func string(_ value: String) { quote(value) }
    public mutating func null() { append("null") }
    public mutating func bool(_ value: Bool) { append(value ? "true" : "false") }
    public mutating func number(_ value: Int) {
        var digits = String(value)
        digits.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

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

    /// Room for `extra` more bytes; the common case, room already there, is one compare.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: extra) }
    }

    @inline(never)
    private mutating func grow(toHold extra: Int) {
        let grown = max(capacity * 2, count + extra)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = larger
        capacity = grown
    }

    @inline(__always)
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

    /// A literal of the program's, known to need no escaping.
    private mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
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
        if hadItems { lineBreak(comma: false) }
        append(bracket)
    }

    @inline(__always)
    private mutating func nextItem() {
        if sink != nil, count >= Self.chunkSize { flush() }
        guard depth > 0 else { return }
        let comma = hasItems & (1 << depth) != 0
        hasItems |= 1 << depth
        lineBreak(comma: comma)
    }

    /// A comma if asked, a newline and the indentation of the current depth, in one copy.
    @inline(__always)
    private mutating func lineBreak(comma: Bool) {
        // `indentation` is a comma, a newline and spaces: start past the comma if none.
        let skip = comma ? 0 : 1
        let length = 2 + 2 * depth - skip
        // Whole words, which may copy past `length` into the room reserved: as many bytes
        // as there are; never past the end of `indentation`, which has a word to spare.
        reserve(length + 8)
        let source = UnsafeRawPointer(indentation + skip)
        let destination = UnsafeMutableRawPointer(buffer + count)
        var offset = 0
        while offset < length {
            destination.storeBytes(
                of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                toByteOffset: offset,
                as: UInt64.self
            )
            offset += 8
        }
        count += length
    }

    private mutating func quote(_ text: String) {
        // Native strings lend their bytes without a copy of the string.
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard Self.isPlain(bytes) else { return false }
            reserve(bytes.count + 2)
            buffer[count] = UInt8(ascii: "\"")
            if let start = bytes.baseAddress {
                (buffer + count + 1).update(from: start, count: bytes.count)
            }
            buffer[count + 1 + bytes.count] = UInt8(ascii: "\"")
            count += bytes.count + 2
            return true
        }
        if done != true {
            var escaped = Self.escaped(text)
            escaped.withUTF8 { append(UnsafeRawBufferPointer($0)) }
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

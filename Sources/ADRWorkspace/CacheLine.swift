/// The field escaping of adr's line-based caches: fields are separated by tabs and lines by
/// newlines, so a backslash, tab and newline inside a field are written `\\`, `\t`, `\n`.
enum CacheLine {
    static func escaped(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A }) else {
            return field
        }
        var output = ""
        for character in field.unicodeScalars {
            switch character {
            case "\\": output += "\\\\"
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    static func unescaped(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var escaping = false
        for byte in bytes {
            if escaping {
                output.append(
                    byte == UInt8(ascii: "t") ? 0x09 : byte == UInt8(ascii: "n") ? 0x0A : byte
                )
                escaping = false
            } else if byte == 0x5C {
                escaping = true
            } else {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// The tab-separated fields of one cache line, read in order straight from its bytes:
/// numbers are parsed without an intermediate `String`, and only text fields become one.
struct CacheFields {
    private let bytes: Slice<UnsafeBufferPointer<UInt8>>
    private var position: Int

    init(_ line: Slice<UnsafeBufferPointer<UInt8>>) {
        bytes = line
        position = line.startIndex
    }

    var isAtEnd: Bool { position > bytes.endIndex }

    /// The next field's bytes, escapes not yet undone; `nil` past the last field.
    private mutating func nextBytes() -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard position <= bytes.endIndex else { return nil }
        var end = position
        while end < bytes.endIndex, bytes[end] != 0x09 { end += 1 }
        let field = bytes[position..<end]
        position = end + 1
        return field
    }

    mutating func string() -> String? {
        nextBytes().map(CacheLine.unescaped)
    }

    /// A field written with a leading `+`, or `-` for none: `.some(nil)` for `-`, `nil`
    /// when the field is missing or damaged.
    mutating func optionalString() -> String?? {
        guard let field = nextBytes(), let marker = field.first else { return nil }
        if marker == UInt8(ascii: "-"), field.count == 1 { return .some(nil) }
        guard marker == UInt8(ascii: "+") else { return nil }
        return .some(CacheLine.unescaped(field.dropFirst()))
    }

    mutating func integer() -> Int64? {
        nextBytes().flatMap(Self.integer)
    }

    mutating func unsignedInteger() -> UInt64? {
        guard let field = nextBytes(), field.first != UInt8(ascii: "-") else { return nil }
        return Self.magnitude(field[...])
    }

    mutating func count() -> Int? {
        integer().flatMap { $0 >= 0 ? Int(exactly: $0) : nil }
    }

    /// `+N` or `-`, as ``optionalString()``.
    mutating func optionalInteger() -> Int64?? {
        guard let field = nextBytes(), let marker = field.first else { return nil }
        if marker == UInt8(ascii: "-"), field.count == 1 { return .some(nil) }
        guard marker == UInt8(ascii: "+"), let value = Self.integer(field.dropFirst()) else {
            return nil
        }
        return .some(value)
    }

    /// A decimal integer, optionally negative, as `String(_:)` of an integer writes it.
    private static func integer(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        if field.first == UInt8(ascii: "-") {
            return magnitude(field.dropFirst()).flatMap {
                $0 <= UInt64(Int64.max) ? -Int64($0) : nil
            }
        }
        return magnitude(field[...]).flatMap { Int64(exactly: $0) }
    }

    private static func magnitude(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdding) = shifted.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow, !overflowAdding else { return nil }
            value = sum
        }
        return value
    }
}

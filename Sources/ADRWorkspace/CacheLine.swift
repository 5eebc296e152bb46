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

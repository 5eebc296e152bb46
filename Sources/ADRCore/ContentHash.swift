/// FNV-1a, 64 bits: tells whether something changed since it was last seen, and that is
/// all. Not for security: anyone can make two inputs collide on purpose. The same input
/// gives the same value on every platform and in every release.
public struct ContentHash: Sendable, Equatable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    /// How many bytes went in.
    public private(set) var length = 0

    public init() {}

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        value = hash
        length += bytes.count
    }

    public mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    public mutating func add(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { add($0) }
    }

    public mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
        length += 1
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// `text` as one field of several: its length goes in after it, so that `("ab", "c")`
    /// and `("a", "bc")` differ.
    public mutating func add(field text: String) {
        add(text)
        add(length: text.utf8.count)
    }

    /// A count, as its eight bytes.
    public mutating func add(length count: Int) {
        withUnsafeBytes(of: UInt64(count).littleEndian) { add($0) }
    }

    /// The value as 16 hexadecimal digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The value and the length, as `hex-length` (without leading zeros).
    public var fingerprint: String { String(value, radix: 16) + "-" + String(length) }

    public static func fingerprint(of text: String) -> String {
        var hash = ContentHash()
        hash.add(text)
        return hash.fingerprint
    }
}

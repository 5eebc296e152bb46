internal import CLibGit2

/// A 20-byte SHA-1 object name, copied out of libgit2's `git_oid`.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Stored inline rather than as an array: a history scan creates millions of ids, and
    // one heap allocation each dominated its time.
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    /// The raw bytes, big-endian as in the hexadecimal form.
    public var bytes: [UInt8] {
        withUnsafeBytes(of: oid.id) { Array($0) }
    }

    /// Parses a full 40-character hexadecimal object name; `nil` if it is not one.
    public init?(hex: String) {
        guard hex.utf8.count == 40 else { return nil }
        var oid = git_oid()
        let result = git_oid_fromstrn(&oid, hex, 40)
        guard result == 0 else {
            git_error_clear()
            return nil
        }
        self.init(oid)
    }

    init(_ oid: git_oid) {
        (high, middle, low) = withUnsafeBytes(of: oid.id) { raw in
            (
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
            )
        }
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The 40-character lower-case hexadecimal form.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(40)
        for byte in withUnsafeBytes(of: oid.id, { Array($0) }) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The 40-character hexadecimal form.
    public var description: String { hex }

    /// `true` for the all-zero id libgit2 uses for "no object".
    public var isZero: Bool { high == 0 && middle == 0 && low == 0 }

    /// Byte order, which is also the order of the hexadecimal forms.
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }

    /// A `git_oid` holding these bytes, for passing to libgit2.
    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: middle.bigEndian, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 16, as: UInt32.self)
        }
        return oid
    }
}

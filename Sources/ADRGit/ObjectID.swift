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
        // Written straight into the string's storage: an audit names every record's blob.
        String(unsafeUninitializedCapacity: 40) { text in
            func write(_ value: UInt64, digits: Int, at offset: Int) {
                for index in 0..<digits {
                    let nibble =
                        UInt8(truncatingIfNeeded: value >> (4 * (digits - 1 - index))) & 0xF
                    text[offset + index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
                }
            }
            write(high, digits: 16, at: 0)
            write(middle, digits: 16, at: 16)
            write(UInt64(low), digits: 8, at: 32)
            return 40
        }
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

internal import CLibGit2

/// A 20-byte SHA-1 object name, copied out of libgit2's `git_oid`.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The raw bytes, big-endian as in the hexadecimal form.
    public let bytes: [UInt8]

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
        bytes = withUnsafeBytes(of: oid.id) { Array($0) }
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The 40-character lower-case hexadecimal form.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(40)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The 40-character hexadecimal form.
    public var description: String { hex }

    /// `true` for the all-zero id libgit2 uses for "no object".
    public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

    /// Byte order, which is also the order of the hexadecimal forms.
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    /// A `git_oid` holding these bytes, for passing to libgit2.
    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.copyBytes(from: bytes)
        }
        return oid
    }
}

/// How much of a record `adr` reads (decision 20): a record larger than ``bytes`` is read
/// only as far as the limit, with a warning naming it, so one huge file cannot make a
/// command slow or large. Commands that edit a record read all of it.
public enum RecordLimit {
    /// 1 MiB: about 300 times the largest record of the real logs measured (issue 10).
    public static let bytes = 1 << 20

    /// The text of the first bytes of a record that was cut at the limit: up to the last
    /// line break, so no UTF-8 sequence or line is cut in two (invalid UTF-8 is repaired,
    /// as for whole records).
    public static func text(ofPrefix prefix: some Collection<UInt8>) -> String {
        let bytes = Array(prefix)
        let end = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// The warning for a record of `size` bytes read only as far as the limit.
    public static func warning(size: Int) -> String {
        "\(size) bytes, larger than the \(bytes >> 20) MiB limit for a record; only the "
            + "first \(bytes >> 20) MiB is read"
    }
}

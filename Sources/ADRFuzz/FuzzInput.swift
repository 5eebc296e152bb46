import ADRCore
import ADRHistory

/// One fuzz input: its first byte chooses the reader, the rest is that reader's input.
///
/// - 0: the record parser, `DecisionRecord(parsing:path:)`
/// - 1: the configuration reader, `Configuration(parsing:)`
/// - 2: the approval-note reader, `ApprovalNote.approvals(in:commit:)`
/// - 3: the history cache reader, behind a valid header so its body is reached
/// - 4: the history cache reader on the raw bytes
///
/// No input may trap: every reader returns a value or a thrown error, whatever the bytes.
enum FuzzInput {
    static let kinds = 5

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return }
        let rest = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
        let text = String(decoding: rest, as: UTF8.self)
        switch Int(first) % kinds {
        case 0:
            let record = DecisionRecord(parsing: text, path: "doc/adr/0001-fuzz.md")
            _ = record.links.count + record.warnings.count
        case 1:
            _ = try? Configuration(parsing: text)
        case 2:
            _ = ApprovalNote.approvals(in: text, commit: String(repeating: "a", count: 40))
        case 3:
            _ = HistoryCache.state(decoding: Array(HistoryCache.header.utf8) + Array(rest))
        default:
            _ = HistoryCache.state(decoding: Array(rest))
        }
    }
}

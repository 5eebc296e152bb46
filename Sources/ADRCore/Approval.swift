/// Someone's approval of one version of a record's decision text.
public struct Approval: Sendable, Hashable {
    /// Where an approval was found.
    public enum Source: String, Sendable, Hashable {
        /// A trailer such as `Approved-by:` on a commit that changed the record.
        case trailer
        /// An `adr approve` entry in a git note.
        case note
    }

    /// The record's path relative to the repository root.
    public var record: String
    /// The hash of the approved decision text (see ``DecisionText``).
    public var textHash: String
    /// The approver as written, usually `Name <email>`.
    public var approver: String
    /// ISO 8601.
    public var date: String
    public var comment: String?
    public var source: Source
    /// The commit carrying the trailer or the note (full hex id).
    public var commit: String

    public init(
        record: String,
        textHash: String,
        approver: String,
        date: String,
        comment: String? = nil,
        source: Source,
        commit: String
    ) {
        self.record = record
        self.textHash = textHash
        self.approver = approver
        self.date = date
        self.comment = comment
        self.source = source
        self.commit = commit
    }

    /// The email between `<` and `>`, lower-cased, else the whole approver lower-cased: two
    /// approvals by the same person compare equal even when the name is spelt differently.
    public var approverKey: String {
        if let open = approver.lastIndex(of: "<"), let close = approver.lastIndex(of: ">"),
            open < close
        {
            return approver[approver.index(after: open)..<close].lowercased()
        }
        return approver.trimmingWhitespace.lowercased()
    }

    /// Whether `other` says the same thing: same person, record and text.
    public func isSameApproval(as other: Approval) -> Bool {
        record == other.record && textHash == other.textHash && approverKey == other.approverKey
    }
}

/// An approval judged against the record's history: current while the decision text is
/// the one approved.
public struct ApprovalState: Sendable, Hashable {
    public var approval: Approval
    /// The first commit after the approval whose decision text differs from the approved
    /// one; `nil` while the approval is current.
    public var changedBy: String?

    public init(approval: Approval, changedBy: String?) {
        self.approval = approval
        self.changedBy = changedBy
    }

    public var isCurrent: Bool { changedBy == nil }

    /// Judges `approvals` against `revisions` (oldest first, as in ``RecordHistory``), each
    /// revision's text hash read from ``RecordRevision/textHash``.
    public static func judging(_ approvals: [Approval], against revisions: [RecordRevision])
        -> [ApprovalState]
    {
        judging(approvals, against: revisions, textHash: { $0.textHash })
    }

    /// Judges `approvals` against `revisions` (oldest first, as in ``RecordHistory``),
    /// asking `textHash` for a revision's hash only when the verdict depends on it, so a
    /// caller can hash blobs lazily.
    ///
    /// An approval is stale from the first revision at or after its commit whose text hash
    /// differs from the approved one; an approval whose commit is not among the revisions
    /// (a note on another commit) is compared with every revision after the last one that
    /// carries the approved text.
    public static func judging<Failure: Error>(
        _ approvals: [Approval],
        against revisions: [RecordRevision],
        textHash: (RecordRevision) throws(Failure) -> String?
    ) throws(Failure) -> [ApprovalState] {
        var states: [ApprovalState] = []
        for approval in approvals {
            var start = revisions.firstIndex { $0.commit == approval.commit }
            if start == nil {
                for index in revisions.indices.reversed()
                where try textHash(revisions[index]) == approval.textHash {
                    start = index
                    break
                }
            }
            var changedBy: String?
            for revision in revisions[(start ?? revisions.startIndex)...]
            where try textHash(revision) != approval.textHash {
                changedBy = revision.commit
                break
            }
            states.append(ApprovalState(approval: approval, changedBy: changedBy))
        }
        return states
    }
}

/// The text format of approvals kept in git notes, version 1:
///
/// ```
/// adr-approval v1
/// record: decisions/0002-use-postgres.md
/// text-hash: sha1:5e1c…
/// by: Ada Lovelace <ada@example.com>
/// date: 2026-03-01T10:00:00Z
/// comment: looks right
/// ```
///
/// A note holds any number of such blocks separated by blank lines. Unknown keys are
/// ignored so later versions can add some; a block with another header version, or
/// without `record`, `text-hash`, `by` or `date`, is skipped with a warning.
public enum ApprovalNote {
    public static let header = "adr-approval v1"
    /// Notes come from whoever can push to the notes reference: larger ones are cut here.
    public static let maximumLength = 64 * 1024
    /// Longer values are cut, so one entry cannot flood a terminal.
    public static let maximumValueLength = 1024

    /// The approvals in `text`, a note attached to `commit`, and a warning for each block
    /// that was skipped or cut.
    public static func approvals(in text: String, commit: String) -> (
        approvals: [Approval], warnings: [String]
    ) {
        var warnings: [String] = []
        var text = text
        if text.utf8.count > maximumLength {
            text = String(decoding: text.utf8.prefix(maximumLength), as: UTF8.self)
            warnings.append(
                "note on \(commit.prefix(12)): longer than \(maximumLength) bytes; the rest is ignored"
            )
        }
        var approvals: [Approval] = []
        var block: [String] = []
        var blockLine = 1
        func finishBlock() {
            defer { block = [] }
            guard !block.isEmpty else { return }
            switch approval(in: block, commit: commit) {
            case .success(let approval): approvals.append(approval)
            case .failure(let reason):
                warnings.append(
                    "note on \(commit.prefix(12)), line \(blockLine): \(reason); skipped"
                )
            }
        }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let line = rawLine.trimmingWhitespace
            if line.isEmpty {
                finishBlock()
            } else {
                if block.isEmpty { blockLine = index + 1 }
                block.append(line)
            }
        }
        finishBlock()
        return (approvals, warnings)
    }

    private struct Malformed: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    private static func approval(in block: [String], commit: String) -> Result<
        Approval, Malformed
    > {
        guard block[0] == header else {
            if block[0].hasPrefix("adr-approval ") {
                return .failure(Malformed(reason: "unsupported format \"\(block[0].prefix(40))\""))
            }
            return .failure(Malformed(reason: "not an adr approval (expected \"\(header)\")"))
        }
        var fields: [String: String] = [:]
        for line in block.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(Malformed(reason: "line without \"key: value\""))
            }
            let key = line[..<colon].trimmingWhitespace.lowercased()
            let value = String(
                line[line.index(after: colon)...].trimmingWhitespace.prefix(
                    maximumValueLength
                )
            )
            if fields[key] == nil { fields[key] = value }
        }
        for key in ["record", "text-hash", "by", "date"] where fields[key]?.isEmpty ?? true {
            return .failure(Malformed(reason: "missing \"\(key)\""))
        }
        return .success(
            Approval(
                record: fields["record"]!,
                textHash: fields["text-hash"]!,
                approver: fields["by"]!,
                date: fields["date"]!,
                comment: fields["comment"].flatMap { $0.isEmpty ? nil : $0 },
                source: .note,
                commit: commit
            )
        )
    }

    /// The note text for `approvals`, in the order given.
    public static func text(for approvals: [Approval]) -> String {
        approvals.map { approval in
            var lines = [
                header,
                "record: \(oneLine(approval.record))",
                "text-hash: \(oneLine(approval.textHash))",
                "by: \(oneLine(approval.approver))",
                "date: \(oneLine(approval.date))",
            ]
            if let comment = approval.comment { lines.append("comment: \(oneLine(comment))") }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    /// Line breaks would end a field early or start a new block.
    private static func oneLine(_ value: String) -> String {
        value.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// `local` followed by each approval of `remote` not already in it: the union two
    /// clones' notes merge to.
    public static func merging(_ local: [Approval], _ remote: [Approval]) -> [Approval] {
        var merged = local
        for approval in remote where !merged.contains(where: { $0.isSameApproval(as: approval) }) {
            merged.append(approval)
        }
        return merged
    }
}

public import ADRCore
import ADRGit
import ADRHistory
import Foundation

/// What `adr approve` did.
public enum ApproveOutcome: Sendable, Equatable {
    case recorded(approver: String, commit: String)
    /// The same person had already approved this text: nothing was written.
    case alreadyRecorded(approver: String, commit: String)
}

extension Workspace {
    // MARK: Reading

    /// The approvals of `entry`, judged against `history`, the record's history from
    /// ``readHistory(useCache:)``: revisions from before a rename count, and a merge is a
    /// revision only when it differs from every parent. Text hashes missing from `history`
    /// are computed from the blobs only where the verdict needs them.
    public func approvals(of entry: LogEntry, history: RecordHistory?)
        throws(WorkspaceError) -> ApprovalReport?
    {
        try approvals(ofEach: [history])[0]
    }

    /// The approvals of each record whose history is in `histories`, in order, as
    /// ``approvals(of:history:)`` judges them: the repository is opened and its notes
    /// listed once for all of them. `nil` for every record when the repository has no
    /// commits.
    public func approvals(ofEach histories: [RecordHistory?])
        throws(WorkspaceError) -> [ApprovalReport?]
    {
        try withRepository { repository throws(WorkspaceError) in
            guard let repository, try gitStep({ try repository.head }) != nil else {
                return histories.map { _ in nil }
            }
            let settings = location.configuration.approvals
            let keys = TrailerKeys(settings.trailerKeys)
            var hashes = DecisionTextHashes(repository: repository)
            // Only a commit that has a note can have approvals in one.
            let annotated = Set(
                try gitStep { try repository.notes(in: settings.notesReference) }
                    .map(\.annotatedID.hex)
            )
            var reports: [ApprovalReport?] = []
            reports.reserveCapacity(histories.count)
            for history in histories {
                let revisions = history?.revisions ?? []
                var approvals = try ApprovalTimeline.trailerEvents(
                    of: history.map { [$0] } ?? [],
                    keys: keys
                ) { revision throws(WorkspaceError) in try hashes.hash(of: revision) }
                .compactMap(\.approval)
                var warnings: [String] = []
                for revision in revisions
                where revision.change != .deleted && annotated.contains(revision.commit) {
                    let note = try gitStep {
                        try ObjectID(hex: revision.commit).flatMap {
                            try repository.note(for: $0, in: settings.notesReference)
                        }
                    }
                    guard let note else { continue }
                    let parsed = ApprovalNote.approvals(in: note, commit: revision.commit)
                    // A note names the path the record had when it was written.
                    approvals += parsed.approvals.filter { $0.record == revision.path }
                    warnings += parsed.warnings
                }
                let states = try ApprovalState.judging(approvals, against: revisions) {
                    revision throws(WorkspaceError) in try hashes.hash(of: revision)
                }
                reports.append(ApprovalReport(states: states, warnings: warnings))
            }
            return reports
        }
    }

    /// `history` with the text hash of every revision that has a blob, for `adr show`.
    public func fillingTextHashes(in history: RecordHistory) throws(WorkspaceError)
        -> RecordHistory
    {
        try withRepository { repository throws(WorkspaceError) in
            guard let repository else { return history }
            var hashes = DecisionTextHashes(repository: repository)
            var filled = history
            for index in filled.revisions.indices {
                filled.revisions[index].textHash = try hashes.hash(of: filled.revisions[index])
            }
            return filled
        }
    }

    /// The approvals of `records` (from `history`) as `adr log` events, with a warning for
    /// each note entry that could not be read.
    ///
    /// A trailer approval sorts right after its commit's change; a note approval, given
    /// later, after the last commit of `history` made before its date.
    public func approvalEvents(of records: [RecordHistory], in history: LogHistory)
        throws(WorkspaceError) -> (events: [LogEvent], warnings: [String])
    {
        try withRepository { repository throws(WorkspaceError) in
            guard let repository, try gitStep({ try repository.head }) != nil else {
                return ([], [])
            }
            let settings = location.configuration.approvals
            var hashes = DecisionTextHashes(repository: repository)
            var events = try ApprovalTimeline.trailerEvents(
                of: records,
                keys: TrailerKeys(settings.trailerKeys)
            ) { revision throws(WorkspaceError) in try hashes.hash(of: revision) }
            var warnings: [String] = []
            let notes = try gitStep { try repository.notes(in: settings.notesReference) }
            guard !notes.isEmpty else { return (events, warnings) }
            let annotated = Set(notes.map(\.annotatedID.hex))
            var revisionsByCommit: [String: [RecordRevision]] = [:]
            for record in records {
                for revision in record.revisions
                where revision.change != .deleted && annotated.contains(revision.commit) {
                    revisionsByCommit[revision.commit, default: []].append(revision)
                }
            }
            let timeline = ApprovalTimeline(history.records.flatMap(\.revisions))
            for entry in notes {
                guard let revisions = revisionsByCommit[entry.annotatedID.hex] else { continue }
                let note = try gitStep {
                    try repository.note(for: entry.annotatedID, in: settings.notesReference)
                }
                guard let note else { continue }
                let parsed = ApprovalNote.approvals(in: note, commit: entry.annotatedID.hex)
                warnings += parsed.warnings
                events += timeline.noteEvents(parsed.approvals, on: revisions)
            }
            return (events, warnings)
        }
    }

    // MARK: Approving

    /// Records that `approver` (`Name <email>`, else git's configured user) approves the
    /// committed text of `entry`, in a note on the commit that last changed the record.
    ///
    /// The note goes on that commit rather than HEAD so it stays with the text it
    /// approves: later commits that do not touch the record leave it where `adr show` looks.
    public func approve(_ entry: LogEntry, by approver: Person?, comment: String?)
        throws(WorkspaceError) -> ApproveOutcome
    {
        try withRepository { repository throws(WorkspaceError) in
            guard let repository else {
                throw .approvals(
                    "approvals need a git repository; none found above \(location.root)"
                )
            }
            guard let head = try gitStep({ try repository.head }) else {
                throw .approvals("the repository has no commits yet; commit the record first")
            }
            let path = try repositoryPath(of: entry, in: repository)
            let display = displayPath(absolutePath(of: entry))
            guard let committed = try gitStep({ try repository.blobData(at: path, inCommit: head) })
            else {
                throw .approvals("\(display): not committed; commit the record before approving it")
            }
            let working = FileManager.default.contents(atPath: absolutePath(of: entry))
            guard working == committed else {
                throw .approvals(
                    "\(display): has uncommitted changes; commit them before approving the record"
                )
            }
            let history = try readHistory().history(ofPath: path)
            let revisions = history?.revisions ?? []
            guard let last = revisions.last else {
                throw .approvals("\(display): no commit on HEAD changed the record")
            }
            let identity = try gitStep { try repository.defaultSignature() }
            let name: String
            if let approver {
                name = approver.formatted
            } else if let identity {
                name = "\(identity.name) <\(identity.email)>"
            } else {
                throw .approvals(
                    "no approver: pass --by \"Name <email>\" or set git's user.name and user.email"
                )
            }
            let approval = Approval(
                record: path,
                textHash: try gitStep {
                    try DecisionTextHash.of(String(decoding: committed, as: UTF8.self))
                },
                approver: name,
                date: approvalDate(),
                source: .note,
                commit: last.commit
            )
            if location.configuration.approvals.requiresDistinctApprover,
                approval.approverKey == last.author.email.lowercased()
            {
                throw .approvals(
                    "\(display): \(name) wrote the last change (\(last.commit.prefix(12))); "
                        + "approvals: distinct-approver in .adr.yml asks for someone else"
                )
            }
            let reference = location.configuration.approvals.notesReference
            let commitID = ObjectID(hex: last.commit)!
            let existing = try gitStep { try repository.note(for: commitID, in: reference) }
            let parsed = existing.map { ApprovalNote.approvals(in: $0, commit: last.commit) }
            let current = parsed?.approvals ?? []
            // Looks at every revision, not only the last: after a status change or a rename
            // the same text is already approved in the note on an earlier commit, under the
            // path the record had then.
            for revision in revisions.reversed() where revision.change != .deleted {
                let note =
                    revision.commit == last.commit
                    ? existing
                    : try gitStep {
                        try ObjectID(hex: revision.commit).flatMap {
                            try repository.note(for: $0, in: reference)
                        }
                    }
                let approvals = note.map {
                    ApprovalNote.approvals(in: $0, commit: revision.commit).approvals
                }
                let same = approvals?.contains {
                    $0.record == revision.path && $0.textHash == approval.textHash
                        && $0.approverKey == approval.approverKey
                }
                if same == true {
                    return .alreadyRecorded(approver: name, commit: revision.commit)
                }
            }
            var entryWithComment = approval
            entryWithComment.comment = comment.flatMap { $0.isEmpty ? nil : $0 }
            let signature = noteSignature(identity: identity, approver: approver)
            try gitStep {
                try repository.createNote(
                    ApprovalNote.text(for: current + [entryWithComment]),
                    for: commitID,
                    in: reference,
                    author: signature
                )
            }
            return .recorded(approver: name, commit: last.commit)
        }
    }

    // MARK: Syncing

    /// Fetches the remote's approval notes, merges them with the local notes (the union
    /// of both, entry by entry), and pushes the result. Returns how many notes gained
    /// approvals from the remote, and how many the remote did not have yet.
    ///
    /// The remote notes land in `<notes-ref>-remote` first. Every merged note is then
    /// written as a notes commit on top of the remote's notes commit, so the local notes
    /// reference fast-forwards the remote's and the push is never forced: when someone
    /// pushed in between, the push is refused and the whole sync runs again, so no
    /// approval is ever lost.
    public func syncApprovals(with remote: String) throws(WorkspaceError) -> SyncSummary {
        try withRepository { repository throws(WorkspaceError) in
            guard let repository else {
                throw .approvals(
                    "approvals need a git repository; none found above \(location.root)"
                )
            }
            let reference = location.configuration.approvals.notesReference
            let remoteReference = reference + "-remote"
            let identity = try gitStep { try repository.defaultSignature() }
            let author = noteSignature(identity: identity, approver: nil)
            let attempts = 3
            for attempt in 1...attempts {
                try gitStep {
                    try repository.fetch(["+\(reference):\(remoteReference)"], from: remote)
                }
                let theirTip = try gitStep { try repository.referenceTarget(remoteReference) }
                let annotated = try gitStep {
                    try Set(
                        (repository.notes(in: reference) + repository.notes(in: remoteReference))
                            .map(\.annotatedID)
                    )
                }
                var tip = theirTip
                var added = 0
                var received = 0
                for object in annotated.sorted(by: { $0.hex < $1.hex }) {
                    let commit = object.hex
                    let ours = try gitStep { try repository.note(for: object, in: reference) }
                    let theirs = try gitStep {
                        try repository.note(for: object, in: remoteReference)
                    }
                    let theirApprovals = ApprovalNote.approvals(in: theirs ?? "", commit: commit)
                    let ourApprovals = ApprovalNote.approvals(in: ours ?? "", commit: commit)
                    let union = ApprovalNote.merging(
                        ourApprovals.approvals,
                        theirApprovals.approvals
                    )
                    // A note whose union has approvals ours lacked came in from the remote.
                    if union.count > ourApprovals.approvals.count { received += 1 }
                    guard union.count > theirApprovals.approvals.count else { continue }
                    let parent = tip
                    tip = try gitStep {
                        try repository.noteCommit(
                            ApprovalNote.text(for: union),
                            for: object,
                            onto: parent,
                            author: author
                        )
                    }
                    added += 1
                }
                guard let tip else { return SyncSummary(received: 0, sent: 0) }
                try gitStep { try repository.setReference(reference, to: tip, message: "adr sync") }
                if tip == theirTip { return SyncSummary(received: received, sent: 0) }
                do {
                    try repository.push(["\(reference):\(reference)"], to: remote)
                    return SyncSummary(received: received, sent: added)
                } catch GitError.pushRejected where attempt < attempts {
                    continue
                } catch {
                    throw .approvals("\(error)")
                }
            }
            return SyncSummary(received: 0, sent: 0)
        }
    }

    // MARK: Helpers

    private func withRepository<T>(_ body: (Repository?) throws(WorkspaceError) -> T)
        throws(WorkspaceError) -> T
    {
        let repository: Repository?
        do {
            repository = try Repository(discoveringFrom: location.folder)
        } catch GitError.notARepository {
            repository = nil
        } catch {
            throw .approvals("\(error)")
        }
        return try body(repository)
    }

    /// Runs a libgit2 step, turning its error into the one error type commands catch.
    @discardableResult
    fileprivate func gitStep<T>(_ body: () throws -> T) throws(WorkspaceError) -> T {
        do {
            return try body()
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .approvals("git: \(error)")
        }
    }

    /// The record's path relative to the repository's working tree, as git names it.
    private func repositoryPath(of entry: LogEntry, in repository: Repository)
        throws(WorkspaceError) -> String
    {
        guard var workdir = repository.workdir else {
            throw .approvals("approvals need a working tree; this repository is bare")
        }
        while workdir.count > 1, workdir.hasSuffix("/") { workdir.removeLast() }
        let absolute = URL(fileURLWithPath: absolutePath(of: entry)).resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: workdir).resolvingSymlinksInPath().path
        return PathText.relative(absolute, to: root)
    }

    /// Approval dates honour `SOURCE_DATE_EPOCH`, like every other date adr writes.
    private func approvalDate() -> String {
        let epoch = options.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: epoch.map(Date.init(timeIntervalSince1970:)) ?? Date())
    }

    /// Who commits the note: git's user, else the approver, else adr itself.
    private func noteSignature(identity: Signature?, approver: Person?) -> Signature {
        if let identity { return identity }
        let time = Int64(
            options.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init)
                ?? Date().timeIntervalSince1970
        )
        if let approver {
            return Signature(
                name: approver.name,
                email: approver.email,
                time: time,
                offsetMinutes: 0
            )
        }
        return Signature(name: "adr", email: "adr@localhost", time: time, offsetMinutes: 0)
    }

}

/// Decision-text hashes of record blobs, each blob read and hashed at most once: many
/// revisions share a blob (renames, status-only changes undone), and most are never asked.
private struct DecisionTextHashes {
    let repository: Repository
    private var hashByBlob: [String: String] = [:]

    init(repository: Repository) {
        self.repository = repository
    }

    /// The revision's text hash, from the revision when it has one, else from its blob;
    /// `nil` when the revision deleted the record.
    mutating func hash(of revision: RecordRevision) throws(WorkspaceError) -> String? {
        if let known = revision.textHash { return known }
        guard let blob = revision.blob else { return nil }
        if let known = hashByBlob[blob] { return known }
        guard let id = ObjectID(hex: blob) else {
            throw .approvals("git: \(revision.path): bad blob id \(blob)")
        }
        let data: Data
        do {
            data = try repository.blobData(id)
        } catch {
            throw .approvals("git: \(error)")
        }
        let hash: String
        do {
            hash = try DecisionTextHash.of(String(decoding: data, as: UTF8.self))
        } catch {
            throw .approvals("cannot hash the decision text: \(error)")
        }
        hashByBlob[blob] = hash
        return hash
    }
}

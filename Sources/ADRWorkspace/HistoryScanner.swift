import ADRCore
import ADRGit
import Foundation

/// What a history scan knows after walking up to `head`: enough to carry on from there.
///
/// Records are identified by a number; `identities` maps every path a record ever had
/// (relative to the log folder) to it, so an edit on a branch that still uses an old name
/// lands in the right history.
struct HistoryState: Sendable {
    var head: ObjectID?
    /// The log folder relative to the repository root when the state was made.
    var folder: String
    var identities: [String: Int] = [:]
    var histories: [[RecordRevision]] = []
    /// The walk position the next commit gets (see ``RecordRevision/order``).
    var nextOrder = 0
}

/// One pass over a repository's history that follows every record of one log folder.
///
/// The walk goes oldest first. For each commit it compares the log folder's subtree id with
/// its parents' and only diffs that folder, subtree to subtree, when it changed: most
/// commits of a busy repository never touch the log and cost one tree lookup.
struct HistoryScanner {
    let repository: Repository
    let mailmap: Mailmap
    var state: HistoryState

    /// Folder diffs computed ahead of the walk, on every core, keyed by the two subtrees.
    private var diffBySubtrees: [SubtreePair: [FolderChange]] = [:]
    /// Revisions whose status is read after the walk: (history, index, blob, path).
    private var pendingStatuses: [(identity: Int, index: Int, blob: ObjectID, path: String)] = []
    /// Where the log folder was in each commit met, and its subtree id there.
    private var folderByCommit: [ObjectID: String] = [:]
    private var subtreeByCommit: [ObjectID: ObjectID?] = [:]
    private var parentsByCommit: [ObjectID: [ObjectID]] = [:]
    private var treeByCommit: [ObjectID: ObjectID] = [:]
    /// The oldest commit the walk reached, for the shallow-clone warning.
    private(set) var oldestCommit: ObjectID?

    init(repository: Repository, state: HistoryState) throws {
        self.repository = repository
        self.mailmap = try repository.mailmap()
        self.state = state
    }

    /// Walks the commits reachable from `head` but not from `state.head`, updating `state`.
    mutating func scan(to head: ObjectID) throws {
        let hidden = state.head.map { [$0] } ?? []
        let newestFirst = try repository.commitIDs(RevisionWalk(from: head, hiding: hidden))
        oldestCommit = newestFirst.last
        folderByCommit[head] = state.folder

        // Newest first, each commit tells its parents where the folder was: the same path
        // if it exists there, else a conventional folder, else the folder whose subtree id
        // equals this commit's (a move of the whole log to an unconventional place).
        for id in newestFirst {
            try load(id)
            let folder = folderByCommit[id] ?? state.folder
            let subtree = try self.subtree(of: id, at: folder)
            for parent in parentsByCommit[id] ?? [] where folderByCommit[parent] == nil {
                guard try load(parent) else { continue }
                folderByCommit[parent] = try formerFolder(
                    in: parent,
                    after: folder,
                    subtree: subtree
                )
            }
        }
        try computeDiffsAhead(for: newestFirst)
        for id in newestFirst.reversed() {
            try visit(id)
        }
        try readPendingStatuses()
        state.head = head
    }

    /// Reads a commit's parents and tree; `false` when it is missing (past a shallow graft).
    @discardableResult
    private mutating func load(_ id: ObjectID) throws -> Bool {
        if treeByCommit[id] != nil { return true }
        let commit: (tree: ObjectID, parents: [ObjectID])
        do {
            commit = try repository.treeAndParents(of: id)
        } catch GitError.missingObject where repository.isShallow {
            return false
        }
        treeByCommit[id] = commit.tree
        parentsByCommit[id] = commit.parents
        return true
    }

    private mutating func subtree(of commit: ObjectID, at folder: String) throws -> ObjectID? {
        if let known = subtreeByCommit[commit] { return known }
        guard let tree = treeByCommit[commit] else { return nil }
        let subtree = try folderTree(at: folder, in: tree)
        subtreeByCommit[commit] = subtree
        return subtree
    }

    private func folderTree(at folder: String, in tree: ObjectID) throws -> ObjectID? {
        guard !folder.isEmpty else { return tree }
        guard let entry = try repository.entry(at: folder, inTree: tree), entry.kind == .tree
        else { return nil }
        return entry.id
    }

    private mutating func formerFolder(
        in commit: ObjectID,
        after folder: String,
        subtree: ObjectID?
    ) throws -> String {
        guard let tree = treeByCommit[commit] else { return folder }
        if let found = try folderTree(at: folder, in: tree) {
            // The common case: remember the subtree so the walk does not look it up again.
            subtreeByCommit[commit] = found
            return folder
        }
        for conventional in LogLocation.conventionalFolders
        where try folderTree(at: conventional, in: tree) != nil {
            return conventional
        }
        if let subtree, let found = try folderPath(withID: subtree, in: tree, depth: 4) {
            return found
        }
        return folder
    }

    /// The path of a folder with tree id `id`, searching breadth first to `depth` levels.
    private func folderPath(withID id: ObjectID, in tree: ObjectID, depth: Int) throws -> String? {
        var level: [(path: String, tree: ObjectID)] = [("", tree)]
        for _ in 0..<depth {
            var next: [(path: String, tree: ObjectID)] = []
            for (path, tree) in level {
                for entry in try repository.entries(ofTree: tree) where entry.kind == .tree {
                    let child = path.isEmpty ? entry.name : path + "/" + entry.name
                    if entry.id == id { return child }
                    next.append((child, entry.id))
                }
            }
            level = next
        }
        return nil
    }

    // MARK: One commit

    private mutating func visit(_ id: ObjectID) throws {
        state.nextOrder += 1
        let folder = folderByCommit[id] ?? state.folder
        let current = try subtree(of: id, at: folder)
        let parents = (parentsByCommit[id] ?? []).filter { treeByCommit[$0] != nil }
        var parentSides: [(folder: String, subtree: ObjectID?)] = []
        for parent in parents {
            let parentFolder = folderByCommit[parent] ?? folder
            parentSides.append((parentFolder, try subtree(of: parent, at: parentFolder)))
        }
        // TREESAME: a commit equal to any parent in the log folder changed nothing in it.
        if parentSides.contains(where: { $0.subtree == current && $0.folder == folder }) {
            return
        }
        if parentSides.isEmpty, current == nil { return }
        let first = parentSides.first ?? (folder, nil)

        var deltas =
            try diffBySubtrees[SubtreePair(old: first.subtree, new: current)]
            ?? Self.diff(from: first.subtree, to: current, in: repository)
        if first.folder != folder, first.subtree != nil, current != nil {
            deltas = try deltasForMovedFolder(from: first.subtree, to: current, changed: deltas)
        }
        if parentSides.count > 1 {
            // A merge shows a record only when it differs from every parent, as git log does.
            var kept: [FolderChange] = []
            for delta in deltas {
                var sameAsSomeParent = false
                for other in parentSides.dropFirst() {
                    let blob = try other.subtree.flatMap { tree in
                        try repository.entry(at: delta.newPath, inTree: tree)?.id
                    }
                    if blob == delta.newID { sameAsSomeParent = true }
                }
                if !sameAsSomeParent { kept.append(delta) }
            }
            deltas = kept
        }
        deltas = deltas.filter { isRecord($0.newPath) || isRecord($0.oldPath) }
        guard !deltas.isEmpty else { return }

        let commit = try repository.commit(id)
        for delta in deltas {
            try record(delta, in: commit, folder: folder, oldFolder: first.folder)
        }
    }

    private func isRecord(_ path: String) -> Bool {
        !path.hasPrefix("templates/") && DecisionRecord.isLikelyRecord(path: path)
    }

    /// The changed files between two folder trees; renames are looked for only when the
    /// commit both adds and deletes, since detection compares file contents.
    private static func diff(
        from old: ObjectID?,
        to new: ObjectID?,
        in repository: Repository
    ) throws -> [FolderChange] {
        let plain = try repository.diff(from: old, to: new, renames: .off)
        let adds = plain.contains { $0.status == .added }
        let deletes = plain.contains { $0.status == .deleted }
        guard adds, deletes else { return plain.map(FolderChange.init) }
        return try repository.diff(from: old, to: new, renames: .standard).map(FolderChange.init)
    }

    /// Diffs, before the walk, every commit's log folder against its first parent's where
    /// they differ. The diffs are independent, so they run on every core, each worker with
    /// its own repository handle (handles are not shared between threads).
    private mutating func computeDiffsAhead(for commits: [ObjectID]) throws {
        var pairs = Set<SubtreePair>()
        for id in commits {
            let folder = folderByCommit[id] ?? state.folder
            guard let current = try subtree(of: id, at: folder) else { continue }
            guard let parent = parentsByCommit[id]?.first, treeByCommit[parent] != nil else {
                continue
            }
            let parentFolder = folderByCommit[parent] ?? folder
            let old = try subtree(of: parent, at: parentFolder)
            if old != current { pairs.insert(SubtreePair(old: old, new: current)) }
        }
        let jobs = Array(pairs)
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard jobs.count > 64, workers > 1 else { return }
        let location = repository.workdir ?? repository.gitDirectory
        var results = [Result<[FolderChange], any Error>?](repeating: nil, count: jobs.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                do {
                    let repository = try Repository(at: location)
                    for index in stride(from: worker, to: jobs.count, by: workers) {
                        output[index] = Result {
                            try Self.diff(
                                from: jobs[index].old,
                                to: jobs[index].new,
                                in: repository
                            )
                        }
                    }
                } catch {
                    for index in stride(from: worker, to: jobs.count, by: workers) {
                        output[index] = .failure(error)
                    }
                }
            }
        }
        for (job, result) in zip(jobs, results) {
            guard let result else { continue }
            diffBySubtrees[job] = try result.get()
        }
    }

    /// When the whole folder moved, every record in it was renamed, changed or not.
    private func deltasForMovedFolder(
        from old: ObjectID?,
        to new: ObjectID?,
        changed: [FolderChange]
    ) throws -> [FolderChange] {
        let touched = Set(changed.map(\.newPath))
        let all = try repository.diff(from: nil, to: new, renames: .off)
        let unchanged = all.filter { !touched.contains($0.newPath) }
        return changed + unchanged.map { .moved($0) }
    }

    private mutating func record(
        _ delta: FolderChange,
        in commit: Commit,
        folder: String,
        oldFolder: String
    ) throws {
        let path = join(folder, delta.newPath)
        let oldPath = join(oldFolder, delta.oldPath)
        let change: RecordChange
        let identity: Int
        switch delta.status {
        case .added:
            if let known = state.identities[delta.newPath],
                state.histories[known].last?.change == .deleted,
                state.histories[known].last?.path == path
            {
                identity = known
            } else {
                identity = newIdentity()
            }
            change = .added
        case .deleted:
            identity = state.identities[delta.oldPath] ?? newIdentity()
            change = .deleted
        case .renamed, .copied:
            identity =
                delta.status == .copied
                ? newIdentity() : state.identities[delta.oldPath] ?? newIdentity()
            change = delta.status == .copied ? .added : .renamed
        default:
            identity = state.identities[delta.newPath] ?? newIdentity()
            change = path == oldPath ? .modified : .renamed
        }
        if change != .deleted { state.identities[delta.newPath] = identity }
        if state.histories[identity].isEmpty, change == .deleted { return }

        let author = try mailmap.canonical(commit.author)
        let committer = try mailmap.canonical(commit.committer)
        let trailers = try Trailer.all(in: commit.message).map {
            CommitTrailer(key: $0.key, value: $0.value)
        }
        if let blob = delta.newID {
            pendingStatuses.append((identity, state.histories[identity].count, blob, path))
        }
        state.histories[identity].append(
            RecordRevision(
                commit: commit.id.hex,
                author: Person(name: author.name, email: author.email),
                committer: Person(name: committer.name, email: committer.email),
                date: HistoryDate.iso8601(author),
                summary: commit.summary,
                change: change,
                path: change == .deleted ? oldPath : path,
                oldPath: change == .renamed ? oldPath : nil,
                status: nil,
                trailers: trailers,
                blob: delta.newID?.hex,
                time: author.time,
                order: state.nextOrder
            )
        )
    }

    private mutating func newIdentity() -> Int {
        state.histories.append([])
        return state.histories.count - 1
    }

    /// Parses the status and hashes the decision text of every revision met in the walk.
    /// Blobs are read here, on this thread's repository handle; parsing and hashing are
    /// pure and run on every core, once per blob (many revisions share blobs). Keeping the
    /// text hash in the history (and its cache) spares approvals from reading blobs again.
    private mutating func readPendingStatuses() throws {
        var texts: [(blob: ObjectID, text: String, path: String)] = []
        var seen = Set<ObjectID>()
        for pending in pendingStatuses where seen.insert(pending.blob).inserted {
            texts.append((pending.blob, try repository.blobText(pending.blob), pending.path))
        }
        let inputs = texts
        var results = [(status: RecordStatus?, textHash: String?)](
            repeating: (nil, nil),
            count: inputs.count
        )
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                let text = inputs[index].text
                output[index] = (
                    DecisionRecord(parsing: text, path: inputs[index].path).status,
                    try? Workspace.decisionTextHash(of: text)
                )
            }
        }
        let resultByBlob = Dictionary(
            zip(inputs.map(\.blob), results),
            uniquingKeysWith: { first, _ in first }
        )
        for pending in pendingStatuses {
            let result = resultByBlob[pending.blob]
            state.histories[pending.identity][pending.index].status = result?.status ?? nil
            state.histories[pending.identity][pending.index].textHash = result?.textHash ?? nil
        }
        pendingStatuses = []
    }

    private func join(_ folder: String, _ path: String) -> String {
        folder.isEmpty ? path : folder + "/" + path
    }
}

/// The log folder's subtree in a commit and in its first parent.
struct SubtreePair: Hashable, Sendable {
    var old: ObjectID?
    var new: ObjectID?
}

/// One changed file of the log folder, paths relative to the folder.
struct FolderChange: Sendable {
    var status: DiffDelta.Status
    var oldPath: String
    var newPath: String
    var newID: ObjectID?

    init(_ delta: DiffDelta) {
        status = delta.status
        oldPath = delta.oldPath
        newPath = delta.newPath
        newID = delta.newID
    }

    /// An unchanged file of a moved folder: renamed from the same relative path.
    static func moved(_ delta: DiffDelta) -> FolderChange {
        var change = FolderChange(delta)
        change.status = .modified
        change.oldPath = delta.newPath
        return change
    }
}

/// Dates as `git log --date=iso-strict` prints them, in the signer's own offset.
enum HistoryDate {
    static func iso8601(_ signature: Signature) -> String {
        var seconds = time_t(signature.time + Int64(signature.offsetMinutes) * 60)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let offset = abs(signature.offsetMinutes)
        let sign = signature.offsetMinutes < 0 ? "-" : "+"
        return "\(padded(Int(parts.tm_year) + 1900, 4))-\(padded(Int(parts.tm_mon) + 1))-"
            + "\(padded(Int(parts.tm_mday)))T\(padded(Int(parts.tm_hour))):"
            + "\(padded(Int(parts.tm_min))):\(padded(Int(parts.tm_sec)))"
            + "\(sign)\(padded(offset / 60)):\(padded(offset % 60))"
    }

    private static func padded(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

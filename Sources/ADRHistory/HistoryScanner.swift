import ADRCore
import ADRGit
import Foundation

/// What a history scan knows after walking up to `head`: enough to carry on from there.
public struct HistoryState: Sendable {
    public var head: ObjectID?
    /// The log folder relative to the repository root when the state was made.
    public var folder: String
    /// The repository's ``ADRGit/Repository/mailmapFingerprint()`` when the state was made:
    /// people are stored as the mailmap maps them.
    public var mailmap: String = ""
    /// Which record each path belongs to, and every record's revisions.
    public var ledger = HistoryLedger()
    /// The walk position the next commit gets (see ``RecordRevision/order``).
    public var nextOrder = 0

    public init(folder: String, mailmap: String = "") {
        self.folder = folder
        self.mailmap = mailmap
    }

    init(
        head: ObjectID?,
        folder: String,
        mailmap: String,
        identities: [String: Int],
        histories: [[RecordRevision]],
        nextOrder: Int
    ) {
        self.head = head
        self.folder = folder
        self.mailmap = mailmap
        self.ledger = HistoryLedger(identities: identities, histories: histories)
        self.nextOrder = nextOrder
    }

    var identities: [String: Int] { ledger.identities }
    var histories: [[RecordRevision]] { ledger.histories }
}

/// One pass over a repository's history that follows every record of one log folder.
///
/// The walk goes oldest first. For each commit it compares the log folder's subtree id with
/// its parents' and only diffs that folder, subtree to subtree, when it changed: most
/// commits of a busy repository never touch the log and cost one tree lookup.
///
/// Reading git objects is most of the cost. A full scan reads each commit once, for the
/// graph; the rest is independent per commit and runs on every core in four steps: each
/// commit's log subtree; the folder diffs of the commits that changed the log; their
/// authors, dates and trailers; and the status and decision text of every record revision
/// met. Only the bookkeeping between the steps, which follows records from commit to commit,
/// runs in walk order on one thread (decision 12).
public struct HistoryScanner {
    let repository: Repository
    public private(set) var state: HistoryState

    /// Every commit the scan meets: the walk's commits newest first, then the parents
    /// outside the walk (the previous scan's head, or past a shallow clone's boundary).
    private var nodes: [CommitNode] = []
    /// How many of `nodes` the walk itself visits.
    private var walkCount = 0
    /// Folder diffs computed ahead of the walk, keyed by the two subtrees.
    private var diffBySubtrees: [SubtreePair: [FolderChange]] = [:]
    /// Who made each commit that changed the log, by node index.
    private var factsByNode: [Int: CommitFacts] = [:]
    /// Revisions whose status is read after the walk: (history, index, blob, path).
    private var pendingStatuses: [(identity: Int, index: Int, blob: ObjectID, path: String)] = []
    /// The oldest commit the walk reached, for the shallow-clone warning.
    public private(set) var oldestCommit: ObjectID?
    /// Blobs already read for their status and decision text, by ``HeadRecordReader``.
    private var readBlobs: [ObjectID: BlobReading] = [:]
    /// Record paths whose blob in some revision was past ``RecordLimit/bytes``, with the
    /// largest such size: the reader warns about each.
    private(set) var largeBlobs: [String: Int] = [:]

    /// Which revisions get their decision-text hash: a scan whose state is not kept (no
    /// cache) can leave out those nobody asks for.
    let textHashes: TextHashes

    public init(
        repository: Repository,
        state: HistoryState,
        textHashes: TextHashes = .all
    ) throws {
        self.repository = repository
        self.state = state
        self.textHashes = textHashes
    }

    /// Walks the commits reachable from `head` but not from `state.head`, updating `state`.
    public mutating func scan(to head: ObjectID) throws {
        if state.head == nil, !repository.isShallow {
            // A full scan: one read of each commit gives the order, trees and parents. That
            // read is one thread's work, so another reads the records at `head` meanwhile:
            // their blobs are revisions the last step would read.
            let reader = HeadRecordReader.start(
                in: workerLocation,
                head: head,
                folder: state.folder,
                reading: { if case .all = textHashes { .hash } else { .keepText } }()
            )
            // And a third finds the log folder in each commit's tree as the graph comes in.
            let subtreeReader = SubtreeReader.start(in: workerLocation, folder: state.folder)
            let graph: [CommitGraphNode]
            do {
                var batch: [ObjectID] = []
                batch.reserveCapacity(Self.subtreeBatch)
                graph = try repository.commitGraph(from: head) { node in
                    guard let subtreeReader else { return }
                    batch.append(node.tree)
                    if batch.count == Self.subtreeBatch {
                        subtreeReader.add(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                subtreeReader?.add(batch)
            } catch {
                _ = reader?.stop()
                subtreeReader?.cancel()
                throw error
            }
            readBlobs = reader?.stop() ?? [:]
            oldestCommit = graph.last?.id
            PhaseTimer.mark("commit graph")
            try readSubtrees(of: graph, known: subtreeReader?.finish() ?? [:])
            PhaseTimer.mark("subtrees")
        } else {
            // New commits since the cache, where libgit2's walk stops at the cached head, or
            // a shallow clone, which ADRGit walks knowing the grafts.
            let hidden = state.head.map { [$0] } ?? []
            let newestFirst = try repository.commitIDs(RevisionWalk(from: head, hiding: hidden))
            oldestCommit = newestFirst.last
            PhaseTimer.mark("revwalk")
            try readCommits(newestFirst)
            PhaseTimer.mark("read commits")
        }
        try findFolders()
        let changing = try commitsChangingTheLog()
        PhaseTimer.mark("folders")
        try computeDiffsAhead(for: changing)
        PhaseTimer.mark("diffs")
        try readFacts(of: changing)
        PhaseTimer.mark("facts")
        for index in changing.reversed() {
            try visit(index)
        }
        state.nextOrder += walkCount
        PhaseTimer.mark("visit")
        try readPendingStatuses()
        PhaseTimer.mark("statuses")
        state.head = head
    }

    /// Step one, on every core: each commit's tree, parents and subtree at the log folder.
    private mutating func readCommits(_ newestFirst: [ObjectID]) throws {
        let folder = state.folder
        let shallow = repository.isShallow
        let read = try mapChunksOnEveryCore(newestFirst.count, minimumChunk: 512) {
            repository,
            range -> [CommitRead?] in
            var finder = FolderFinder(folder, in: repository)
            return try range.map { index -> CommitRead? in
                let commit: (tree: ObjectID, parents: [ObjectID])
                do {
                    commit = try repository.treeAndParents(of: newestFirst[index])
                } catch GitError.missingObject where shallow {
                    return nil
                }
                let subtree = try finder.subtree(inRoot: commit.tree)
                return CommitRead(tree: commit.tree, parents: commit.parents, subtree: subtree)
            }
        }
        try addNodes(newestFirst, read)
    }

    /// Root trees handed to the ``SubtreeReader`` at a time: few enough to keep it busy
    /// from the start, enough to make its lock rare.
    private static let subtreeBatch = 64

    /// Step one of a full scan, where the commit graph already gave each commit's tree and
    /// parents: the subtrees at the log folder, from those `known` (read beside the graph)
    /// and for the rest on every core.
    private mutating func readSubtrees(
        of graph: [CommitGraphNode],
        known: [ObjectID: ObjectID?]
    ) throws {
        let folder = state.folder
        let missing = graph.indices.filter { known[graph[$0].tree] == nil }
        let read = try mapChunksOnEveryCore(missing.count, minimumChunk: 512) {
            repository,
            range in
            var finder = FolderFinder(folder, in: repository)
            return try range.map { try finder.subtree(inRoot: graph[missing[$0]].tree) }
        }
        var subtrees = graph.map { known[$0.tree] ?? nil }
        for (index, subtree) in zip(missing, read) { subtrees[index] = subtree }
        try addNodes(
            graph.map(\.id),
            zip(graph, subtrees).map { node, subtree in
                CommitRead(tree: node.tree, parents: node.parents, subtree: subtree)
            }
        )
    }

    /// The walk's commits as nodes, newest first, followed by the parents outside it.
    private mutating func addNodes(_ newestFirst: [ObjectID], _ read: [CommitRead?]) throws {
        let folder = state.folder
        let shallow = repository.isShallow
        walkCount = newestFirst.count
        nodes.reserveCapacity(walkCount + 1)
        var indexByID: [ObjectID: Int] = [:]
        indexByID.reserveCapacity(walkCount)
        for (index, id) in newestFirst.enumerated() {
            indexByID[id] = index
            nodes.append(CommitNode(id: id, tree: read[index]?.tree))
            nodes[index].subtrees = read[index].map { [(folder, $0.subtree)] } ?? []
        }
        for index in 0..<walkCount {
            guard let parents = read[index]?.parents else { continue }
            nodes[index].parents = try parents.compactMap { parent in
                if let known = indexByID[parent] { return known }
                // A parent outside the walk: read here, as there are only a few.
                let tree: ObjectID
                do {
                    tree = try repository.treeAndParents(of: parent).tree
                } catch GitError.missingObject where shallow {
                    return nil
                }
                nodes.append(CommitNode(id: parent, tree: tree))
                indexByID[parent] = nodes.count - 1
                return nodes.count - 1
            }
        }
    }

    /// Newest first, each commit tells its parents where the folder was: the same path if
    /// it exists there, else a conventional folder, else the folder whose subtree id equals
    /// this commit's (a move of the whole log to an unconventional place).
    private mutating func findFolders() throws {
        guard walkCount > 0 else { return }
        nodes[0].folder = state.folder
        for index in 0..<walkCount {
            let folder = nodes[index].folder ?? state.folder
            let subtree = try self.subtree(of: index, at: folder)
            for parent in nodes[index].parents where nodes[parent].folder == nil {
                nodes[parent].folder = try formerFolder(in: parent, after: folder, subtree: subtree)
            }
        }
    }

    /// The walk's commits that changed the log folder relative to every parent (TREESAME,
    /// as `git log` has it), newest first.
    private mutating func commitsChangingTheLog() throws -> [Int] {
        var changing: [Int] = []
        for index in 0..<walkCount where nodes[index].tree != nil {
            let folder = nodes[index].folder ?? state.folder
            let current = try subtree(of: index, at: folder)
            let parents = nodes[index].parents.filter { nodes[$0].tree != nil }
            if parents.isEmpty, current == nil { continue }
            var sameAsAParent = false
            for parent in parents where (nodes[parent].folder ?? folder) == folder {
                if try subtree(of: parent, at: folder) == current { sameAsAParent = true }
            }
            if !sameAsAParent { changing.append(index) }
        }
        return changing
    }

    private var workerLocation: String { repository.workdir ?? repository.gitDirectory }

    /// `body` for each chunk of `count` items on every core, chunks of at least
    /// `minimumChunk` items, each with a repository of its own: for work that keeps
    /// something from one item to the next, such as a ``FolderFinder``.
    private func mapChunksOnEveryCore<Value: Sendable>(
        _ count: Int,
        minimumChunk: Int,
        _ body: @escaping @Sendable (Repository, Range<Int>) throws -> [Value]
    ) throws -> [Value] {
        let location = workerLocation
        return try Parallel.map(
            count: count,
            chunkSize: Parallel.chunkSize(for: count, minimum: minimumChunk)
        ) { range in
            try body(try Repository(at: location), range)
        }
    }

    /// `body` for each of `count` items on every core, in chunks of at least `minimumChunk`
    /// items; each chunk opens its own repository, as handles are not shared between
    /// threads.
    private func mapOnEveryCore<Value: Sendable>(
        _ count: Int,
        minimumChunk: Int,
        _ body: @escaping @Sendable (Repository, Int) throws -> Value
    ) throws -> [Value] {
        let location = workerLocation
        return try Parallel.map(
            count: count,
            chunkSize: Parallel.chunkSize(for: count, minimum: minimumChunk)
        ) { range in
            let repository = try Repository(at: location)
            return try range.map { try body(repository, $0) }
        }
    }

    /// The subtree of node `index` at `folder`, remembered per folder.
    private mutating func subtree(of index: Int, at folder: String) throws -> ObjectID? {
        if let known = nodes[index].subtrees.first(where: { $0.folder == folder }) {
            return known.subtree
        }
        guard let tree = nodes[index].tree else { return nil }
        let subtree = try Self.folderTree(at: folder, in: tree, repository)
        nodes[index].subtrees.append((folder, subtree))
        return subtree
    }

    fileprivate static func folderTree(
        at folder: String,
        in tree: ObjectID,
        _ repository: Repository
    ) throws -> ObjectID? {
        guard !folder.isEmpty else { return tree }
        guard let entry = try repository.entry(at: folder, inTree: tree), entry.kind == .tree
        else { return nil }
        return entry.id
    }

    private mutating func formerFolder(
        in index: Int,
        after folder: String,
        subtree: ObjectID?
    ) throws -> String {
        guard let tree = nodes[index].tree else { return folder }
        if try self.subtree(of: index, at: folder) != nil { return folder }
        for conventional in Configuration.conventionalFolders
        where try Self.folderTree(at: conventional, in: tree, repository) != nil {
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

    /// Records what commit `index` changed in the log; it changed something relative to
    /// every parent (see ``commitsChangingTheLog()``).
    private mutating func visit(_ index: Int) throws {
        let folder = nodes[index].folder ?? state.folder
        let current = try subtree(of: index, at: folder)
        var parentSides: [(folder: String, subtree: ObjectID?)] = []
        for parent in nodes[index].parents where nodes[parent].tree != nil {
            let parentFolder = nodes[parent].folder ?? folder
            parentSides.append((parentFolder, try subtree(of: parent, at: parentFolder)))
        }
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

        // `readFacts` read every commit this is called for.
        guard let facts = factsByNode[index] else {
            preconditionFailure("no commit facts for a commit that changed the log")
        }
        // The walk's position: oldest commit first, continuing from the previous scan.
        let order = state.nextOrder + walkCount - index
        for delta in deltas {
            record(delta, by: facts, order: order, folder: folder, oldFolder: first.folder)
        }
    }

    private func isRecord(_ path: String) -> Bool { Self.isRecord(path) }

    /// Whether `path`, relative to the log folder, is a record's.
    fileprivate static func isRecord(_ path: String) -> Bool {
        !path.hasPrefix("templates/") && DecisionRecord.isLikelyRecord(path: path)
    }

    /// The changed files between two folder trees; renames are looked for only when the
    /// commit both adds and deletes, since detection compares file contents.
    private static func diff(
        from old: ObjectID?,
        to new: ObjectID?,
        in repository: Repository
    ) throws -> [FolderChange] {
        try repository.diff(from: old, to: new, renames: .whenAddedAndDeleted)
            .map(FolderChange.init)
    }

    /// Step two, on every core: the folder diff of each commit that changed the log,
    /// against its first parent. Newest first, the walk's order: consecutive diffs share a
    /// tree, which each worker keeps, and delta bases, which libgit2 keeps.
    private mutating func computeDiffsAhead(for changing: [Int]) throws {
        var pending: [SubtreePair] = []
        var seen = Set<SubtreePair>()
        for index in changing {
            let folder = nodes[index].folder ?? state.folder
            let current = try subtree(of: index, at: folder)
            guard let parent = nodes[index].parents.first, nodes[parent].tree != nil else {
                continue
            }
            let old = try subtree(of: parent, at: nodes[parent].folder ?? folder)
            let pair = SubtreePair(old: old, new: current)
            if old != current, seen.insert(pair).inserted { pending.append(pair) }
        }
        let jobs = pending
        let diffs = try mapOnEveryCore(jobs.count, minimumChunk: 64) { repository, index in
            try Self.diff(from: jobs[index].old, to: jobs[index].new, in: repository)
        }
        for (job, diff) in zip(jobs, diffs) { diffBySubtrees[job] = diff }
    }

    /// Step three, on every core: author, committer, date, summary and trailers of each
    /// commit that changed the log.
    private mutating func readFacts(of changing: [Int]) throws {
        let ids = changing.map { nodes[$0].id }
        let location = workerLocation
        let facts = try Parallel.map(
            count: ids.count,
            chunkSize: Parallel.chunkSize(for: ids.count, minimum: 64)
        ) { range in
            let repository = try Repository(at: location)
            let mailmap = try repository.mailmap()
            return try range.map { try CommitFacts(reading: ids[$0], in: repository, mailmap) }
        }
        for (index, fact) in zip(changing, facts) { factsByNode[index] = fact }
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
        by facts: CommitFacts,
        order: Int,
        folder: String,
        oldFolder: String
    ) {
        let kind: HistoryLedger.FolderChange.Kind
        switch delta.status {
        case .added: kind = .added
        case .deleted: kind = .deleted
        case .renamed: kind = .renamed
        case .copied: kind = .copied
        default: kind = .modified
        }
        let position = state.ledger.record(
            HistoryLedger.FolderChange(kind: kind, oldPath: delta.oldPath, newPath: delta.newPath),
            path: join(folder, delta.newPath),
            oldPath: join(oldFolder, delta.oldPath)
        ) { change, path, oldPath in
            RecordRevision(
                commit: facts.commit,
                author: facts.author,
                committer: facts.committer,
                date: facts.date,
                summary: facts.summary,
                change: change,
                path: path,
                oldPath: oldPath,
                status: nil,
                trailers: facts.trailers,
                blob: delta.newID?.hex,
                time: facts.time,
                order: order
            )
        }
        if let position, let blob = delta.newID {
            pendingStatuses.append(
                (position.identity, position.index, blob, join(folder, delta.newPath))
            )
        }
    }

    /// Step four, on every core: the status and decision-text hash of every revision met,
    /// once per blob (many revisions share blobs). Keeping the text hash in the history
    /// (and its cache) spares approvals from reading blobs again.
    private mutating func readPendingStatuses() throws {
        // A blob is hashed when one of its revisions wants it.
        var hashed = Set<ObjectID>()
        for pending in pendingStatuses
        where textHashes.wants(state.ledger.histories[pending.identity][pending.index]) {
            hashed.insert(pending.blob)
        }
        var blobs: [(blob: ObjectID, path: String, reading: BlobReading.Kind)] = []
        var seen = Set<ObjectID>()
        for pending in pendingStatuses
        where readBlobs[pending.blob] == nil && seen.insert(pending.blob).inserted {
            blobs.append(
                (pending.blob, pending.path, hashed.contains(pending.blob) ? .hash : .status)
            )
        }
        let inputs = blobs
        let results = try mapOnEveryCore(inputs.count, minimumChunk: 32) { repository, index in
            try Self.reading(
                of: inputs[index].blob,
                path: inputs[index].path,
                in: repository,
                inputs[index].reading
            )
        }
        for (input, result) in zip(inputs, results) { readBlobs[input.blob] = result }
        // The reader of the records at the head kept the decision texts it did not hash.
        for blob in hashed {
            guard let text = readBlobs[blob]?.decisionText else { continue }
            readBlobs[blob]?.textHash = try? DecisionTextHash.ofNormalized(text)
        }
        for pending in pendingStatuses {
            let result = readBlobs[pending.blob]
            if let size = result?.largeSize {
                largeBlobs[pending.path] = max(size, largeBlobs[pending.path] ?? 0)
            }
            state.ledger.histories[pending.identity][pending.index].status = result?.status ?? nil
            state.ledger.histories[pending.identity][pending.index].textHash =
                result?.textHash ?? nil
        }
        pendingStatuses = []
        readBlobs = [:]
    }

    /// What `kind` asks of a record's blob; `path` only names it.
    fileprivate static func reading(
        of blob: ObjectID,
        path: String,
        in repository: Repository,
        _ kind: BlobReading.Kind
    ) throws -> BlobReading {
        let (data, size) = try repository.blobPrefix(blob, maximum: RecordLimit.bytes)
        // Past the limit: the status from its first part, and no text hash, so an approval
        // hashes the whole blob itself.
        let isLarge = size > RecordLimit.bytes
        let text =
            isLarge ? RecordLimit.text(ofPrefix: data) : String(decoding: data, as: UTF8.self)
        guard kind != .status, !isLarge else {
            return BlobReading(
                status: DecisionRecord.status(text, path: path),
                largeSize: isLarge ? size : nil
            )
        }
        let read = DecisionRecord.statusAndDecisionText(text, path: path)
        guard kind == .hash else {
            return BlobReading(status: read.status, decisionText: read.decisionText)
        }
        return BlobReading(
            status: read.status,
            textHash: try? DecisionTextHash.ofNormalized(read.decisionText)
        )
    }

    private func join(_ folder: String, _ path: String) -> String {
        folder.isEmpty ? path : folder + "/" + path
    }
}

/// One commit as the scan keeps it.
private struct CommitNode {
    var id: ObjectID
    /// The root tree; `nil` when the commit is missing (past a shallow clone's boundary).
    var tree: ObjectID?
    /// Indices of the parents that could be read, first parent first.
    var parents: [Int] = []
    /// Where the log folder was in this commit, once known.
    var folder: String?
    /// The folder's subtree at each path looked at (nearly always just one).
    var subtrees: [(folder: String, subtree: ObjectID?)] = []

    init(id: ObjectID, tree: ObjectID?) {
        self.id = id
        self.tree = tree
    }
}

/// What the parallel first step reads of each commit.
private struct CommitRead: Sendable {
    var tree: ObjectID
    var parents: [ObjectID]
    var subtree: ObjectID?
}

/// The parts of a commit a record revision shows, after `.mailmap`.
struct CommitFacts: Sendable {
    var commit: String
    var author: Person
    var committer: Person
    var date: String
    var time: Int64
    var summary: String
    var trailers: [CommitTrailer]

    init(reading id: ObjectID, in repository: Repository, _ mailmap: Mailmap) throws {
        let commit = try repository.commit(id)
        let author = try mailmap.canonical(commit.author)
        let committer = try mailmap.canonical(commit.committer)
        self.commit = commit.id.hex
        self.author = Person(name: author.name, email: author.email)
        self.committer = Person(name: committer.name, email: committer.email)
        date = HistoryDate.iso8601(author)
        time = author.time
        summary = commit.summary
        trailers = try Trailer.all(in: commit.message).map {
            CommitTrailer(key: $0.key, value: $0.value)
        }
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

/// What a record's blob says that a revision keeps.
private struct BlobReading: Sendable {
    /// How much of a blob to read.
    enum Kind: Sendable {
        /// Only the status.
        case status
        /// The status and the decision text, to hash if a revision asks for it later.
        case keepText
        /// The status and the decision-text hash.
        case hash
    }

    var status: RecordStatus?
    var textHash: String?
    var decisionText: String?
    /// The blob's size when it is past ``RecordLimit/bytes`` and was read only in part.
    var largeSize: Int?
}

/// Reads the status and decision text of the records at a commit on a thread of its own,
/// until told to stop: a full scan's commit graph is one thread's work, and those blobs are
/// revisions its last step would otherwise read then, on every core.
private final class HeadRecordReader: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var stopped = false
    /// Guarded by `lock`.
    private var readings: [ObjectID: BlobReading] = [:]
    private let finished = DispatchSemaphore(value: 0)

    /// Starts reading the records in `folder` at `head`; `nil` on a single core, where
    /// there is nothing to gain.
    static func start(
        in location: String,
        head: ObjectID,
        folder: String,
        reading kind: BlobReading.Kind
    ) -> HeadRecordReader? {
        guard ProcessInfo.processInfo.activeProcessorCount > 1 else { return nil }
        let reader = HeadRecordReader()
        Thread.detachNewThread {
            defer { reader.finished.signal() }
            // Anything that goes wrong here is left to the last step, which reads again.
            try? reader.read(location, head, folder, kind)
        }
        return reader
    }

    private func read(
        _ location: String,
        _ head: ObjectID,
        _ folder: String,
        _ kind: BlobReading.Kind
    ) throws {
        let repository = try Repository(at: location)
        let root = try repository.treeAndParents(of: head).tree
        guard let tree = try HistoryScanner.folderTree(at: folder, in: root, repository) else {
            return
        }
        for entry in try repository.entries(ofTree: tree)
        where entry.kind == .blob && HistoryScanner.isRecord(entry.name) {
            if lock.withLock({ stopped }) { return }
            let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
            let reading = try HistoryScanner.reading(
                of: entry.id,
                path: path,
                in: repository,
                kind
            )
            lock.withLock { readings[entry.id] = reading }
        }
    }

    /// Stops after the blob being read and returns what was read.
    func stop() -> [ObjectID: BlobReading] {
        lock.withLock { stopped = true }
        finished.wait()
        return lock.withLock { readings }
    }
}

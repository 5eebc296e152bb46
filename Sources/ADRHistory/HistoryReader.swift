public import ADRCore
public import ADRGit

/// Which revisions of a history scan get their decision-text hash.
public enum TextHashes: Sendable {
    /// Every revision: what the cache keeps, and what an audit compares.
    case all
    /// Only revisions whose commit has one of these trailers: the approvals `adr log`
    /// shows; the others' hashes are never asked for.
    case withTrailers(TrailerKeys)

    func wants(_ revision: RecordRevision) -> Bool {
        switch self {
        case .all: true
        case .withTrailers(let keys): revision.trailers.contains { keys.contains($0.key) }
        }
    }
}

/// Reads a log folder's history from `HEAD`, carrying on from the cache in the git
/// directory when it can (decision 9).
public enum HistoryReader {
    /// The history of every record that `folder` (relative to the repository's working
    /// tree, `""` for the top) ever held, as of `HEAD`: from the cache plus the commits
    /// made since, or with `useCache` false by a full scan that leaves the cache alone.
    ///
    /// `textHashes` says which revisions get their decision-text hash
    /// (``ADRCore/RecordRevision/textHash``, else `nil`) when the cache is left alone; a
    /// scan that fills the cache hashes every revision, as later runs rely on it.
    public static func read(
        _ repository: Repository,
        folder: String,
        useCache: Bool,
        textHashes: TextHashes = .all
    ) throws -> LogHistory {
        // Read-only: hashing every object read would only re-check what git wrote.
        try Repository.useStrictHashVerification(false)
        // A scan meets most objects once: libgit2's object cache only cost time evicting
        // (4.2 s of a 100,000-commit scan with an 8 MiB cap, 1.9 s without the cache).
        try Repository.useObjectCache(false)
        guard let head = try repository.head else { return LogHistory(records: []) }
        let cachePath = HistoryCache.path(in: repository)
        let mailmap = try repository.mailmapFingerprint().hex
        var state = HistoryState(folder: folder, mailmap: mailmap)
        if useCache, let cached = HistoryCache.load(from: cachePath, folder: folder),
            // Names are stored mapped: another mailmap means mapping every commit again.
            cached.mailmap == mailmap,
            let cachedHead = cached.head,
            try cachedHead == head || repository.isDescendant(head, of: cachedHead)
        {
            state = cached
        }
        PhaseTimer.mark("cache read")
        var warnings: [String] = []
        if state.head != head {
            var scanner = try HistoryScanner(
                repository: repository,
                state: state,
                textHashes: useCache ? .all : textHashes
            )
            try scanner.scan(to: head)
            state = scanner.state
            for (path, size) in scanner.largeBlobs.sorted(by: { $0.key < $1.key }) {
                warnings.append(
                    "warning: \(path): a revision of \(RecordLimit.warning(size: size))"
                )
            }
            if repository.isShallow {
                let oldest = scanner.oldestCommit.map { String($0.hex.prefix(12)) } ?? "unknown"
                warnings.append(
                    "warning: shallow clone: history is truncated at commit \(oldest); "
                        + "run 'git fetch --unshallow' for the full history"
                )
            }
            // A shallow walk is incomplete, so it must not become the base of later runs.
            if useCache, !repository.isShallow { HistoryCache.save(state, to: cachePath) }
        }
        return LogHistory(records: state.ledger.recordHistories, warnings: warnings)
    }
}

public import ADRCore
import ADRGit
import Foundation

/// The history of every record a log ever held, as of `HEAD`.
public struct LogHistory: Sendable {
    /// One history per record, including records deleted since.
    public var records: [RecordHistory]
    /// Diagnostics for stderr, such as a shallow clone's truncated history.
    public var warnings: [String]

    public init(records: [RecordHistory], warnings: [String] = []) {
        self.records = records
        self.warnings = warnings
    }

    /// The history of the record at `path` (relative to the repository root) at `HEAD`.
    public func history(ofPath path: String) -> RecordHistory? {
        records.last { $0.lastChanged?.path == path && !$0.isDeleted }
    }

    /// ``history(ofPath:)`` for every path at once, for a caller that looks up many: one
    /// pass instead of one per record.
    public var historiesByPath: [String: RecordHistory] {
        var byPath: [String: RecordHistory] = [:]
        byPath.reserveCapacity(records.count)
        // Later records win, as `last(where:)` finds them.
        for record in records where !record.isDeleted {
            if let path = record.lastChanged?.path { byPath[path] = record }
        }
        return byPath
    }

    /// Records deleted at `HEAD`.
    public var deletedRecords: [RecordHistory] {
        records.filter(\.isDeleted)
    }

    /// Every event of every record, newest first.
    public var events: [LogEvent] {
        LogEvent.newestFirst(records.flatMap(\.events))
    }
}

extension Workspace {
    /// Starts git's one-time set-up on another thread (see ``ADRGit/GitSetUp``); a
    /// process that calls this must end without running exit handlers.
    public static func startGitSetUp() { GitSetUp.startInBackground() }

    /// Reads the history of the log from `HEAD`: from the cache in the git directory plus
    /// the commits made since, or with `useCache` false by a full scan that leaves the
    /// cache alone.
    /// - Throws: ``WorkspaceError/noRepository(path:)`` outside a git repository,
    ///   ``WorkspaceError/git(_:)`` when git data cannot be read (naming the object).
    public func readHistory(useCache: Bool = true) throws(WorkspaceError) -> LogHistory {
        do {
            return try scanHistory(useCache: useCache)
        } catch let error as WorkspaceError {
            throw error
        } catch let error as GitError {
            if case .notARepository = error {
                throw .noRepository(path: displayPath(options.workingDirectory))
            }
            throw .git(error.description)
        } catch {
            throw .git("\(error)")
        }
    }

    private func scanHistory(useCache: Bool) throws -> LogHistory {
        PhaseTimer.mark("start")
        // Read while git's set-up finishes on the other thread, which opening the
        // repository waits for.
        let prefetched = useCache ? HistoryCache.Prefetched.near(options.workingDirectory) : nil
        PhaseTimer.mark("cache read")
        let repository = try Repository(discoveringFrom: options.workingDirectory)
        PhaseTimer.mark("repository open")
        guard let workdir = repository.workdir else {
            throw WorkspaceError.noRepository(path: displayPath(options.workingDirectory))
        }
        // Read-only: hashing every object read would only re-check what git wrote.
        try Repository.useStrictHashVerification(false)
        // A scan meets most objects once: libgit2's object cache only cost time evicting
        // (4.2 s of a 100,000-commit scan with an 8 MiB cap, 1.9 s without the cache).
        try Repository.useObjectCache(false)
        let folderInRepository = historyFolder(inWorkdir: workdir)
        guard let head = try repository.head else { return LogHistory(records: []) }

        let cachePath = HistoryCache.path(in: repository)
        let mailmap = try repository.mailmapFingerprint().hex
        var state = HistoryState(folder: folderInRepository, mailmap: mailmap)
        if useCache,
            let cached = Self.cachedState(
                at: cachePath,
                folder: folderInRepository,
                prefetched: prefetched
            ),
            // Names are stored mapped: another mailmap means mapping every commit again.
            cached.mailmap == mailmap,
            let cachedHead = cached.head,
            try cachedHead == head || repository.isDescendant(head, of: cachedHead)
        {
            state = cached
        }
        var warnings: [String] = []
        if state.head != head {
            var scanner = try HistoryScanner(repository: repository, state: state)
            try scanner.scan(to: head)
            state = scanner.state
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
        let records = state.histories.filter { !$0.isEmpty }.map(RecordHistory.init)
        return LogHistory(records: records, warnings: warnings)
    }

    /// The cache to start from: the one read ahead when it was read from `path` (even if
    /// it held nothing usable, as reading it again would find the same), else read now.
    private static func cachedState(
        at path: String,
        folder: String,
        prefetched: HistoryCache.Prefetched?
    ) -> HistoryState? {
        if let prefetched, prefetched.path == path {
            return prefetched.state(at: path, folder: folder)
        }
        return HistoryCache.load(from: path, folder: folder)
    }

    /// The log folder relative to the repository's working tree `workdir` (with its
    /// trailing slash), as the history records it: `""` for the top folder.
    func historyFolder(inWorkdir workdir: String) -> String {
        let folder = PathText.relative(
            Self.resolved(location.folder),
            to: Self.resolved(String(workdir.dropLast()))
        )
        return folder == "." ? "" : folder
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// A deleted record that `reference` names, by number, file name or id.
    public func deletedRecord(matching reference: String, in history: LogHistory)
        -> RecordHistory?
    {
        let deleted = history.deletedRecords
        // The file name alone identifies a record here, as a log folder has no subfolders.
        let entries = deleted.map { history in
            let path = history.lastChanged?.path ?? ""
            let name = String(path.split(separator: "/").last ?? "")
            return LogEntry(
                fileName: name,
                text: "",
                record: DecisionRecord(parsing: "", path: path)
            )
        }
        guard let match = try? DecisionLog(entries: entries).entry(matching: reference),
            let index = entries.firstIndex(of: match)
        else { return nil }
        return deleted[index]
    }

    /// The text of the last revision of `history` that had one, read from git.
    public func lastText(of history: RecordHistory) throws(WorkspaceError) -> String {
        guard let blob = history.revisions.last(where: { $0.blob != nil })?.blob,
            let id = ObjectID(hex: blob)
        else { return "" }
        do {
            let repository = try Repository(discoveringFrom: options.workingDirectory)
            return try repository.blobText(id)
        } catch {
            throw .git("\(error)")
        }
    }
}

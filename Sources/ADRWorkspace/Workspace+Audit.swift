public import ADRAudit
import ADRCore
import ADRGit
import ADRHistory
import Foundation

/// What `adr audit` was asked to look at.
public struct AuditRequest: Sendable {
    /// `--base REF`.
    public var base: String?
    /// `--worktree`: the working tree instead of `HEAD`.
    public var worktree: Bool
    /// `--history`.
    public var history: Bool
    /// `--rule ID=LEVEL`, in order.
    public var ruleLevels: [(rule: String, level: String)]
    /// `--baseline FILE`, relative to the working directory.
    public var baseline: String?

    public init(
        base: String? = nil,
        worktree: Bool = false,
        history: Bool = false,
        ruleLevels: [(rule: String, level: String)] = [],
        baseline: String? = nil
    ) {
        self.base = base
        self.worktree = worktree
        self.history = history
        self.ruleLevels = ruleLevels
        self.baseline = baseline
    }
}

extension Workspace {
    /// Audits the log: at `HEAD` (or the working tree), against the merge base of
    /// `request.base` when given, over the whole history with `request.history`.
    ///
    /// Reads only what the rules need: the two trees and the records' texts for `--base`,
    /// the history (through its cache) only for `--history` and the approval rules.
    /// - Throws: ``WorkspaceError/audit(_:)`` when the audit cannot be made (a base that is
    ///   not there, a shallow clone without the merge base), naming the fix.
    public func audit(_ request: AuditRequest) throws(WorkspaceError) -> AuditResult {
        let levels: [String: AuditSeverity]
        do {
            levels = try Audit.levels(
                configured: location.configuration.audit,
                overrides: request.ruleLevels
            )
        } catch {
            throw .invalidArgument(error.description)
        }
        do {
            let input = try auditInput(request)
            var findings = Audit.findings(of: input, levels: levels)
            var baselined = 0
            if let path = request.baseline {
                let text = try FileStore.read(
                    PathText.absolute(path, from: options.workingDirectory)
                )
                let kept = AuditBaseline(parsing: text).filtering(findings)
                baselined = findings.count - kept.count
                findings = kept
            }
            return AuditResult(
                findings: findings,
                records: input.log.entries.map(\.record.path).sorted(),
                baselined: baselined
            )
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .git("\(error)")
        }
    }

    /// The audit's input: everything read, nothing judged.
    private func auditInput(_ request: AuditRequest) throws -> AuditInput {
        // An audit only reads objects: hashing each one read cost a sixth of an audit.
        try Repository.useStrictHashVerification(false)
        let repository: Repository?
        do {
            repository = try Repository(discoveringFrom: location.folder)
        } catch GitError.notARepository {
            repository = nil
        }
        let head = try repository?.head
        guard let repository, let head, let workdir = repository.workdir else {
            if request.base != nil || request.history {
                throw WorkspaceError.noRepository(path: displayPath(options.workingDirectory))
            }
            return try worktreeInput()
        }
        let folder = historyFolder(inWorkdir: workdir)
        let base = try request.base.map { name in
            try auditBaseCommits(name, head: head, in: repository)
        }
        // Each tree is listed once.
        let baseFiles = try base.map {
            try recordFiles(in: repository, at: $0.mergeBase, folder: folder)
        }
        var headBlobs: [String: ObjectID] = [:]
        var input: AuditInput
        if request.worktree {
            input = try worktreeInput()
        } else {
            let headFiles = try recordFiles(in: repository, at: head, folder: folder)
            if base != nil { headBlobs = blobs(of: headFiles, folder: folder) }
            // The rules compare the texts of the records this branch changed, nothing else.
            let log = try committedLog(
                in: repository,
                files: headFiles,
                folder: folder,
                useCache: true,
                readingTextsChangedSince: baseFiles.map { blobs(of: $0, folder: folder) }
            )
            let linked = log.linkedFiles
            let root = try repository.commit(head).treeID
            let existing = try linked.filter { try repository.entry(at: $0, inTree: root) != nil }
            input = AuditInput(log: log, existingFiles: Set(existing))
        }
        input.approvalSettings = location.configuration.approvals
        input.approvers = try approvers()
        input.includesHistory = request.history
        if let name = request.base, let base, let baseFiles {
            input.base = try auditBase(
                name,
                base,
                baseFiles: baseFiles,
                head: head,
                headBlobs: headBlobs,
                folder: folder,
                in: repository,
                input
            )
        }
        let needingApprovals = Audit.recordsNeedingApprovals(input)
        if request.history || !needingApprovals.isEmpty {
            let history = try readHistory()
            input.histories = history.records
            let byPath = history.historiesByPath
            var approvals: [String: [ApprovalState]] = [:]
            let paths =
                !Audit.asksForApprovals(input)
                ? [] : request.history ? input.log.entries.map(\.record.path) : needingApprovals
            let recordPaths = Set(input.log.entries.map(\.record.path))
            let judged = paths.filter { recordPaths.contains($0) }
            let reports = try self.approvals(ofEach: judged.map { byPath[$0] })
            for (path, report) in zip(judged, reports) {
                if let report { approvals[path] = report.states }
            }
            input.approvals = approvals
        }
        return input
    }

    /// The working tree's log, with the local files its links point to that exist.
    private func worktreeInput() throws(WorkspaceError) -> AuditInput {
        let log = Self.audited(try readLog())
        let existing = log.linkedFiles.filter {
            FileStore.exists(PathText.join(location.root, $0))
        }
        return AuditInput(log: log, existingFiles: existing)
    }

    /// Reads the facts of the records that may have links, on every core.
    private static func audited(_ log: DecisionLog) -> AuditedLog {
        let entries = log.entries.filter { RecordFacts.mayHaveLinks($0.text) }
        let facts =
            (try? Parallel.map(
                count: entries.count,
                chunkSize: Parallel.chunkSize(for: entries.count, minimum: 64)
            ) { range in
                range.map { RecordFacts(parsing: entries[$0].text) }
            }) ?? entries.map { RecordFacts(parsing: $0.text) }
        var byPath: [String: RecordFacts] = [:]
        for (entry, fact) in zip(entries, facts) { byPath[entry.record.path] = fact }
        return AuditedLog(log, facts: byPath)
    }

    /// The log of the record files `files` of a commit (``recordFiles(in:at:folder:)``) in
    /// `folder` (relative to the repository root), each record read and parsed on every
    /// core. A record whose text is the one in `known`
    /// (the log at HEAD, for the merge base's) is taken from it; one in the records cache
    /// (the same cache `adr list` keeps, keyed by path and blob) is not parsed at all: its
    /// facts are kept there too. Only `useCache` reads use and update that cache.
    ///
    /// With `useCache`, a record whose record and facts are in the cache is not even read
    /// from the object database (``AuditedLog/unreadTexts``), unless `changedSince` (the
    /// merge base's blobs, by path) has another blob or none for it: the rules compare
    /// those texts.
    func committedLog(
        in repository: Repository,
        files: [(name: String, blob: ObjectID)],
        folder: String,
        reusing known: AuditedLog? = nil,
        knownBlobs: [String: ObjectID] = [:],
        useCache: Bool = false,
        readingTextsChangedSince changedSince: [String: ObjectID]? = nil
    ) throws -> AuditedLog {
        let location = repository.workdir ?? repository.gitDirectory
        let knownByPath = Dictionary(
            (known?.entries ?? []).map { ($0.record.path, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let knownFacts = known?.knownFacts ?? [:]
        let cachePath = RecordCache.committedPath(inGitDirectory: repository.gitDirectory)
        var cache = useCache ? RecordCache.load(from: cachePath) : RecordCache()
        let cached = cache
        // One chunk per core: each opens its own repository (a few million instructions in
        // a large one), and only when it has a blob to read.
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let read = try Parallel.map(
            count: files.count,
            chunkSize: max(64, (files.count + cores - 1) / cores)
        ) { range in
            var opened: Repository?
            return try range.map { index -> AuditRead in
                let file = files[index]
                let path = folder.isEmpty ? file.name : folder + "/" + file.name
                // The same blob as the known log's: not even read.
                if let same = knownByPath[path], knownBlobs[path] == file.blob {
                    return AuditRead(
                        entry: same,
                        facts: knownFacts[path],
                        known: true,
                        key: nil,
                        unread: known?.unreadTexts.contains(path) ?? false
                    )
                }
                let key = RecordCache.blobKey(path: path, blob: file.blob.hex)
                let committed = cached.committed(forBlob: key)
                let record = committed?.record
                let cachedFacts = committed?.facts
                if let record, let cachedFacts, useCache,
                    changedSince.map({ $0[path] == file.blob }) ?? true
                {
                    let entry = LogEntry(fileName: file.name, text: "", record: record)
                    return AuditRead(
                        entry: entry,
                        facts: cachedFacts,
                        known: false,
                        key: key,
                        unread: true,
                        fromCache: true
                    )
                }
                let repository = try opened ?? Repository(at: location)
                opened = repository
                let text = try repository.blobText(file.blob)
                if let same = knownByPath[path], same.text == text {
                    return AuditRead(entry: same, facts: knownFacts[path], known: true, key: nil)
                }
                if let record {
                    let entry = LogEntry(fileName: file.name, text: text, record: record)
                    let facts = cachedFacts ?? Self.auditedFacts(RecordFacts(parsing: text), text)
                    return AuditRead(
                        entry: entry,
                        facts: facts,
                        known: false,
                        key: key,
                        fromCache: cachedFacts != nil
                    )
                }
                // One parse gives the record and its facts, which findings without links
                // read too (a later run takes both from the cache).
                let read = RecordFacts.reading(text, path: path)
                let entry = LogEntry(fileName: file.name, text: text, record: read.record)
                return AuditRead(
                    entry: entry,
                    facts: Self.auditedFacts(read.facts, text),
                    known: false,
                    key: key
                )
            }
        }
        if useCache {
            var keyCount = 0
            for item in read {
                guard let key = item.key else { continue }
                keyCount += 1
                if item.fromCache { continue }
                cache.store(item.entry.record, facts: item.facts, forBlob: key)
            }
            // Every key read is in the cache now, one per path: when the cache holds no
            // more than those, there is nothing to drop.
            if cache.blobKeyCount != keyCount {
                cache.keepOnlyBlobs(Set(read.compactMap(\.key)))
            }
            if cache.isStale { cache.save(to: cachePath) }
        }
        var facts: [String: RecordFacts] = [:]
        facts.reserveCapacity(read.count)
        var unread = Set<String>(minimumCapacity: read.count)
        for item in read {
            facts[item.entry.record.path] = item.facts
            if item.unread { unread.insert(item.entry.record.path) }
        }
        return AuditedLog(
            DecisionLog(entries: read.map { $0.known ? $0.entry : checkingTagsForAudit($0.entry) }),
            facts: facts,
            unreadTexts: unread
        )
    }

    /// `facts` with only the links ``AuditedLog`` reads of `text`: none when the text can
    /// hold no Markdown link (only autolinks, which are URLs), so that a record taken from
    /// the cache without its text has the same links as one read.
    private static func auditedFacts(_ facts: RecordFacts, _ text: String) -> RecordFacts {
        guard !facts.links.isEmpty, !RecordFacts.mayHaveLinks(text) else { return facts }
        var kept = facts
        kept.links = []
        return kept
    }

    /// The record files of the log folder at `commit`: names relative to the folder, with
    /// their blobs; a folder per record counts by its `index.md` or `README.md`.
    private func recordFiles(in repository: Repository, at commit: ObjectID, folder: String)
        throws -> [(name: String, blob: ObjectID)]
    {
        guard let tree = try repository.treeID(at: folder, inCommit: commit) else { return [] }
        var files: [(name: String, blob: ObjectID)] = []
        // A symbolic link's blob is its target's path, not a record (a folder per record
        // often has `README.md` linking to `index.md`).
        let symbolicLink: UInt32 = 0o120000
        for entry in try repository.entries(ofTree: tree)
        where !entry.name.hasPrefix(".") && entry.fileMode != symbolicLink {
            switch entry.kind {
            case .blob where DecisionRecord.isLikelyRecord(fileName: entry.name):
                files.append((entry.name, entry.id))
            case .tree where entry.name != "templates":
                let inner = try repository.entries(ofTree: entry.id).filter {
                    $0.kind == .blob && $0.fileMode != symbolicLink
                }
                for name in ["index.md", "README.md"] {
                    guard let index = inner.first(where: { $0.name == name }) else { continue }
                    files.append((entry.name + "/" + index.name, index.id))
                    break
                }
            default: continue
            }
        }
        return files
    }

    /// The blob of each of `files` (of the log folder `folder`), by its path relative to the
    /// repository root.
    private func blobs(of files: [(name: String, blob: ObjectID)], folder: String)
        -> [String: ObjectID]
    {
        var blobs: [String: ObjectID] = [:]
        blobs.reserveCapacity(files.count)
        for file in files {
            blobs[folder.isEmpty ? file.name : folder + "/" + file.name] = file.blob
        }
        return blobs
    }

    /// The tag vocabulary check `readLog()` makes, for records read from git.
    private func checkingTagsForAudit(_ entry: LogEntry) -> LogEntry {
        guard let vocabulary = location.configuration.tags else { return entry }
        var checked = entry
        let allowed = Set(vocabulary.map { $0.lowercased() })
        for tag in entry.record.tags where !allowed.contains(tag.lowercased()) {
            checked.record.warnings.append(
                SourceWarning(
                    path: entry.record.path,
                    line: nil,
                    message:
                        "unknown tag \"\(tag)\" (allowed: \(vocabulary.joined(separator: ", ")))"
                )
            )
        }
        return checked
    }

    /// The approvers `.adr.yml` lists or names a file of; `nil` when it says nothing.
    private func approvers() throws(WorkspaceError) -> [String]? {
        switch location.configuration.approvals.approvers {
        case nil: return nil
        case .list(let names): return names
        case .file(let file):
            let folder = location.configurationPath.map(PathText.parent) ?? location.root
            return Approvers.names(
                inFile: try FileStore.read(PathText.absolute(file, from: folder))
            )
        }
    }

    /// The tip of `name` and its merge base with `head`.
    private func auditBaseCommits(_ name: String, head: ObjectID, in repository: Repository)
        throws -> (tip: ObjectID, mergeBase: ObjectID)
    {
        let shallowHint =
            repository.isShallow
            ? "; this is a shallow clone: fetch the full history (actions/checkout with "
                + "fetch-depth: 0, or git fetch --unshallow)" : ""
        guard let tip = try repository.commitID(resolving: name) else {
            let remote = name.split(separator: "/", maxSplits: 1)
            let fetch =
                remote.count == 2
                ? "git fetch \(remote[0]) \(remote[1])" : "git fetch origin \(name)"
            throw WorkspaceError.audit(
                "base \"\(name)\" not found; fetch it first: \(fetch) (in GitHub Actions, "
                    + "actions/checkout with fetch-depth: 0)"
            )
        }
        let mergeBase: ObjectID?
        do {
            mergeBase = try repository.mergeBase(of: head, and: tip)
        } catch is GitError where repository.isShallow {
            // The walk for the merge base reached a commit the clone does not have.
            mergeBase = nil
        }
        guard let mergeBase else {
            throw WorkspaceError.audit(
                "HEAD and \"\(name)\" have no common history\(shallowHint)"
            )
        }
        return (tip, mergeBase)
    }

    /// The merge base's log, what `name`'s tip holds, and how records added here first
    /// appeared.
    /// `headBlobs` are those of the log read from `HEAD`, empty when it was read from the
    /// working tree.
    private func auditBase(
        _ name: String,
        _ commits: (tip: ObjectID, mergeBase: ObjectID),
        baseFiles: [(name: String, blob: ObjectID)],
        head: ObjectID,
        headBlobs: [String: ObjectID],
        folder: String,
        in repository: Repository,
        _ input: AuditInput
    ) throws -> AuditBase {
        let (tip, mergeBase) = commits
        let baseLog = try committedLog(
            in: repository,
            files: baseFiles,
            folder: folder,
            reusing: input.log,
            knownBlobs: headBlobs
        )
        let tipFiles = try recordFiles(in: repository, at: tip, folder: folder).map {
            folder.isEmpty ? $0.name : folder + "/" + $0.name
        }
        var base = AuditBase(name: name, log: baseLog, tipRecordPaths: tipFiles)
        base.firstStatuses = try firstStatuses(
            of: input,
            base: baseLog,
            from: mergeBase,
            to: head,
            in: repository
        )
        return base
    }

    /// For each record added since `mergeBase` that is now superseded or deprecated, its
    /// status in the first commit of this branch that has it (a walk of this branch's
    /// commits only).
    private func firstStatuses(
        of input: AuditInput,
        base: AuditedLog,
        from mergeBase: ObjectID,
        to head: ObjectID,
        in repository: Repository
    ) throws -> [String: RecordStatus?] {
        let basePaths = Set(base.entries.map(\.record.path))
        let suspects = input.log.entries.filter { entry in
            guard !basePaths.contains(entry.record.path) else { return false }
            let status = entry.record.status
            return status == .superseded || status == .deprecated
        }
        guard !suspects.isEmpty else { return [:] }
        let commits = try repository.commitIDs(
            RevisionWalk(from: head, hiding: [mergeBase], order: .oldestFirst)
        )
        var statuses: [String: RecordStatus?] = [:]
        for entry in suspects {
            let path = entry.record.path
            for commit in commits {
                guard let data = try repository.blobData(at: path, inCommit: commit) else {
                    continue
                }
                let text = String(decoding: data, as: UTF8.self)
                statuses[path] = DecisionRecord.statusAndDecisionText(text, path: path).status
                break
            }
        }
        return statuses
    }

    /// `AuditBaseline`'s text for `findings`, written to `path` (relative to the working
    /// directory) atomically.
    public func writeBaseline(_ findings: [AuditFinding], to path: String) throws(WorkspaceError) {
        try FileStore.replace(
            PathText.absolute(path, from: options.workingDirectory),
            with: AuditBaseline.text(for: findings)
        )
    }

    /// Appends `text` to the file at `path` (`$GITHUB_STEP_SUMMARY`), creating it.
    public func append(_ text: String, toFile path: String) throws(WorkspaceError) {
        let absolute = PathText.absolute(path, from: options.workingDirectory)
        guard let handle = FileHandle(forWritingAtPath: absolute) else {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: absolute))
            } catch {
                throw .io(
                    path: path,
                    message: "cannot write the summary: \(error.localizedDescription)"
                )
            }
            return
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .io(
                path: path,
                message: "cannot append the summary: \(error.localizedDescription)"
            )
        }
    }

    /// Writes `text` to `path` (`--output`), relative to the working directory, atomically.
    public func writeReport(_ text: String, to path: String) throws(WorkspaceError) {
        try FileStore.replace(PathText.absolute(path, from: options.workingDirectory), with: text)
    }
}

/// One record as ``Workspace/committedLog(in:files:folder:reusing:knownBlobs:useCache:readingTextsChangedSince:)``
/// read it.
private struct AuditRead: Sendable {
    var entry: LogEntry
    /// Read with the record; from the cache, or read now when the record may have links.
    var facts: RecordFacts?
    /// Taken from the log given as known.
    var known: Bool
    /// The records-cache key, `nil` for a known record.
    var key: String?
    /// Taken from the records cache without its text (see ``AuditedLog/unreadTexts``).
    var unread = false
    /// Record and facts as the records cache has them: nothing to store.
    var fromCache = false
}

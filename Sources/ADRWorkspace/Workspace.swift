public import ADRCore
import Foundation

/// The use cases behind the commands: each reads the log, plans a change as a value in
/// ADRCore, and applies it atomically.
public struct Workspace: Sendable {
    public var options: WorkspaceOptions
    public var location: LogLocation

    public init(options: WorkspaceOptions) throws(WorkspaceError) {
        self.options = options
        self.location = try LogLocation(options: options)
        // A command that died midway left a journal or temporary files: every command,
        // reading or writing, starts from a log where its last change is whole or absent.
        try Journal.recover(in: location.folder)
    }

    // MARK: Reading

    /// Every record of the log, each with what could be read from it. A file that cannot
    /// be read is listed with a warning instead of stopping the command.
    ///
    /// With `texts` false, records unchanged since the records cache saw them are taken
    /// from it without reading their files, and their entries' `text` is empty: for the
    /// commands that print what records say, never for one that edits them.
    /// With `reusingParsedRecords`, a record read whole is taken from the records cache when
    /// the cache knows its file as it is now (as `texts: false` does), instead of being
    /// parsed again; for commands that only read, such as the site.
    public func readLog(
        texts: Bool = true,
        reusingParsedRecords: Bool = false
    ) throws(WorkspaceError) -> DecisionLog {
        try readLog(texts: texts, reusingParsedRecords: reusingParsedRecords) { count, body in
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// ``readLog(texts:reusingParsedRecords:)`` with the records read and parsed by
    /// `eachRecord`, which calls its closure once for each index below its count.
    func readLog(
        texts: Bool = true,
        reusingParsedRecords: Bool = false,
        eachRecord: (Int, @escaping @Sendable (Int) -> Void) -> Void
    ) throws(WorkspaceError) -> DecisionLog {
        try readLog(
            texts: texts,
            reusingParsedRecords: reusingParsedRecords,
            eachRecord: eachRecord,
            parsing: (@Sendable (String, String) -> (DecisionRecord, Void))?.none
        ).log
    }

    /// ``readLog(texts:reusingParsedRecords:eachRecord:)`` with each record parsed by
    /// `parse`, which gives what else its caller reads from the same parse, by file name in
    /// `extras`, for each record parsed (not for those the records cache gave): nothing is
    /// parsed twice, and no parse is held longer than its record's. Without `parse`,
    /// `extras` is empty.
    func readLog<Extra: Sendable>(
        texts: Bool = true,
        reusingParsedRecords: Bool = false,
        eachRecord: (Int, @escaping @Sendable (Int) -> Void) -> Void,
        parsing parse: (@Sendable (_ text: String, _ path: String) -> (DecisionRecord, Extra))?
    ) throws(WorkspaceError) -> (log: DecisionLog, extras: [String: Extra]) {
        guard FileStore.isDirectory(location.folder) else {
            throw .missingLog(path: displayPath(location.folder))
        }
        var fileNames: [String] = []
        var fileStatuses: [FileStatus?] = []
        let templates = configuredTemplatePaths()
        // In the folder's own order: `DecisionLog` sorts the records by number and name.
        for name in FileStore.allNames(inDirectory: location.folder) where !name.hasPrefix(".") {
            let path = PathText.join(location.folder, name)
            if !templates.isEmpty, templates.contains(path) { continue }
            let inspected = FileStatus.inspecting(path)
            if inspected?.isDirectory == true {
                guard name != "templates",
                    let (inner, status) = ["index.md", "README.md"].lazy.compactMap({
                        inner in FileStatus(path: PathText.join(path, inner)).map { (inner, $0) }
                    }).first
                else { continue }
                fileNames.append(name + "/" + inner)
                fileStatuses.append(status)
            } else if DecisionRecord.isLikelyRecord(fileName: name) {
                fileNames.append(name)
                fileStatuses.append(inspected?.status)
            }
        }
        let names = fileNames
        let statuses = fileStatuses
        let folderFromRoot = rootRelativePath(location.folder)
        let cachePath = RecordCache.path(
            forLogIn: location.folder,
            environment: options.environment
        )
        var cache = cachePath.map(RecordCache.load) ?? RecordCache()
        let realRoot = PathText.resolvingLinks(location.root)
        var entries = [LogEntry?](repeating: nil, count: names.count)
        if !texts {
            for (index, name) in names.enumerated() {
                guard let status = statuses[index],
                    let record = cache.record(named: name, status: status)
                else { continue }
                entries[index] = LogEntry(fileName: name, text: "", record: record)
            }
        }
        // Records are parsed independently, so a large log is read on every core.
        let missing = entries.indices.filter { entries[$0] == nil }
        // A cached record was parsed from at most the first `RecordLimit.bytes`: it stands
        // for a whole file only when the file is no longer.
        let known: [DecisionRecord?] =
            texts && reusingParsedRecords
            ? missing.map { index in
                guard let status = statuses[index], status.size <= RecordLimit.bytes else {
                    return nil
                }
                return cache.record(named: names[index], status: status)
            } : []
        var extras = [Extra?](repeating: nil, count: parse == nil ? 0 : names.count)
        entries.withUnsafeMutableBufferPointer { buffer in
            extras.withUnsafeMutableBufferPointer { extraBuffer in
                // Each index is written by exactly one call.
                nonisolated(unsafe) let output = buffer
                nonisolated(unsafe) let extraOutput = extraBuffer
                eachRecord(missing.count) { position in
                    let index = missing[position]
                    output[index] = entry(
                        fileName: names[index],
                        folderFromRoot: folderFromRoot,
                        realRoot: realRoot,
                        // Edits read whole records: they write them back.
                        limit: texts ? nil : RecordLimit.bytes,
                        parsed: known.isEmpty ? nil : known[position]
                    ) { text, path in
                        guard let parse else { return DecisionRecord(parsing: text, path: path) }
                        let (record, extra) = parse(text, path)
                        extraOutput[index] = extra
                        return record
                    }
                }
            }
        }
        if let cachePath {
            let now = FileStatus.now
            for (position, index) in missing.enumerated() {
                // A record taken from the cache is there already.
                if !known.isEmpty, known[position] != nil { continue }
                guard let status = statuses[index], let entry = entries[index],
                    !entry.record.warnings.contains(where: { $0.message == "cannot read the file" })
                else { continue }
                cache.store(entry.record, named: names[index], status: status, now: now)
            }
            cache.keepOnly(Set(names))
            if cache.isStale { cache.save(to: cachePath) }
        }
        var extrasByName: [String: Extra] = [:]
        for (name, extra) in zip(names, extras) { if let extra { extrasByName[name] = extra } }
        let log = checkingNumbers(
            DecisionLog(entries: entries.compactMap { $0 })
                .checkingTags(against: location.configuration.tags)
        )
        return (log, extrasByName)
    }
    /// Warns on each record whose number another record has too: a number then names no
    /// record, and a merge of two branches usually means one wants `adr renumber`.
    private func checkingNumbers(_ log: DecisionLog) -> DecisionLog {
        let duplicates = log.duplicateNumbers
        guard !duplicates.isEmpty else { return log }
        return DecisionLog(
            entries: log.entries.map { entry in
                guard let number = entry.record.number, let names = duplicates[number] else {
                    return entry
                }
                var checked = entry
                let others = names.filter { $0 != entry.fileName }.joined(separator: ", ")
                checked.record.warnings.append(
                    SourceWarning(
                        path: entry.record.path,
                        line: nil,
                        message:
                            "number \(number) is also taken by \(others); name these records by file, or renumber one"
                    )
                )
                return checked
            }
        )
    }

    /// The files the configuration or `ADR_TEMPLATE` names as the template: a template kept
    /// in the log folder is told apart by that, whatever its name.
    func configuredTemplatePaths() -> Set<String> {
        var paths: Set<String> = []
        if let path = options.environment["ADR_TEMPLATE"], !path.isEmpty {
            paths.insert(PathText.absolute(path, from: options.workingDirectory))
        }
        if let name = location.settings.template, BuiltInTemplates.template(named: name) == nil {
            paths.insert(PathText.absolute(name, from: options.workingDirectory))
            if let configuration = location.configurationPath {
                paths.insert(PathText.absolute(name, from: PathText.parent(configuration)))
            }
        }
        return paths
    }

    /// `entry` with its text, for one taken from the records cache without it; read as
    /// ``readLog(texts:)`` reads every record (a link out of the repository stays unread).
    func withText(_ entry: LogEntry) -> LogEntry {
        guard entry.text.isEmpty else { return entry }
        let read = self.entry(
            fileName: entry.fileName,
            folderFromRoot: rootRelativePath(location.folder),
            realRoot: PathText.resolvingLinks(location.root),
            limit: RecordLimit.bytes
        )
        var whole = entry
        whole.text = read.text
        return whole
    }

    /// Reads one record; a file that cannot be read, or a link out of the repository, is
    /// listed with a warning. With a `limit`, a larger record is read only that far, with a
    /// warning (``RecordLimit``).
    private func entry(
        fileName: String,
        folderFromRoot: String,
        realRoot: String,
        limit: Int?,
        parsed: DecisionRecord? = nil,
        parse: (_ text: String, _ path: String) -> DecisionRecord = DecisionRecord.init(
            parsing:
            path:
        )
    ) -> LogEntry {
        let absolute = PathText.join(location.folder, fileName)
        let path = folderFromRoot == "." ? fileName : folderFromRoot + "/" + fileName
        if let target = linkOutside(realRoot, fileName: fileName) {
            // As git does for links out of the tree: the link is listed, its target not read.
            var record = DecisionRecord(
                path: path,
                title: DecisionRecord.title(fromName: DecisionRecord.recordName(path: fileName))
            )
            record.number = DecisionRecord.number(fromFileName: fileName)
            record.warnings.append(
                SourceWarning(
                    path: path,
                    line: nil,
                    message: "a symbolic link to \(target), outside the repository; not read"
                )
            )
            return LogEntry(fileName: fileName, text: "", record: record)
        }
        guard let (bytes, size) = FileStore.prefix(of: absolute, maximum: limit ?? Int.max)
        else {
            var record = DecisionRecord(path: path, title: fileName)
            record.warnings.append(
                SourceWarning(path: path, line: nil, message: "cannot read the file")
            )
            return LogEntry(fileName: fileName, text: "", record: record)
        }
        if let limit, size > limit {
            let text = RecordLimit.text(ofPrefix: bytes)
            var record = DecisionRecord(parsing: text, path: path)
            record.warnings.append(
                SourceWarning(path: path, line: nil, message: RecordLimit.warning(size: size))
            )
            return LogEntry(fileName: fileName, text: text, record: record)
        }
        // Invalid UTF-8 is repaired rather than refused: one odd byte must not hide a record.
        let text = String(decoding: bytes, as: UTF8.self)
        // The file may have grown past the limit since its status was taken.
        let record =
            size <= RecordLimit.bytes ? (parsed ?? parse(text, path)) : parse(text, path)
        return LogEntry(fileName: fileName, text: text, record: record)
    }

    /// Where the record `fileName` (log-relative) leads when it, or the record folder it
    /// sits in, is a symbolic link out of `realRoot` (the repository, links resolved);
    /// `nil` for every other record.
    func linkOutside(_ realRoot: String, fileName: String) -> String? {
        let absolute = PathText.join(location.folder, fileName)
        let first = PathText.join(location.folder, String(fileName.prefix { $0 != "/" }))
        // One lstat for a plain record, two for `<slug>/index.md`.
        guard
            FileStore.isSymbolicLink(absolute)
                || (first != absolute && FileStore.isSymbolicLink(first))
        else {
            return nil
        }
        let target = PathText.resolvingLinks(absolute)
        return PathText.isInside(target, realRoot) ? nil : target
    }

    /// The record a REF names; a path is taken relative to the working directory.
    public func entry(matching reference: String, in log: DecisionLog) throws(WorkspaceError)
        -> LogEntry
    {
        let asPath = PathText.absolute(reference, from: options.workingDirectory)
        if reference.contains("/") || reference.hasSuffix(".md"), FileStore.exists(asPath) {
            let relative = PathText.relative(asPath, to: location.folder)
            if let match = log.entries.first(where: { $0.fileName == relative }) { return match }
        }
        do {
            return try log.entry(matching: reference)
        } catch {
            throw .reference(error)
        }
    }

    // MARK: Paths

    /// A path as adr-tools prints it: relative to the working directory.
    public func displayPath(_ absolute: String) -> String {
        PathText.relative(absolute, to: options.workingDirectory)
    }

    /// A path relative to the repository root, as JSON reports it.
    public func rootRelativePath(_ absolute: String) -> String {
        PathText.relative(absolute, to: location.root)
    }

    /// The absolute path of a log entry.
    public func absolutePath(of entry: LogEntry) -> String {
        PathText.join(location.folder, entry.fileName)
    }

    /// Applies log-relative `changes` with a journal in the log folder; call it holding
    /// the log's lock (``withLogLock(_:)``).
    func apply(_ changes: ChangeSet) throws(WorkspaceError) {
        let realRoot = PathText.resolvingLinks(location.root)
        var resolved = ChangeSet()
        for change in changes.changes {
            let absolute = PathText.join(location.folder, change.path)
            guard FileStore.isSymbolicLink(absolute) else {
                resolved.changes.append(change.mappingPath { _ in absolute })
                continue
            }
            // A record that is a link is edited where it leads, the link kept, and only
            // inside the repository.
            let target = PathText.resolvingLinks(absolute)
            guard case .update = change, PathText.isInside(target, realRoot) else {
                throw .io(
                    path: displayPath(absolute),
                    message: PathText.isInside(target, realRoot)
                        ? "is a symbolic link; rename the file it leads to (\(displayPath(target))) instead"
                        : "is a symbolic link to \(target), outside the repository; not changed"
                )
            }
            resolved.changes.append(change.mappingPath { _ in target })
        }
        do {
            try FileStore.apply(resolved, journalFolder: location.folder)
        } catch .undecodable(let path, let line) {
            throw .undecodable(path: displayPath(path), line: line)
        } catch .concurrentChange(let path) {
            throw .concurrentChange(path: displayPath(path))
        }
    }

    /// Runs `body` holding the log folder's lock, after rolling back whatever change a
    /// command that died left half done.
    func withLogLock<T>(_ body: () throws(WorkspaceError) -> T) throws(WorkspaceError) -> T {
        try FileStore.withLock(on: location.folder) { () throws(WorkspaceError) -> T in
            try Journal.recoverHoldingLock(in: location.folder)
            return try body()
        }
    }

    // MARK: Settings

    /// The date new records and status changes carry: `--date`, `ADR_DATE`,
    /// `SOURCE_DATE_EPOCH`, else today in the local time zone.
    public func date(_ explicit: CalendarDate?) -> String {
        if let explicit { return explicit.description }
        if let date = options.environment["ADR_DATE"], !date.isEmpty { return date }
        // SOURCE_DATE_EPOCH is a moment for reproducible builds: its day in UTC.
        if let text = options.environment["SOURCE_DATE_EPOCH"] {
            let epoch =
                TimeInterval(text).flatMap { Int64(exactly: $0.rounded(.down)) }
                ?? LocalTime.nowInEpochSeconds
            return CalendarDate(epochSeconds: epoch).description
        }
        let now = LocalTime.nowInEpochSeconds
        return CalendarDate(epochSeconds: now + LocalTime.utcOffset(atEpochSeconds: now))
            .description
    }

    /// The template for a new record: `--template`, `ADR_TEMPLATE`, `.adr.yml`, the log's
    /// own `templates/template.md`, else the built-in default for the log.
    public func template(named explicit: String?) throws(WorkspaceError) -> RecordTemplate {
        if let explicit { return try resolveTemplate(explicit) }
        if let path = options.environment["ADR_TEMPLATE"], !path.isEmpty {
            return try templateFile(PathText.absolute(path, from: options.workingDirectory))
        }
        if let configured = location.settings.template { return try resolveTemplate(configured) }
        let project = PathText.join(location.folder, "templates/template.md")
        if FileStore.exists(project) { return try templateFile(project) }
        return BuiltInTemplates.template(named: "nygard")!
    }

    private func resolveTemplate(_ name: String) throws(WorkspaceError) -> RecordTemplate {
        if let builtIn = BuiltInTemplates.template(named: name) { return builtIn }
        for candidate in [
            PathText.join(location.root, ".adr/templates/\(name).md"),
            PathText.join(location.root, ".adr/templates/\(name)"),
            PathText.absolute(name, from: options.workingDirectory),
        ] where FileStore.exists(candidate) && !FileStore.isDirectory(candidate) {
            return try templateFile(candidate)
        }
        throw .unknownTemplate(name)
    }

    private func templateFile(_ path: String) throws(WorkspaceError) -> RecordTemplate {
        RecordTemplate(text: try FileStore.read(path), name: path)
    }

}

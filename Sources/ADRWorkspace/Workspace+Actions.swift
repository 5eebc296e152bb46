import ADRCore
import Foundation

/// What `adr new` was asked for, before references are resolved.
public struct NewRecordOptions: Sendable {
    public var title: String
    public var supersedes: [String] = []
    /// `TARGET:LINK:REVERSE` triples as given.
    public var links: [String] = []
    public var template: String?
    public var status: String?
    public var date: CalendarDate?

    public init(
        title: String,
        supersedes: [String] = [],
        links: [String] = [],
        template: String? = nil,
        status: String? = nil,
        date: CalendarDate? = nil
    ) {
        self.title = title
        self.supersedes = supersedes
        self.links = links
        self.template = template
        self.status = status
        self.date = date
    }
}

extension Workspace {
    /// `adr init [DIR]`: writes `.adr-dir` when DIR is given, then the first record.
    /// Returns the new record's absolute path.
    public mutating func initialize(directory: String?, template name: String?)
        throws(WorkspaceError) -> String
    {
        var writes = ChangeSet()
        if let directory {
            let adrDir = PathText.join(options.workingDirectory, ".adr-dir")
            let existing = try? FileStore.read(adrDir)
            if let existing {
                writes.update(adrDir, from: existing, to: directory + "\n")
            } else {
                writes.changes.append(.create(path: adrDir, contents: directory + "\n"))
            }
            location.folder = PathText.absolute(directory, from: options.workingDirectory)
        }
        if let name, BuiltInTemplates.template(named: name) == nil {
            throw .unknownTemplate(name)
        }
        let configPath = PathText.join(options.workingDirectory, ".adr.yml")
        if let name, name != "nygard", location.configurationPath == nil {
            // A log started with another template keeps it, and its first status, for `new`.
            let folder = PathText.relative(location.folder, to: options.workingDirectory)
            let status = name == "lightweight" ? "Proposed" : "proposed"
            writes.changes.append(
                .create(
                    path: configPath,
                    contents: "log: \(folder)\ntemplate: \(name)\nstatus: \(status)\n"
                )
            )
            location.settings.template = name
            location.settings.initialStatus = status
        }
        try FileStore.apply(writes)
        do {
            try FileStore.createDirectory(location.folder)
            let template = BuiltInTemplates.initialTemplate(named: name ?? "nygard")!
            let status =
                name == nil || name == "nygard"
                ? "Accepted"
                : template.initialStatus(
                    explicit: "accepted",
                    configured: location.settings.initialStatus
                )
            let request = NewRecordRequest(
                title: "Record architecture decisions",
                template: template,
                date: date(nil),
                status: status
            )
            return try create { _ in request }
        } catch {
            try? FileStore.apply(
                ChangeSet(
                    writes.changes.compactMap { change in
                        if case .create(let path, let contents) = change {
                            return .delete(path: path, contents: contents)
                        }
                        if case .update(let path, let old, let new) = change {
                            return .update(path: path, from: new, to: old)
                        }
                        return nil
                    }
                )
            )
            throw error
        }
    }

    /// `adr new`: takes the next number under a lock on the log folder, writes the record
    /// and every link it makes. Returns the new record's absolute path.
    public func newRecord(_ request: NewRecordOptions) throws(WorkspaceError) -> String {
        let title: String
        do {
            title = try RecordTitle.normalized(request.title)
        } catch {
            throw .invalidArgument(error.description)
        }
        let template = try template(named: request.template)
        let status = template.initialStatus(
            explicit: request.status,
            configured: location.settings.initialStatus
        )
        let day = date(request.date)
        let linksRecords = !request.supersedes.isEmpty || !request.links.isEmpty
        return try create(linksRecords: linksRecords) { (log) throws(WorkspaceError) in
            var prepared = NewRecordRequest(
                title: title,
                template: template,
                date: day,
                status: status
            )
            for reference in request.supersedes {
                prepared.supersedes.append(try entry(matching: reference, in: log))
            }
            for triple in request.links {
                let parts = triple.split(
                    separator: ":",
                    maxSplits: 2,
                    omittingEmptySubsequences: false
                )
                guard parts.count == 3 else {
                    throw .invalidArgument("link \"\(triple)\" must be TARGET:LINK:REVERSE-LINK")
                }
                try Self.checkLinkNames(String(parts[1]), String(parts[2]))
                prepared.links.append(
                    RecordLinkRequest(
                        target: try entry(matching: String(parts[0]), in: log),
                        type: String(parts[1]),
                        reverse: String(parts[2])
                    )
                )
            }
            return prepared
        }
    }

    /// Creates a record under the log's lock; `makeRequest` resolves references against
    /// the log as read under that lock, so the number and links are never stale. When the
    /// new record links to nothing, the records are not parsed: file names carry the
    /// numbers, which keeps `adr new` fast in a log of thousands.
    private func create(
        linksRecords: Bool = true,
        _ makeRequest: (DecisionLog) throws(WorkspaceError) -> NewRecordRequest
    ) throws(WorkspaceError) -> String {
        let createdFolder = !FileStore.isDirectory(location.folder)
        if createdFolder { try FileStore.createDirectory(location.folder) }
        do {
            return try withLogLock {
                () throws(WorkspaceError) -> String in
                let log = linksRecords ? try readLog() : DecisionLog(entries: [])
                // Unsorted: the next number is the highest, and the naming does not depend
                // on the order of the names.
                let visible = FileStore.entries(inDirectory: location.folder) { name, _ in
                    name.first != UInt8(ascii: ".")
                }
                let recordFileNames = visible.map(\.name).filter {
                    DecisionRecord.isLikelyRecord(fileName: $0)
                }
                let number =
                    linksRecords ? log.nextNumber : nextNumber(fromFileNames: recordFileNames)
                guard number <= RecordFileName.maximumNumber else {
                    throw .invalidArgument(
                        "no record number left: the log already holds \(RecordFileName.maximumNumber), the largest"
                    )
                }
                let spelling = linksRecords ? log.linkSpelling : nil
                var resolved = try makeRequest(log)
                resolved.spelling =
                    location.settings.linkSpelling ?? spelling
                    ?? (resolved.template.name == "nygard"
                        || !BuiltInTemplates.names.contains(resolved.template.name)
                        ? .superceded : .superseded)
                let naming = RecordFileName.Naming(inferringFrom: recordFileNames)
                let (fileName, changes) = log.planningNewRecord(
                    resolved,
                    number: number,
                    naming: naming
                )
                try apply(changes)
                return PathText.join(location.folder, fileName)
            }
        } catch {
            // A failed command leaves the repository as it was, folder included.
            if createdFolder { try? FileManager.default.removeItem(atPath: location.folder) }
            throw error
        }
    }

    /// The next number, read from the log's record file names; only a record without a
    /// number in its name is parsed. (A record that links nothing needs no supersede
    /// spelling.)
    private func nextNumber(fromFileNames names: [String]) -> Int {
        var highest = 0
        let templates = configuredTemplatePaths()
        for name in names
        where templates.isEmpty || !templates.contains(PathText.join(location.folder, name)) {
            let number =
                DecisionRecord.number(fromFileName: name)
                ?? (try? FileStore.read(PathText.join(location.folder, name))).flatMap {
                    DecisionRecord(parsing: $0, path: name).number
                }
            highest = max(highest, number ?? 0)
        }
        return highest + 1
    }
}

extension Workspace {
    /// `adr link SOURCE LINK TARGET REVERSE-LINK`.
    public func link(
        source: String,
        type: String,
        target: String,
        reverse: String
    ) throws(WorkspaceError) {
        _ = try existingFolder()
        try Self.checkLinkNames(type, reverse)
        return try withLogLock { () throws(WorkspaceError) in
            let log = try readLog()
            let from = try entry(matching: source, in: log)
            let to = try entry(matching: target, in: log)
            guard from.fileName != to.fileName else {
                throw .invalidArgument("\(from.fileName) cannot link to itself")
            }
            let changes = log.planningLink(from: from, type: type, to: to, reverse: reverse)
            try apply(changes)
        }
    }

    /// Refuses link names nothing could read back: empty, or more than one line.
    static func checkLinkNames(_ names: String...) throws(WorkspaceError) {
        for name in names {
            guard !name.allSatisfy(\.isWhitespace) else {
                throw .invalidArgument("a link name must not be empty")
            }
            guard !name.contains(where: \.isNewline),
                !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                throw .invalidArgument("a link name is one line of text without control characters")
            }
        }
    }

    /// `adr status REF STATUS`: returns the record's path.
    public func setStatus(
        of reference: String,
        to status: String,
        date explicitDate: CalendarDate?,
        force: Bool
    ) throws(WorkspaceError) -> String {
        _ = try existingFolder()
        return try withLogLock { () throws(WorkspaceError) -> String in
            let log = try readLog()
            let target = try entry(matching: reference, in: log)
            do {
                try apply(
                    try log.planningStatus(
                        of: target,
                        to: RecordStatus(name: status),
                        date: date(explicitDate),
                        force: force
                    )
                )
            } catch let error as LifecycleError {
                throw .lifecycle(path: displayPath(absolutePath(of: target)), error)
            } catch let error as WorkspaceError {
                throw error
            } catch {
                throw .invalidArgument("\(error)")
            }
            return absolutePath(of: target)
        }
    }

    /// `adr renumber REF [--to N]`: returns the old and new absolute paths.
    public func renumber(
        _ reference: String,
        to wanted: Int?
    ) throws(WorkspaceError) -> (old: String, new: String) {
        _ = try existingFolder()
        return try withLogLock {
            () throws(WorkspaceError) -> (old: String, new: String) in
            let log = try readLog()
            let target = try entry(matching: reference, in: log)
            let planned: (fileName: String, changes: ChangeSet)
            do {
                planned = try log.planningRenumber(of: target, to: wanted ?? log.nextNumber)
            } catch {
                throw .invalidArgument("\(displayPath(absolutePath(of: target))): \(error)")
            }
            let (fileName, changes) = planned
            try apply(changes)
            return (absolutePath(of: target), PathText.join(location.folder, fileName))
        }
    }

    /// `adr upgrade-repository`: returns the absolute paths it changed; `warning` hears of
    /// each date left as it was because it is not on the calendar.
    public func upgradeDates(warning: (String) -> Void = { _ in }) throws(WorkspaceError)
        -> [String]
    {
        _ = try existingFolder()
        return try withLogLock { () throws(WorkspaceError) -> [String] in
            let (changes, warnings) = try readLog().planningDateUpgrade()
            warnings.forEach { warning("warning: \($0)") }
            try apply(changes)
            return changes.changes.map { PathText.join(location.folder, $0.path) }
        }
    }

    /// Rewrites the generated list between markers in `indexPath` (or appends one).
    /// Returns whether the file changed.
    public func writeIndex(at indexPath: String, linkPrefix: String?) throws(WorkspaceError) -> Bool
    {
        let log = try readLog()
        let absolute = PathText.absolute(indexPath, from: options.workingDirectory)
        let current = FileStore.exists(absolute) ? try FileStore.read(absolute) : nil
        let prefix =
            linkPrefix
            ?? {
                let relative = PathText.relative(location.folder, to: PathText.parent(absolute))
                return relative == "." ? "" : relative + "/"
            }()
        let updated = log.updatingIndex(in: current ?? "", linkPrefix: prefix)
        guard updated != current else { return false }
        let change = ChangeSet([
            current.map { .update(path: absolute, from: $0, to: updated) }
                ?? .create(path: absolute, contents: updated)
        ])
        // Under the log's lock, where no recovery takes its temporary file for a dead one's.
        try withLogLock { () throws(WorkspaceError) in try FileStore.apply(change) }
        return true
    }

    /// Reads a file named on the command line (toc intro and outro).
    public func readArgumentFile(_ path: String) throws(WorkspaceError) -> String {
        try FileStore.read(PathText.absolute(path, from: options.workingDirectory))
    }

    /// The log folder, or the adr-tools error when it does not exist.
    private func existingFolder() throws(WorkspaceError) -> String {
        guard FileStore.isDirectory(location.folder) else {
            throw .missingLog(path: displayPath(location.folder))
        }
        return location.folder
    }
}

import ADRCore
import ADRGit
import ADRHistory
import ADRReport
public import ADRSite
import Foundation

/// What `adr site` was asked for.
public struct SiteRequest: Sendable {
    /// `--out`, relative to the working directory; default `.adr/site` in the repository.
    public var output: String?
    public var baseURL: String?
    public var title: String?
    /// `--no-history`: no history panels, and no git read for them.
    public var includeHistory: Bool
    public var useCache: Bool
    /// `--include`: other checkouts whose logs join the site.
    public var includes: [String]

    public init(
        output: String? = nil,
        baseURL: String? = nil,
        title: String? = nil,
        includeHistory: Bool = true,
        useCache: Bool = true,
        includes: [String] = []
    ) {
        self.output = output
        self.baseURL = baseURL
        self.title = title
        self.includeHistory = includeHistory
        self.useCache = useCache
        self.includes = includes
    }
}

/// What `adr site` built.
public struct SiteSummary: Sendable {
    /// The site folder as adr prints paths: relative to the working directory.
    public var folder: String
    public var records: Int
    public var pages: Int
    /// How many record pages were kept from the previous site, not rendered, because
    /// nothing they show changed.
    public var keptRecordPages: Int
    /// Whether the record pages show history.
    public var hasHistory: Bool
    /// Diagnostics for stderr: why history is missing, records that could not be read.
    public var warnings: [String]
}

extension Workspace {
    /// The site input for every log of this repository (each named log of `.adr.yml`) and
    /// of each checkout in `request.includes`; `warnings` say what is missing and why.
    /// With `renderingBodies`, the record pages' bodies come rendered while the history
    /// is read (``SiteInput/renderedBodies``), for a site without included checkouts.
    public func siteInput(_ request: SiteRequest, renderingBodies: Bool = false)
        throws(WorkspaceError) -> (input: SiteInput, warnings: [String])
    {
        let site = location.configuration.site
        var theme: [String: String] = [:]
        if let folder = site.theme {
            let path = PathText.absolute(folder, from: configurationFolder)
            guard FileStore.isDirectory(path) else {
                throw .io(path: displayPath(path), message: "site.theme: no such folder")
            }
            for name in FileStore.contents(ofDirectory: path) where !name.hasPrefix(".") {
                let file = PathText.join(path, name)
                if !FileStore.isDirectory(file) { theme[name] = try FileStore.read(file) }
            }
        }
        var mermaid = site.mermaid
        if let configured = mermaid, SiteLinks.scheme(of: configured) == nil {
            mermaid = "mermaid.js"
        }
        let title =
            request.title ?? site.title ?? "\(lastPathComponent(location.root)) decisions"
        var input = SiteInput(
            title: title,
            logs: [],
            configuration: site,
            branch: site.branch ?? defaultBranch(),
            baseURL: request.baseURL,
            mermaidScript: mermaid,
            theme: theme
        )
        var warnings: [String] = []
        var hasHistory = request.includeHistory
        // An included checkout's logs change the labels and folders of this one's, and so
        // where the links of its records lead.
        var (logs, bodies) = try siteLogs(
            label: nil,
            request: request,
            bodySettings: renderingBodies && request.includes.isEmpty ? input : nil,
            hasHistory: &hasHistory,
            warnings: &warnings
        )
        for include in request.includes {
            let path = PathText.absolute(include, from: options.workingDirectory)
            if path.hasSuffix(".json"), FileStore.exists(path) {
                logs.append(try exportedLog(at: path, display: include))
                continue
            }
            guard FileStore.isDirectory(path) else {
                throw .invalidArgument(
                    "--include \(include): not a folder (a checkout with a log) or an adrs.json"
                )
            }
            let other = try Workspace(
                options: WorkspaceOptions(workingDirectory: path, environment: options.environment)
            )
            let name = lastPathComponent(other.location.root)
            var otherHistory = hasHistory
            logs += try other.siteLogs(
                label: name,
                request: request,
                bodySettings: nil,
                hasHistory: &otherHistory,
                warnings: &warnings
            ).logs
        }
        // A log named by itself keeps the top of the site only when it is alone.
        if logs.count > 1 {
            for index in logs.indices where logs[index].label == nil {
                logs[index].label = "main"
                logs[index].siteFolder = "main"
            }
        }
        input.logs = logs
        input.hasHistory = hasHistory
        input.renderedBodies = bodies
        input.dataWriter = Report.siteDataJSON
        return (input, warnings)
    }

    /// Builds the site and swaps it into place; a failed build leaves the old site. When
    /// the site there was built by this `adr` from the same files, HEAD, notes and options
    /// (its `.adr-site` file keeps that key), nothing is done: a rerun with nothing
    /// changed only reads file times.
    public func buildSite(_ request: SiteRequest) throws(WorkspaceError) -> SiteSummary {
        let folder =
            request.output.map { PathText.absolute($0, from: options.workingDirectory) }
            ?? PathText.join(location.root, ".adr/site")
        let key = request.useCache ? try siteKey(request) : nil
        let previous = SiteWriter.builtSite(in: folder)
        if let key, let built = previous, built.key == key {
            return SiteSummary(
                folder: displayPath(folder),
                records: built.records,
                pages: built.pages,
                keptRecordPages: 0,
                hasHistory: built.hasHistory,
                warnings: built.hasHistory || !request.includeHistory
                    ? [] : ["note: the site is built without history panels"]
            )
        }
        var (input, warnings) = try siteInput(request, renderingBodies: true)
        PhaseTimer.mark("site input")
        // Record pages whose stamp still holds are kept from the previous site, when this
        // same adr built it (a newer one may render them otherwise).
        let binary = ExecutableIdentity.current ?? "-"
        if key != nil, let previous, previous.binary == binary {
            input.previousPages = previous.pageStamps.filter { previous.files[$0.key] != nil }
        }
        while true {
            var output: SiteOutput
            do {
                output = try Site.build(input)
            } catch {
                throw .invalidArgument("site theme: \(error)")
            }
            if let configured = location.configuration.site.mermaid,
                SiteLinks.scheme(of: configured) == nil
            {
                output.copies["mermaid.js"] = PathText.absolute(
                    configured,
                    from: configurationFolder
                )
            }
            PhaseTimer.mark("site build")
            let summary = SiteSummary(
                folder: displayPath(folder),
                records: output.recordCount,
                pages: (output.files.keys.filter { $0.hasSuffix(".html") }.count
                    + output.reusedPages.count),
                keptRecordPages: output.reusedPages.count,
                hasHistory: input.hasHistory,
                warnings: warnings
            )
            let written = try SiteWriter.write(
                output,
                to: folder,
                display: displayPath(folder),
                previousFiles: previous?.files ?? [:],
                marker: SiteWriter.BuiltSite(
                    key: key ?? "-",
                    records: summary.records,
                    pages: summary.pages,
                    hasHistory: summary.hasHistory,
                    binary: binary,
                    pageStamps: output.pageStamps
                )
            )
            // A kept page's file went missing from the old site: render every page.
            if !written, !input.previousPages.isEmpty {
                input.previousPages = [:]
                continue
            }
            PhaseTimer.mark("site write")
            return summary
        }
    }

    /// The decision that holds for `topic` and the chain before it, as `adr why` shows it.
    public func why(_ topic: String, useCache: Bool = true) throws(WorkspaceError) -> (
        pattern: DecisionPattern, catalog: SiteCatalog, warnings: [String]
    ) {
        let (input, warnings) = try siteInput(SiteRequest(useCache: useCache))
        let catalog = SiteCatalog(logs: input.logs)
        let patterns = DecisionPattern.all(in: catalog)
        let (match, candidates) = DecisionPattern.matching(topic, in: patterns)
        guard let match else {
            if !candidates.isEmpty {
                throw .invalidArgument(
                    "\"\(topic)\" matches several topics: \(candidates.joined(separator: ", "))"
                )
            }
            let known = patterns.prefix(12).map(\.name).joined(separator: ", ")
            throw .invalidArgument(
                "no record names the topic \"\(topic)\""
                    + (known.isEmpty ? "" : " (known: \(known))")
            )
        }
        return (match, catalog, warnings)
    }

    /// What a site is made from, as one hash: this `adr`, the options, and the file
    /// times, HEAD, notes and mailmap of this repository and every included one.
    private func siteKey(_ request: SiteRequest) throws(WorkspaceError) -> String? {
        guard let binary = ExecutableIdentity.current else { return nil }
        var fields = [
            binary, request.baseURL ?? "-", request.title ?? "-",
            request.includeHistory ? "history" : "no history", options.logName ?? "-",
            options.logDirectory ?? "-",
        ]
        fields += watchedFingerprint()
        for include in request.includes {
            let path = PathText.absolute(include, from: options.workingDirectory)
            fields.append(path)
            guard FileStore.isDirectory(path) else { continue }
            let other = try Workspace(
                options: WorkspaceOptions(workingDirectory: path, environment: options.environment)
            )
            fields += other.watchedFingerprint()
        }
        var hash = ContentHash()
        for field in fields {
            hash.add(field)
            hash.add(byte: 0x0A)
        }
        return hash.fingerprint
    }

    /// The log of another site's `adrs.json`, labelled with its folder's name.
    private func exportedLog(at path: String, display: String) throws(WorkspaceError) -> SiteLog {
        guard let bytes = FileStore.contents(of: path) else {
            throw .io(path: display, message: "cannot read the file")
        }
        let data: SiteData
        do {
            data = try SiteData(parsing: Data(bytes))
        } catch {
            throw .io(path: display, message: "not an adrs.json of schema version 1")
        }
        guard data.version == Site.schemaVersion else {
            throw .io(path: display, message: "adrs.json version \(data.version) is not supported")
        }
        var label = lastPathComponent(PathText.parent(path))
        if label == "site" || label.hasPrefix(".") {
            label = Slug.make(from: data.title).isEmpty ? "imported" : Slug.make(from: data.title)
        }
        return data.log(label: label, siteFolder: label, sourceRoot: PathText.parent(path))
    }

    // MARK: Reading the logs

    private var configurationFolder: String {
        location.configurationPath.map(PathText.parent) ?? location.root
    }

    /// This repository's logs: each named log of `.adr.yml`, else the one log found; with
    /// `bodySettings`, their record pages' bodies rendered with its settings too.
    private func siteLogs(
        label: String?,
        request: SiteRequest,
        bodySettings: SiteInput?,
        hasHistory: inout Bool,
        warnings: inout [String]
    ) throws(WorkspaceError) -> (logs: [SiteLog], bodies: RenderedBodies?) {
        let names = location.configuration.logs.compactMap(\.name)
        let workspaces: [(String?, Workspace)]
        if names.isEmpty || options.logName != nil || options.logDirectory != nil {
            workspaces = [(nil, self)]
        } else {
            var list: [(String?, Workspace)] = []
            for name in names {
                var named = options
                named.logName = name
                list.append((name, try Workspace(options: named)))
            }
            workspaces = list
        }
        let labelled = workspaces.map { name, workspace in
            let full = [label, name].compactMap { $0 }.joined(separator: "/")
            return (label: full.isEmpty ? nil : full, workspace: workspace)
        }
        // The records are read from the files and the history from git: the records of
        // every log, with their facts and their pages' bodies, on a thread of their own
        // while the history walks, which leave part of a core idle, run here.
        let useCache = request.useCache
        let reading = BackgroundWork {
            loop throws(WorkspaceError) -> (logs: [SiteLog], bodies: RenderedBodies?) in
            var logs: [SiteLog] = []
            for (label, workspace) in labelled {
                logs.append(
                    try workspace.siteLogWithoutHistory(
                        label: label,
                        useCache: useCache,
                        eachRecord: loop.forEach
                    )
                )
            }
            guard var input = bodySettings else { return (logs, nil) }
            input.logs = logs
            return (
                logs,
                RenderedBodies.rendering(
                    input,
                    upToTextBytes: Self.textRenderedAhead,
                    eachRecord: loop.forEach
                )
            )
        }
        var histories: [LogHistory?] = []
        var historyWarnings: [[String]] = []
        var historyError: WorkspaceError?
        for (_, workspace) in labelled {
            var history: LogHistory?
            var notes: [String] = []
            if hasHistory {
                do {
                    history = try workspace.readHistory(useCache: request.useCache)
                    notes = history?.warnings ?? []
                } catch .noRepository {
                    hasHistory = false
                    notes.append(
                        "note: not in a git repository: the site is built without history panels"
                    )
                } catch {
                    historyError = error
                    break
                }
            }
            histories.append(history)
            historyWarnings.append(notes)
        }
        PhaseTimer.mark("site history")
        // A log that cannot be read is the first thing to report.
        var (logs, bodies) = try reading.value()
        PhaseTimer.mark("site records")
        if let historyError { throw historyError }
        for index in logs.indices {
            for record in logs[index].records {
                for warning in record.entry.record.warnings {
                    warnings.append("warning: \(warning)")
                }
            }
            warnings += historyWarnings[index]
            if let history = histories[index] {
                try labelled[index].workspace.addingHistory(
                    history,
                    to: &logs[index],
                    warnings: &warnings
                )
            }
        }
        PhaseTimer.mark("site approvals")
        return (logs, bodies)
    }

    /// How much of the records' text the site renders while the history is read. The
    /// bodies are held until the build, beside what the history walk holds at its peak:
    /// bounded, what they add to the peak memory stops growing with the log, while a log
    /// of a thousand records still has every body rendered ahead.
    static let textRenderedAhead = 2 << 20

    /// One log's records with their facts, introduction and files, without history.
    private func siteLogWithoutHistory(
        label: String?,
        useCache: Bool,
        eachRecord: (Int, @escaping @Sendable (Int) -> Void) -> Void
    ) throws(WorkspaceError) -> SiteLog {
        // The facts of a record parsed here come from the body that parse read; those of a
        // record the records cache gave are read from its text after.
        let (log, factsByName) = try readLog(
            reusingParsedRecords: useCache,
            eachRecord: eachRecord,
            parsing: ADRSite.RecordFacts.reading
        )
        var facts = log.entries.map { factsByName[$0.fileName] }
        let unread = facts.indices.filter { facts[$0] == nil }
        facts.withUnsafeMutableBufferPointer { buffer in
            // Each index is written by exactly one call.
            nonisolated(unsafe) let output = buffer
            eachRecord(unread.count) { position in
                let index = unread[position]
                output[index] = ADRSite.RecordFacts(parsing: log.entries[index].text)
            }
        }
        var records: [SiteRecord] = []
        records.reserveCapacity(log.entries.count)
        for (entry, facts) in zip(log.entries, facts) {
            let path = rootRelativePath(absolutePath(of: entry))
            records.append(SiteRecord(entry: entry, path: path, facts: facts))
        }
        var introduction: String?
        for name in ["README.md", "index.md", "readme.md"] {
            let path = PathText.join(location.folder, name)
            if FileStore.exists(path), !FileStore.isDirectory(path) {
                introduction = try FileStore.read(path)
                break
            }
        }
        var files = Set<String>()
        listFiles(
            in: location.folder,
            depth: 0,
            skipping: Set(log.entries.map(absolutePath(of:))),
            into: &files
        )
        files = Set(files.map(rootRelativePath))
        return SiteLog(
            label: label,
            siteFolder: label.map { Self.siteFolderName($0) } ?? "",
            folder: rootRelativePath(location.folder),
            sourceRoot: location.root,
            introduction: introduction,
            records: records,
            files: files
        )
    }

    /// `log` with each record's history from `history` and its approvals.
    private func addingHistory(
        _ history: LogHistory,
        to log: inout SiteLog,
        warnings: inout [String]
    ) throws(WorkspaceError) {
        let byPath = history.historiesByPath
        for index in log.records.indices {
            log.records[index].history = byPath[log.records[index].path]
        }
        try addApprovals(to: &log.records, history: history, warnings: &warnings)
    }

    /// A label as a folder name of the site: letters, digits, `-`, `_`, `.` and `/`.
    private static func siteFolderName(_ label: String) -> String {
        String(
            label.map { character -> Character in
                character.isLetter || character.isNumber || "-_./".contains(character)
                    ? character : "-"
            }
        ).replacingOccurrences(of: "..", with: "-")
    }

    /// Files a record may link to: under the log folder, a few levels deep, at most 5,000
    /// besides the records (`records`, absolute paths), which are neither looked at nor
    /// counted.
    private func listFiles(
        in folder: String,
        depth: Int,
        skipping records: Set<String>,
        into files: inout Set<String>
    ) {
        guard depth < 4, files.count < 5000 else { return }
        for name in FileStore.contents(ofDirectory: folder) where !name.hasPrefix(".") {
            let path = PathText.join(folder, name)
            guard !records.contains(path) else { continue }
            // Symbolic links are not followed: one could lead anywhere on the machine.
            switch FileStore.kind(of: path) {
            case .directory:
                listFiles(in: path, depth: depth + 1, skipping: records, into: &files)
            case .regular: files.insert(path)
            default: break
            }
        }
    }

    /// Judges the approvals of the records that have any: the trailers and notes are
    /// found in one pass over the history, and only their records are read again.
    private func addApprovals(
        to records: inout [SiteRecord],
        history: LogHistory,
        warnings: inout [String]
    ) throws(WorkspaceError) {
        guard records.contains(where: { $0.history != nil }) else { return }
        // Every record is judged in one pass: a record without approvals costs a look at
        // its trailers and at which of its commits have notes.
        let reports = try approvals(ofEach: records.map(\.history))
        // A note on a commit that changed several records is read for each of them: its
        // warnings are given once.
        var given = Set<String>()
        for (index, report) in reports.enumerated() {
            guard let report else { continue }
            records[index].approvals = report.states
            for warning in report.warnings where given.insert(warning).inserted {
                warnings.append("warning: \(warning)")
            }
        }
    }

    /// The branch forge links name: the remote's default branch, else the checked-out one.
    private func defaultBranch() -> String? {
        guard let repository = try? Repository(discoveringFrom: options.workingDirectory) else {
            return nil
        }
        for (folder, name, prefix) in [
            (repository.commonDirectory, "refs/remotes/origin/HEAD", "ref: refs/remotes/origin/"),
            (repository.gitDirectory, "HEAD", "ref: refs/heads/"),
        ] {
            let path = PathText.join(folder, name)
            guard let text = try? FileStore.read(path) else { continue }
            let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)) }
        }
        return nil
    }
}

/// Writes a built site beside its folder and swaps it in.
enum SiteWriter {
    /// The file every site adr writes carries, so that adr never replaces a folder it did
    /// not make.
    static let marker = ".adr-site"

    /// What the marker file of a built site records.
    struct BuiltSite: Equatable {
        var key: String
        var records: Int
        var pages: Int
        var hasHistory: Bool
        /// The `adr` that built the site (``ExecutableIdentity``): record pages are kept
        /// only from a site this same binary built.
        var binary = "-"
        /// What each record page was rendered from, by site path.
        var pageStamps: [String: RecordPageStamp] = [:]
        /// A hash of each file's contents, by site path: a rebuild links the files that
        /// did not change instead of writing them again.
        var files: [String: String] = [:]

        var text: String {
            var text =
                "This folder was built by `adr site`; adr replaces it whole.\n"
                + "key: \(key)\nrecords: \(records)\npages: \(pages)\n"
                + "history: \(hasHistory)\nbinary: \(binary)\n"
            for path in files.keys.sorted() {
                text += "file: \(files[path] ?? "") \(path)\n"
            }
            for path in pageStamps.keys.sorted() {
                guard let stamp = pageStamps[path] else { continue }
                text += "stamp: \(stamp.key) \(path)\n"
                for link in stamp.links {
                    text += (link.isImage ? "image: " : "link: ") + escaped(link.destination)
                    text += "\n"
                }
            }
            return text
        }

        /// A destination on one line: backslashes, line feeds and carriage returns escaped.
        private func escaped(_ text: String) -> String {
            guard text.contains(where: { "\\\n\r".contains($0) || $0 == "\r\n" }) else {
                return text
            }
            var result = ""
            for character in text {
                switch character {
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\r\n": result += "\\r\\n"
                default: result.append(character)
                }
            }
            return result
        }

        static func unescaped(_ text: Substring) -> String {
            guard text.contains("\\") else { return String(text) }
            var result = ""
            var escaping = false
            for character in text {
                if escaping {
                    switch character {
                    case "n": result += "\n"
                    case "r": result += "\r"
                    default: result.append(character)
                    }
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else {
                    result.append(character)
                }
            }
            return result
        }
    }

    /// A 64-bit digest of `text` with its length, made eight bytes at a step: a site is
    /// tens of megabytes, which FNV-1a (``ContentHash``), a byte at a step and each step
    /// waiting on the last, hashes several times slower. Only ever compared with the
    /// digests of this same function, in the marker of a site it built: another function's
    /// never match, and the files are written again.
    static func hash(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            func mix(_ word: UInt64) {
                hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
            }
            var offset = 0
            while offset + 8 <= raw.count {
                mix(
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                )
                offset += 8
            }
            var last: UInt64 = 0
            for (shift, byte) in raw[offset...].enumerated() {
                last |= UInt64(byte) << (8 * UInt64(shift))
            }
            mix(last)
            mix(UInt64(raw.count))
            return String(hash, radix: 16) + "-" + String(raw.count)
        }
    }

    /// The marker of the site in `folder`, if adr built one there.
    static func builtSite(in folder: String) -> BuiltSite? {
        guard let bytes = FileStore.contents(of: PathText.join(folder, marker)) else { return nil }
        return BuiltSite(parsing: bytes)
    }

    /// Writes `output` beside `folder` and swaps it in; `false` (and nothing changed) when
    /// a page the output reuses is missing from the old site.
    /// `previousFiles` are the hashes in the old site's marker.
    static func write(
        _ output: SiteOutput,
        to folder: String,
        display: String,
        previousFiles previous: [String: String],
        marker built: BuiltSite
    ) throws(WorkspaceError) -> Bool {
        if FileStore.isDirectory(folder) {
            let contents = FileStore.contents(ofDirectory: folder)
            guard contents.isEmpty || contents.contains(marker) else {
                throw .io(
                    path: display,
                    message: "not a site adr built (no \(marker) file); refusing to replace it"
                )
            }
        }
        let parent = PathText.parent(folder)
        try FileStore.createDirectory(parent)
        let name = lastPathComponent(folder)
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = PathText.join(parent, ".\(name).new-\(pid)")
        let old = PathText.join(parent, ".\(name).old-\(pid)")
        let manager = FileManager.default
        try? manager.removeItem(atPath: temporary)
        do {
            try FileStore.createDirectory(temporary)
            var manifest = built
            var folders = Set<String>()
            /// `path` in the new site, its folder made.
            func newSitePath(_ path: String) throws(WorkspaceError) -> String {
                let target = PathText.join(temporary, path)
                let parentFolder = PathText.parent(target)
                if folders.insert(parentFolder).inserted {
                    try FileStore.createDirectory(parentFolder)
                }
                return target
            }
            let paths = output.files.keys.sorted()
            for path in paths { _ = try newSitePath(path) }
            // The files are independent: hashed and written on every core.
            let files = output.files
            let hashes = try Parallel.map(
                count: paths.count,
                chunkSize: Parallel.chunkSize(for: paths.count, minimum: 32)
            ) { range in
                try range.map { index -> String in
                    let path = paths[index]
                    let target = PathText.join(temporary, path)
                    let contents = files[path] ?? ""
                    let hash = hash(contents)
                    // Unchanged since the last build: a second name for the same file.
                    if previous[path] == hash, link(PathText.join(folder, path), target) == 0 {
                        return hash
                    }
                    // Plain writes: the folder is renamed into place whole, so no file
                    // needs its own temporary file or fsync (Foundation's did both: 10 s
                    // at 1,000 records).
                    guard writeFile(target, contents) else {
                        throw WorkspaceError.io(path: path, message: "cannot write the file")
                    }
                    return hash
                }
            }
            for (path, hash) in zip(paths, hashes) { manifest.files[path] = hash }
            for path in output.reusedPages.sorted() {
                guard let hash = previous[path],
                    link(PathText.join(folder, path), try newSitePath(path)) == 0
                else {
                    try? manager.removeItem(atPath: temporary)
                    return false
                }
                manifest.files[path] = hash
            }
            guard writeFile(PathText.join(temporary, marker), manifest.text) else {
                throw WorkspaceError.io(path: marker, message: "cannot write the file")
            }
            for path in output.copies.keys.sorted() {
                // Regular files only: a symbolic link could point anywhere on the machine.
                guard let source = output.copies[path], FileStore.kind(of: source) == .regular
                else { continue }
                let target = PathText.join(temporary, path)
                try FileStore.createDirectory(PathText.parent(target))
                do {
                    try manager.copyItem(atPath: source, toPath: target)
                } catch {
                    throw WorkspaceError.io(path: source, message: "cannot copy into the site")
                }
            }
            if FileStore.exists(folder) {
                guard rename(folder, old) == 0 else {
                    throw WorkspaceError.io(
                        path: display,
                        message: "cannot move the old site aside"
                    )
                }
            }
            guard rename(temporary, folder) == 0 else {
                _ = rename(old, folder)
                throw WorkspaceError.io(path: display, message: "cannot move the new site in")
            }
            try? manager.removeItem(atPath: old)
            return true
        } catch let error as WorkspaceError {
            try? manager.removeItem(atPath: temporary)
            throw error
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw .io(path: display, message: "\(error)")
        }
    }
}

private func writeFile(_ path: String, _ contents: String) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return false }
    var text = contents
    let written = text.withUTF8 { FileStore.writeAll(descriptor, UnsafeRawBufferPointer($0)) }
    return close(descriptor) == 0 && written
}

private func lastPathComponent(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
}

extension SiteWriter.BuiltSite {
    /// Reads a marker's text; `nil` when it lacks the key, records or pages.
    init?(parsing bytes: [UInt8]) {
        // A site of thousands of pages has a long marker: lines are told apart by
        // their first bytes and only the fields are decoded.
        var fields: [String: String] = [:]
        var files: [String: String] = [:]
        var stamps: [String: RecordPageStamp] = [:]
        var stampPath: String?
        func text(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        func hasPrefix(_ line: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard line.count >= count else { return false }
            return prefix.withUTF8Buffer { line.prefix(count).elementsEqual($0) }
        }
        /// `VALUE PATH` after a prefix of `skip` bytes.
        func valueAndPath(_ line: ArraySlice<UInt8>, skip: Int) -> (String, String)? {
            let rest = line.dropFirst(skip)
            guard let space = rest.firstIndex(of: UInt8(ascii: " ")) else { return nil }
            return (text(rest[..<space]), text(rest[(space + 1)...]))
        }
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let line = bytes[start..<end]
            start = end + 1
            if hasPrefix(line, "file: ") {
                if let (hash, path) = valueAndPath(line, skip: 6) { files[path] = hash }
            } else if hasPrefix(line, "stamp: ") {
                stampPath = nil
                if let (key, path) = valueAndPath(line, skip: 7) {
                    stamps[path] = RecordPageStamp(key: key, links: [])
                    stampPath = path
                }
            } else if hasPrefix(line, "link: ") || hasPrefix(line, "image: ") {
                let isImage = line.first == UInt8(ascii: "i")
                guard let path = stampPath else { continue }
                let destination = Self.unescaped(text(line.dropFirst(isImage ? 7 : 6))[...])
                stamps[path]?.appendLink(destination: destination, isImage: isImage)
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                fields[text(line[..<colon])] = text(line[(colon + 1)...])
                    .trimmingCharacters(in: .whitespaces)
            }
        }
        guard let key = fields["key"], let records = fields["records"].flatMap({ Int($0) }),
            let pages = fields["pages"].flatMap({ Int($0) })
        else { return nil }
        self.init(
            key: key,
            records: records,
            pages: pages,
            hasHistory: fields["history"] == "true",
            binary: fields["binary"] ?? "-",
            pageStamps: stamps,
            files: files
        )
    }
}

public import ADRCore
import Foundation

/// Where a command runs: the working directory, options and environment it was given.
public struct WorkspaceOptions: Sendable {
    /// Absolute path the command acts from (`-C` already applied).
    public var workingDirectory: String
    /// `--dir`: the log folder, bypassing discovery.
    public var logDirectory: String?
    /// `--log`: one of the named logs of `.adr.yml`.
    public var logName: String?
    public var environment: [String: String]

    public init(
        workingDirectory: String,
        logDirectory: String? = nil,
        logName: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.workingDirectory = workingDirectory
        self.logDirectory = logDirectory
        self.logName = logName
        self.environment = environment
    }
}

/// The log a command works on, and how it was found.
public struct LogLocation: Sendable {
    /// Absolute path of the log folder (it may not exist yet).
    public var folder: String
    /// Absolute path of the repository root: the folder holding `.git`, else the folder of
    /// the configuration, else the working directory. JSON paths are relative to it.
    public var root: String
    public var configurationPath: String?
    public var configuration: Configuration
    public var settings: Configuration.LogSettings

    /// Finds the log the adr-tools way, extended: `--dir`, then walking up from the working
    /// directory `.adr.yml`, `.adr-dir`, `.log4brains.yml`, then the conventional folders;
    /// nothing found gives `doc/adr` in the working directory, as adr-tools does.
    public init(options: WorkspaceOptions) throws(WorkspaceError) {
        let start = options.workingDirectory
        let repositoryRoot = Self.repositoryRoot(from: start)
        root = repositoryRoot ?? start
        configuration = Configuration()
        settings = Configuration.LogSettings()
        // The nearest `.adr.yml` configures every log below it, even when a log folder is
        // found first on the way up (a monorepo package's `docs/adr`).
        var configurationFolder: String?
        var directory = start
        while true {
            let path = PathText.join(directory, ".adr.yml")
            if FileStore.exists(path) {
                configurationPath = path
                configurationFolder = directory
                configuration = try Self.configuration(at: path)
                if repositoryRoot == nil { root = directory }
                break
            }
            if directory == "/" { break }
            directory = PathText.parent(directory)
        }
        func absoluteFolder(_ log: Configuration.LogSettings) -> String? {
            guard let folder = log.folder, let base = configurationFolder else { return nil }
            return PathText.absolute(folder, from: base)
        }
        // A configuration inside the repository (or, outside any, its own folder) may name
        // only logs inside it.
        if let configurationPath, let base = configurationFolder,
            PathText.isInside(base, repositoryRoot ?? base)
        {
            try Self.checkFoldersInside(
                repositoryRoot ?? base,
                configuration: configuration,
                at: configurationPath,
                from: start
            )
        }
        var found: String?
        if let override = options.logDirectory {
            found = PathText.absolute(override, from: start)
        } else if let name = options.logName {
            guard let named = configuration.settings(forLogNamed: name) else {
                let known = configuration.logs.compactMap(\.name).joined(separator: ", ")
                throw .invalidArgument("no log named \"\(name)\" in .adr.yml (known: \(known))")
            }
            found = absoluteFolder(named)
        }
        directory = start
        while found == nil {
            if directory == configurationFolder {
                let candidates = ([configuration.log] + configuration.logs).compactMap(
                    absoluteFolder
                )
                // In a monorepo the log the working directory is in wins, then the top-level
                // `log:`, then a log below the working directory.
                found =
                    candidates.filter { start.hasPrefix($0 + "/") || start == $0 }
                    .max { $0.count < $1.count } ?? absoluteFolder(configuration.log)
                    ?? candidates.filter { $0.hasPrefix(start + "/") }.max { $0.count < $1.count }
                    ?? candidates.first
                if found != nil { break }
            }
            if let adrDir = try? FileStore.read(PathText.join(directory, ".adr-dir")) {
                found = PathText.absolute(
                    adrDir.trimmingCharacters(in: .whitespacesAndNewlines),
                    from: directory
                )
            } else if let folder = Self.log4brainsFolder(in: directory) {
                found = PathText.absolute(folder, from: directory)
            } else if let conventional = Configuration.conventionalFolders.first(where: {
                FileStore.isDirectory(PathText.join(directory, $0))
            }) {
                found = PathText.join(directory, conventional)
            }
            if directory == "/" { break }
            directory = PathText.parent(directory)
        }
        folder = found ?? PathText.join(start, "doc/adr")
        let logFolder = folder
        settings =
            options.logName.flatMap { configuration.settings(forLogNamed: $0) }
            ?? configuration.logs.first { absoluteFolder($0) == logFolder }
            ?? configuration.log
    }

    /// Refuses a configured log folder outside `root` (`log: ../x`, an absolute path, a
    /// symbolic link out): adr would write there without a word, as git refuses to.
    private static func checkFoldersInside(
        _ root: String,
        configuration: Configuration,
        at path: String,
        from start: String
    ) throws(WorkspaceError) {
        let base = PathText.parent(path)
        let realRoot = PathText.resolvingLinks(root)
        for folder in ([configuration.log] + configuration.logs).compactMap(\.folder) {
            let absolute = PathText.absolute(folder, from: base)
            guard
                !PathText.isInside(absolute, root)
                    || !PathText.isInside(PathText.resolvingLinks(absolute), realRoot)
            else { continue }
            let text = (try? FileStore.read(path)) ?? ""
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line =
                lines.firstIndex { line in
                    let key = line.drop { $0 == " " || $0 == "-" }
                    return ["log:", "folder:", "directory:"].contains { key.hasPrefix($0) }
                        && line.contains(folder)
                }.map { $0 + 1 } ?? 1
            throw .io(
                path: "\(PathText.relative(path, to: start)):\(line)",
                message:
                    "log folder \"\(folder)\" is outside the repository; adr reads and writes logs only inside \(PathText.relative(root, to: start))"
            )
        }
    }

    static func configuration(at path: String) throws(WorkspaceError) -> Configuration {
        let text = try FileStore.read(path)
        do {
            return try Configuration(parsing: text)
        } catch {
            throw .configuration(path: path, error)
        }
    }

    private static func log4brainsFolder(in directory: String) -> String? {
        guard let text = try? FileStore.read(PathText.join(directory, ".log4brains.yml")) else {
            return nil
        }
        return Configuration.log4brainsFolder(parsing: text)
    }

    /// The nearest folder upwards holding `.git` (a folder, or a file in a worktree).
    static func repositoryRoot(from start: String) -> String? {
        var directory = start
        while true {
            if FileStore.exists(PathText.join(directory, ".git")) { return directory }
            if directory == "/" { return nil }
            directory = PathText.parent(directory)
        }
    }
}

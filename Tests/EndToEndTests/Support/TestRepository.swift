import Foundation
import TestSupport
import Testing

/// The fixed date every scenario records with, so file contents are deterministic.
let testDate = "1992-01-12"

/// A throw-away git repository in the temporary folder, where `adr` runs with an isolated
/// environment. The folder is deleted when the value goes away.
final class TestRepository {
    /// The repository's root, with symbolic links resolved so printed paths compare equal.
    let root: URL

    /// Variables every run gets; `run(environment:)` adds to or overrides them.
    var baseEnvironment: [String: String]

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .resolvingSymlinksInPath()
        let root = base.appendingPathComponent("adr-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        self.root = root
        let inherited = ProcessInfo.processInfo.environment
        baseEnvironment = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": root.path,
            "XDG_CONFIG_HOME": root.appendingPathComponent(".config").path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Ada Tester",
            "GIT_AUTHOR_EMAIL": "ada@example.com",
            "GIT_COMMITTER_NAME": "Ada Tester",
            "GIT_COMMITTER_EMAIL": "ada@example.com",
            "GIT_AUTHOR_DATE": "1992-01-12T10:00:00Z",
            "GIT_COMMITTER_DATE": "1992-01-12T10:00:00Z",
            "TZ": "UTC",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "ADR_DATE": testDate,
        ]
        let initResult = try runTool("/usr/bin/env", ["git", "init", "-q"])
        guard initResult.status == 0 else {
            throw TestRepositoryError.setupFailed(initResult.description)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    // MARK: Running

    /// Runs `adr` with `arguments` in `directory` (relative to the root) and waits for it.
    /// `environment` adds variables; `removing` drops some of the base ones (`ADR_DATE`).
    @discardableResult
    func adr(
        _ arguments: String...,
        in directory: String = "",
        environment: [String: String] = [:],
        removing: Set<String> = []
    ) throws -> ProcessResult {
        try start(arguments, in: directory, environment: environment, removing: removing).finish()
    }

    /// Same as `adr(_:)`, with the arguments as an array.
    @discardableResult
    func adr(
        arguments: [String],
        in directory: String = "",
        environment: [String: String] = [:],
        removing: Set<String> = []
    ) throws -> ProcessResult {
        try start(arguments, in: directory, environment: environment, removing: removing).finish()
    }

    /// Starts `adr` without waiting, for scenarios that run several at once.
    func start(
        _ arguments: [String],
        in directory: String = "",
        environment: [String: String] = [:],
        removing: Set<String> = []
    ) throws -> RunningProcess {
        guard FileManager.default.isExecutableFile(atPath: ADRBinary.url.path) else {
            throw TestRepositoryError.binaryMissing(ADRBinary.url.path)
        }
        var env = baseEnvironment.filter { !removing.contains($0.key) }
        env.merge(environment) { _, new in new }
        return try RunningProcess(
            executable: ADRBinary.url,
            arguments: arguments,
            directory: url(directory),
            environment: env
        )
    }

    /// Runs any other program (git, sh) in the repository with the same environment.
    @discardableResult
    func runTool(_ executable: String, _ arguments: [String], in directory: String = "") throws
        -> ProcessResult
    {
        try RunningProcess(
            executable: URL(fileURLWithPath: executable),
            arguments: arguments,
            directory: url(directory),
            environment: baseEnvironment
        ).finish()
    }

    // MARK: Files

    /// Runs git in `directory` (relative to the root), expecting it to succeed.
    @discardableResult
    func git(_ arguments: String..., in directory: String = "") throws -> ProcessResult {
        let result = try runTool("/usr/bin/env", ["git"] + arguments, in: directory)
        #expect(result.status == 0, "\(result)")
        return result
    }

    /// A log made by `adr init` with one more record, 0002 "Use Postgres", committed as
    /// "Add 0002" with `trailer` in the message if given. git's user is set, as libgit2
    /// reads the identity from the configuration, not from `GIT_AUTHOR_NAME`.
    static func withCommittedRecord(trailer: String? = nil) throws -> TestRepository {
        let repo = try TestRepository()
        try repo.git("config", "user.name", "Ada Tester")
        try repo.git("config", "user.email", "ada@example.com")
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use Postgres")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Add 0002" + (trailer.map { "\n\n" + $0 } ?? ""))
        return repo
    }

    func url(_ relativePath: String) -> URL {
        relativePath.isEmpty ? root : root.appendingPathComponent(relativePath)
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    func write(_ relativePath: String, _ contents: String) throws {
        let target = url(relativePath)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(contents.utf8).write(to: target)
    }

    func makeDirectory(_ relativePath: String) throws {
        try FileManager.default.createDirectory(
            at: url(relativePath),
            withIntermediateDirectories: true
        )
    }

    func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: url(relativePath).path)
    }

    /// The names in a folder, sorted.
    func files(in relativePath: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(relativePath).path).sorted()
    }

    /// Writes an executable shell script and returns its absolute path.
    func writeScript(_ relativePath: String, _ body: String) throws -> String {
        try write(relativePath, "#!/bin/sh\n" + body)
        let path = url(relativePath).path
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// Every file outside `.git` with its bytes, to prove a failed command changed nothing.
    func snapshot() throws -> [String: Data] {
        var result: [String: Data] = [:]
        let rootPath = root.path
        guard let enumerator = FileManager.default.enumerator(atPath: rootPath) else {
            return result
        }
        while let relative = enumerator.nextObject() as? String {
            if relative == ".git" || relative.hasPrefix(".git/") {
                enumerator.skipDescendants()
                continue
            }
            let full = rootPath + "/" + relative
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                result[relative + "/"] = Data()
            } else {
                result[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return result
    }
}

enum TestRepositoryError: Error, CustomStringConvertible {
    case setupFailed(String)
    case binaryMissing(String)

    var description: String {
        switch self {
        case .setupFailed(let output): "could not create the test repository: \(output)"
        case .binaryMissing(let path):
            "no adr binary at \(path): run `swift build` first, or set ADR_BINARY to an adr executable"
        }
    }
}

extension String {
    /// The text between `## Status` and the next `##` heading, trimmed.
    var statusSection: String {
        guard let start = range(of: "## Status\n") else { return "" }
        let rest = self[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return rest[..<end].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var lines: [String] {
        var lines = components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

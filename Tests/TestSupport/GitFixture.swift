import Foundation

/// A temporary folder with a git repository built by the git CLI, which is also the oracle
/// the tests compare ADRGit and the history scan against. Shared by the test targets.
///
/// The environment is isolated: `HOME` is the temp folder, no system config, fixed identity,
/// and every commit gets the next fixed date so hashes are reproducible.
public final class GitFixture {
    /// The temporary folder, also `HOME` for git.
    public let root: URL
    /// The main repository's working tree.
    public let path: String
    private var clock: Int = 1_700_000_000

    /// Creates `root/repo` with `git init` on branch `main`.
    public init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("adr-git-fixture-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        path = root.appendingPathComponent("repo").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// A path inside the temp folder, for extra clones and remotes.
    public func sibling(_ name: String) -> String {
        root.appendingPathComponent(name).path
    }

    /// Runs git in `directory` (the main repository by default) and returns its stdout.
    @discardableResult
    public func git(_ arguments: String..., in directory: String? = nil) throws -> String {
        try run(arguments, in: directory ?? path)
    }

    /// Runs git with an argument array; see ``git(_:in:)``.
    @discardableResult
    public func run(_ arguments: [String], in directory: String) throws -> String {
        let date = "@\(clock) +0100"
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment.merge(
            [
                "HOME": root.path, "XDG_CONFIG_HOME": root.path, "GIT_CONFIG_NOSYSTEM": "1",
                "TZ": "UTC", "LC_ALL": "C",
                "GIT_AUTHOR_NAME": "Ada Author", "GIT_AUTHOR_EMAIL": "ada@example.com",
                "GIT_COMMITTER_NAME": "Cy Committer", "GIT_COMMITTER_EMAIL": "cy@example.com",
                "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
            ],
            uniquingKeysWith: { $1 }
        )
        let result = try RunningProcess(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["git"] + arguments,
            directory: URL(fileURLWithPath: directory),
            environment: environment
        ).finish()
        guard result.status == 0 else {
            throw FixtureError(
                command: "git " + arguments.joined(separator: " "),
                message: result.stderr
            )
        }
        return result.stdout
    }

    /// git's output without the trailing newline.
    public func line(_ arguments: String...) throws -> String {
        try run(arguments, in: path).trimmingCharacters(in: .newlines)
    }

    /// Non-empty output lines of git.
    public func lines(_ arguments: String...) throws -> [String] {
        try run(arguments, in: path).split(separator: "\n").map(String.init)
    }

    /// Writes `contents` to `file` (relative to the working tree), creating folders.
    public func write(_ file: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(file)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Stages everything and commits with the next fixed date; returns the new commit's id.
    @discardableResult
    public func commit(_ message: String) throws -> String {
        clock += 60
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try line("rev-parse", "HEAD")
    }

    /// Moves the fixed clock on, e.g. before a git command that records a date.
    public func tick() {
        clock += 60
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public let command: String
    public let message: String
    public var description: String { "\(command) failed: \(message)" }
}

import ADRReport
import ADRWorkspace
import ArgumentParser
import Foundation

/// Options every command takes: where to run and which log to use.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customShort("C"),
        help: ArgumentHelp("Run as if adr was started in <path>.", valueName: "path")
    )
    var directory: String?

    @Option(
        name: .customLong("dir"),
        help: ArgumentHelp("The log folder, bypassing discovery.", valueName: "path")
    )
    var logDirectory: String?

    @Option(
        name: .customLong("log"),
        help: ArgumentHelp("One of the named logs in .adr.yml.", valueName: "name")
    )
    var logName: String?

    func workspace() throws -> Workspace {
        let current = FileManager.default.currentDirectoryPath
        var start = current
        if let directory {
            start = directory.hasPrefix("/") ? directory : current + "/" + directory
            guard FileManager.default.fileExists(atPath: start) else {
                throw WorkspaceError.io(path: directory, message: "no such directory")
            }
            start = URL(fileURLWithPath: start).standardizedFileURL.path
        }
        return try Workspace(
            options: WorkspaceOptions(
                workingDirectory: start,
                logDirectory: logDirectory,
                logName: logName
            )
        )
    }
}

/// `--no-cache`, the same for every command that reads history.
struct CacheOptions: ParsableArguments {
    @Flag(help: "Scan the whole history; neither read nor write the caches in the git directory.")
    var noCache = false

    var useCache: Bool { !noCache }
}

/// Where results and diagnostics go: results on stdout, diagnostics on stderr.
enum Output {
    static func line(_ text: String) {
        print(text)
    }

    static func text(_ text: String) {
        print(text, terminator: "")
    }

    /// UTF-8 text already encoded, such as a chunk of a large report. Unbuffered: a
    /// command that writes bytes writes nothing with ``line(_:)`` or ``text(_:)``.
    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Diagnostics from the repository or notes: sanitised, on stderr.
    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("\(Terminal.sanitized(message))\n".utf8))
    }

    static func warnings(_ messages: [String]) { messages.forEach(warning) }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("adr: error: \(Terminal.sanitized(message))\n".utf8))
    }
}

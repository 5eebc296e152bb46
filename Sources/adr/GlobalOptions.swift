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

    /// UTF-8 text already encoded, such as a chunk of a large report; see
    /// `StandardOutput.write`.
    static func write(bytes: UnsafeRawBufferPointer) {
        StandardOutput.write(bytes)
    }

    static func text(_ text: String) {
        print(text, terminator: "")
    }

    /// Ends the output: whoever reads it sees its end now, before the process exits.
    /// Standard output then points at /dev/null, so that no file opened later takes its
    /// number.
    static func close() {
        fflush(nil)
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard null >= 0 else { return }
        dup2(null, STDOUT_FILENO)
        Foundation.close(null)
    }

    /// Keeps `values` alive until the process ends, for a command about to exit: freeing
    /// a long history and its events object by object took a twentieth of a warm `adr log`,
    /// and the memory goes back with the process anyway.
    static func keepUntilExit(_ values: Any...) {
        keptUntilExit.append(contentsOf: values)
    }

    nonisolated(unsafe) private static var keptUntilExit: [Any] = []

    /// Ends the process with `status` once stdout is flushed, skipping exit handlers (see
    /// main.swift for why).
    static func exit(_ status: Int32) -> Never {
        fflush(nil)
        _exit(status)
    }

    /// A message as it is, on stderr.
    static func diagnostic(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("adr: error: \(Terminal.sanitized(message))\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("\(Terminal.sanitized(message))\n".utf8))
    }
}

import Foundation
import Synchronization

/// What a finished process left behind.
public struct ProcessResult: Sendable, CustomStringConvertible {
    public var arguments: [String]
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// stdout split into lines, without the empty string after a final newline.
    public var stdoutLines: [String] {
        var lines = stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    public var description: String {
        "`\(arguments.joined(separator: " "))` exited \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
}

/// Collects everything a pipe delivers, on its own thread, so a chatty child can never
/// block on a full pipe while we wait for it to exit.
private final class PipeDrain: Sendable {
    private let collected = Mutex(Data())
    private let finished = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let data = handle.readDataToEndOfFile()
            collected.withLock { $0 = data }
            finished.signal()
        }
    }

    func wait() -> Data {
        finished.wait()
        return collected.withLock { $0 }
    }
}

/// A child process already started, whose output is being drained: the one way every test
/// target runs a program (git, `adr`, `sh`).
public final class RunningProcess {
    private let process: Process
    private let arguments: [String]
    private let stdout: PipeDrain
    private let stderr: PipeDrain

    public init(
        executable: URL,
        arguments: [String],
        directory: URL,
        environment: [String: String]
    ) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Close our copies of the write ends so reads see end-of-file when the child exits.
        try? outPipe.fileHandleForWriting.close()
        try? errPipe.fileHandleForWriting.close()
        self.process = process
        self.arguments = arguments
        self.stdout = PipeDrain(outPipe.fileHandleForReading)
        self.stderr = PipeDrain(errPipe.fileHandleForReading)
    }

    /// Sends SIGKILL, as a power cut or `kill -9` would stop the command.
    public func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
    }

    /// Drains both pipes to end-of-file, then waits for the exit status.
    public func finish() -> ProcessResult {
        let out = stdout.wait()
        let err = stderr.wait()
        process.waitUntilExit()
        return ProcessResult(
            arguments: arguments,
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self)
        )
    }
}

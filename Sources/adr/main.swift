import ADRWorkspace
import ArgumentParser

// The executable only parses, runs one action and maps errors to exit statuses:
// 0 ok, 1 audit found errors, 2 operational error, 64 usage.
//
// git's set-up runs on another thread while the arguments are parsed (see
// `Workspace.startGitSetUp`). Every way out goes through `Output.exit`, which flushes
// stdout and ends the process without running exit handlers: OpenSSL's, which libgit2's
// set-up registers, could otherwise run while that thread is still inside it.
Workspace.startGitSetUp()
do {
    var command = try ADR.parseAsRoot()
    try command.run()
    Output.exit(0)
} catch let error as WorkspaceError {
    Output.error(error.description)
    Output.exit(2)
} catch {
    // What ArgumentParser's `exit(withError:)` does, ending through `Output.exit`: help
    // and the version on stdout with status 0, usage errors on stderr.
    let status = ADR.exitCode(for: error)
    let message = ADR.fullMessage(for: error)
    if !message.isEmpty {
        if status == .success { Output.line(message) } else { Output.diagnostic(message) }
    }
    Output.exit(status.rawValue)
}

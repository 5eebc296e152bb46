import ADRWorkspace
import ArgumentParser

// The executable only parses, runs one action and maps errors to exit statuses:
// 0 ok, 1 audit found errors, 2 operational error, 64 usage.
do {
    var command = try ADR.parseAsRoot()
    try command.run()
} catch let error as WorkspaceError {
    Output.error(error.description)
    ADR.exit(withError: ExitCode(2))
} catch {
    ADR.exit(withError: error)
}

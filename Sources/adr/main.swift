import ADRWorkspace
import ArgumentParser
import Foundation

// The executable only parses, runs one command and maps errors to exit statuses: 0 ok,
// 1 the audit found errors, 2 an operational error, 64 a usage error (ArgumentParser's
// validation errors).
do {
    var command = try ADR.parseAsRoot()
    try command.run()
} catch let error as WorkspaceError {
    Output.error(error.description(relativeTo: FileManager.default.currentDirectoryPath))
    ADR.exit(withError: ExitCode(2))
} catch {
    ADR.exit(withError: error)
}

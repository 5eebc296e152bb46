import ADRWorkspace
import ArgumentParser
import Foundation

// The executable only parses, runs one command and maps errors to exit statuses: 0 ok,
// 1 the audit found errors, 2 an operational error, 64 a usage error (ArgumentParser's
// validation errors, and ``UsageError``, which is one line without the usage screen).
do {
    try UsageError.checkHelpRequest(CommandLine.arguments.dropFirst(), of: ADR.self)
    var command = try ADR.parseAsRoot()
    try command.run()
} catch let error as WorkspaceError {
    Output.error(error.description(relativeTo: FileManager.default.currentDirectoryPath))
    ADR.exit(withError: ExitCode(2))
} catch let error as UsageError {
    Output.error(error.message)
    ADR.exit(withError: ExitCode(64))
} catch {
    ADR.exit(withError: error)
}

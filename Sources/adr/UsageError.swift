import ArgumentParser

/// A usage error reported as one line, `adr: error: ...`, with exit status 64, as adr-tools
/// does, rather than ArgumentParser's usage screen.
struct UsageError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    /// `adr help NAME...` for a command that does not exist is a usage error: ArgumentParser
    /// would print the top-level help and exit 0.
    static func checkHelpRequest(
        _ arguments: ArraySlice<String>,
        of root: any ParsableCommand.Type
    ) throws(UsageError) {
        guard arguments.first == "help" else { return }
        var command = root
        var path = root.configuration.commandName ?? "adr"
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            guard
                let found = command.configuration.subcommands.first(where: {
                    $0._commandName == name || $0.configuration.aliases.contains(name)
                })
            else {
                throw UsageError("no command '\(path) \(name)' (see '\(path) --help')")
            }
            command = found
            path += " \(name)"
        }
    }
}

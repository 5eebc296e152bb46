import Foundation

extension Workspace {
    /// Opens `$VISUAL`, else `$EDITOR`, on `path` (absolute), as git does: through the
    /// shell, so an editor setting with arguments (`code --wait`) works. Nothing happens
    /// when neither is set. The editor runs in the working directory and is given the path
    /// as `adr` prints it, relative to that directory, as adr-tools does.
    public func openEditor(on path: String) throws(WorkspaceError) {
        guard
            let editor = [options.environment["VISUAL"], options.environment["EDITOR"]]
                .compactMap({ $0 }).first(where: { !$0.isEmpty })
        else { return }
        // A relative path that starts with "-" would read as an option.
        let relative = displayPath(path)
        let shownPath = relative.hasPrefix("-") ? "./" + relative : relative
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$@\"", editor, shownPath]
        process.currentDirectoryURL = URL(fileURLWithPath: options.workingDirectory)
        do {
            try process.run()
        } catch {
            throw .editorFailed(command: editor, status: -1)
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .editorFailed(command: editor, status: process.terminationStatus)
        }
    }
}

public import ADRCore

/// Every error a command can report: one line, lower case, naming the file where known.
public enum WorkspaceError: Error, Sendable, CustomStringConvertible {
    /// The log folder does not exist (adr-tools' wording, kept for scripts that grep it).
    case missingLog(path: String)
    case configuration(path: String, ConfigurationError)
    case reference(ReferenceError)
    case lifecycle(path: String, LifecycleError)
    case unknownTemplate(String)
    case io(path: String, message: String)
    /// A folder to create has a file (not a folder) at `file`, itself or one of its parents.
    case fileInTheWay(folder: String, file: String)
    /// A file changed between reading and writing it; nothing was written.
    case concurrentChange(path: String)
    /// A file to edit is not UTF-8; it is refused rather than repaired, so no byte of it
    /// changes.
    case undecodable(path: String, line: Int)
    case invalidArgument(String)
    case editorFailed(command: String, status: Int32)
    /// `adr approve`, `adr sync` or reading approvals failed (git errors included).
    case approvals(String)
    /// A history command ran outside a git repository.
    case noRepository(path: String)
    /// Git data could not be read; the message names the object.
    case git(String)
    /// `adr audit` could not audit (a base that is missing, a shallow clone); the message
    /// names the fix.
    case audit(String)

    /// The message with every absolute path in it made relative to `directory`, as every
    /// other path `adr` prints.
    public func description(relativeTo directory: String) -> String {
        func shown(_ path: String) -> String {
            path.hasPrefix("/") ? PathText.relative(path, to: directory) : path
        }
        switch self {
        case .missingLog(let path): return WorkspaceError.missingLog(path: shown(path)).description
        case .configuration(let path, let error):
            return WorkspaceError.configuration(path: shown(path), error).description
        case .lifecycle(let path, let error):
            return WorkspaceError.lifecycle(path: shown(path), error).description
        case .io(let path, let message):
            return WorkspaceError.io(path: shown(path), message: message).description
        case .concurrentChange(let path):
            return WorkspaceError.concurrentChange(path: shown(path)).description
        case .fileInTheWay(let folder, let file):
            return WorkspaceError.fileInTheWay(folder: shown(folder), file: shown(file)).description
        case .noRepository(let path):
            return WorkspaceError.noRepository(path: shown(path)).description
        default: return description
        }
    }

    public var description: String {
        switch self {
        case .missingLog(let path): "The \(path) directory does not exist"
        case .configuration(let path, let error): "\(path):\(error)"
        case .reference(let error): error.description
        case .lifecycle(let path, let error): "\(path): \(error)"
        case .unknownTemplate(let name):
            "unknown template \"\(name)\" (built in: \(BuiltInTemplates.names.joined(separator: ", ")), or a path to a file)"
        case .io(let path, let message): "\(path): \(message)"
        case .fileInTheWay(let folder, let file):
            folder == file
                ? "\(folder): cannot create the folder: a file of that name is in the way"
                : "\(folder): cannot create the folder: \(file) is a file, not a folder"
        case .concurrentChange(let path):
            "\(path): changed while adr was working; nothing was written"
        case .undecodable(let path, let line):
            "\(path):\(line): not UTF-8 text; adr edits only UTF-8 records, so nothing was written (convert it first, e.g. with iconv -f latin1 -t utf-8)"
        case .invalidArgument(let message): message
        case .editorFailed(let command, let status):
            "editor \"\(command)\" exited with status \(status)"
        case .approvals(let message): message
        case .noRepository(let path):
            "\(path) is not in a git repository; history needs one (run 'git init' and commit)"
        case .git(let message): message
        case .audit(let message): message
        }
    }
}

internal import CLibGit2
import Foundation

/// The one error type thrown by ADRGit.
///
/// Every libgit2 return code goes through ``check(_:accepting:context:)``, which reads
/// `git_error_last()` at once and turns it into one of these cases. Messages are one line,
/// lower case, and say what a user can do about them.
public enum GitError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No repository was found at or above `path`.
    case notARepository(path: String, detail: String)
    /// The repository is owned by another user and git's `safe.directory` check refused it.
    case notOwnedByCurrentUser(path: String, detail: String)
    /// The object `id` is not in the object database (for example in a shallow clone).
    case missingObject(ObjectID, detail: String)
    /// The object `id` exists but could not be read (corrupt pack or loose object).
    case unreadableObject(ObjectID, detail: String, category: String)
    /// A remote refused to update `reference` while pushing.
    case pushRejected(reference: String, reason: String)
    /// `name` is neither a configured remote nor a URL or path; `remotes` are the ones there
    /// are.
    case noSuchRemote(name: String, remotes: [String])
    /// The remote `remote` (or the path given as a remote, when `remote` is `nil`) is a
    /// local path that does not exist.
    case remotePathNotFound(remote: String?, path: String)
    /// A write failed because the disk (or the user's quota) is full.
    case diskFull(detail: String)
    /// Any other libgit2 failure: its message, error class and return code.
    case failed(message: String, category: String, code: Int32)

    /// The description, with the advice for a missing object that fits the repository: a
    /// shallow clone can fetch it, any other repository is damaged.
    public func description(inShallowRepository shallow: Bool) -> String {
        guard case .missingObject(let id, let detail) = self, !shallow else { return description }
        return "object \(id) is missing from the repository (\(detail)); "
            + "the repository is not shallow, so it is damaged: run 'git fsck'"
    }

    /// One lower-case line: what went wrong, libgit2's own words, and what to do about it.
    public var description: String {
        switch self {
        case .notARepository(let path, let detail):
            return "not a git repository: \(path) (\(detail)); "
                + "run 'git init' or work inside an existing repository"
        case .notOwnedByCurrentUser(let path, let detail):
            return "repository \(path) is not owned by the current user (\(detail)); "
                + "if you trust it, run: git config --global --add safe.directory \(path)"
        case .missingObject(let id, let detail):
            return "object \(id) is missing from the repository (\(detail)); "
                + "a shallow or partial clone may need 'git fetch --unshallow'"
        case .unreadableObject(let id, let detail, let category):
            return "object \(id) could not be read (\(category): \(detail)); "
                + "the repository may be corrupt, run 'git fsck'"
        case .pushRejected(let reference, let reason):
            return "the remote rejected the update of \(reference): \(reason); "
                + "fetch and merge the remote reference first"
        case .noSuchRemote(let name, let remotes):
            return remotes.isEmpty
                ? "no remote named '\(name)': this repository has no remotes; "
                    + "add one with 'git remote add \(name) URL', or give a URL or path"
                : "no remote named '\(name)' (remotes: \(remotes.joined(separator: ", "))); "
                    + "give one of them, a URL or a path"
        case .remotePathNotFound(let remote?, let path):
            return "remote '\(remote)' is the path \(path), which does not exist; "
                + "fix it with 'git remote set-url \(remote) URL'"
        case .remotePathNotFound(nil, let path):
            return "no repository at \(path): the path does not exist"
        case .diskFull(let detail):
            return "the disk is full (\(detail)); free some space and run the command again, "
                + "nothing else is wrong with the repository"
        case .failed(let message, let category, let code):
            return "\(message) (libgit2 \(category) error \(code))"
        }
    }
}

/// What a libgit2 call was working on, so ``check(_:accepting:context:)`` can name it.
enum ErrorContext {
    case none
    case opening(path: String)
    case object(ObjectID)
    case pushing(refspecs: [String])
}

/// Checks a libgit2 return code: the single place that reads `git_error_last()`.
///
/// - Returns: `true` on success (any non-negative code), `false` when the code is one of
///   `accepted` (such as `GIT_ENOTFOUND` where absence is normal, or `GIT_ITEROVER`).
/// - Throws: ``GitError`` for every other negative code.
@discardableResult
func check(
    _ result: Int32,
    accepting accepted: [git_error_code] = [],
    context: ErrorContext = .none
) throws(GitError) -> Bool {
    guard result < 0 else { return true }
    // Read the thread-local error before anything else can overwrite it; it may be NULL.
    let systemError = errno
    let last: UnsafePointer<git_error>? = git_error_last()
    let message = last.flatMap { $0.pointee.message }.map { String(cString: $0) }
    let errorClass = last.map { $0.pointee.klass } ?? 0
    if accepted.contains(where: { $0.rawValue == result }) {
        git_error_clear()
        return false
    }
    throw gitError(
        code: result,
        errorClass: errorClass,
        message: message,
        systemError: systemError,
        context: context
    )
}

/// The ``GitError`` for a libgit2 failure: its return code, its error class, its message
/// and `errno` as they were right after the call. Pure, so every mapping can be tested.
func gitError(
    code result: Int32,
    errorClass: Int32,
    message: String?,
    systemError: Int32 = 0,
    context: ErrorContext = .none
) -> GitError {
    let detail = (message ?? "no message from libgit2")
        .trimmingCharacters(in: .whitespacesAndNewlines)
        .lowercasedFirstLetter
    let category = errorCategory(errorClass)
    if isDiskFull(errorClass: errorClass, message: detail, systemError: systemError) {
        // Before the object cases: a failed write is not a corrupt repository.
        return .diskFull(detail: detail)
    }
    switch (result, context) {
    case (GIT_EOWNER.rawValue, .opening(let path)):
        return .notOwnedByCurrentUser(path: quotedPath(in: detail) ?? path, detail: detail)
    case (GIT_EOWNER.rawValue, _):
        return .notOwnedByCurrentUser(path: quotedPath(in: detail) ?? ".", detail: detail)
    case (GIT_ENOTFOUND.rawValue, .opening(let path)) where detail.contains("safe.directory"):
        // libgit2 1.5.1 reports an unowned repository as GIT_ENOTFOUND "config value
        // 'safe.directory' was not found" when no safe.directory is configured at all.
        return .notOwnedByCurrentUser(path: path, detail: detail)
    case (GIT_ENOTFOUND.rawValue, .opening(let path)):
        return .notARepository(path: path, detail: detail)
    case (GIT_ENOTFOUND.rawValue, .object(let id)):
        return .missingObject(id, detail: detail)
    case (GIT_ENONFASTFORWARD.rawValue, .pushing(let refspecs)):
        // libgit2 refuses non-fast-forward pushes itself, before asking the remote.
        let references = refspecs.map { $0.split(separator: ":").last.map(String.init) ?? $0 }
        return .pushRejected(reference: references.joined(separator: ", "), reason: detail)
    case (_, .object(let id)):
        return .unreadableObject(id, detail: detail, category: category)
    default:
        return .failed(message: detail, category: category, code: result)
    }
}

/// Whether a failure is a full disk or quota: libgit2 sets an OS-class error whose message
/// ends with `strerror(errno)`.
private func isDiskFull(errorClass: Int32, message: String, systemError: Int32) -> Bool {
    let words = [ENOSPC, EDQUOT].map { String(cString: strerror($0)).lowercased() }
    let lowered = message.lowercased()
    if words.contains(where: { lowered.contains($0) }) { return true }
    return errorClass == Int32(GIT_ERROR_OS.rawValue)
        && (systemError == ENOSPC || systemError == EDQUOT)
}

/// The text between the first pair of single quotes, which is where libgit2 puts paths.
private func quotedPath(in message: String) -> String? {
    let parts = message.split(separator: "'", omittingEmptySubsequences: false)
    guard parts.count >= 3, !parts[1].isEmpty else { return nil }
    return String(parts[1])
}

private func errorCategory(_ errorClass: Int32) -> String {
    let names: [git_error_t: String] = [
        GIT_ERROR_NOMEMORY: "memory", GIT_ERROR_OS: "os", GIT_ERROR_INVALID: "invalid input",
        GIT_ERROR_REFERENCE: "reference", GIT_ERROR_ZLIB: "zlib",
        GIT_ERROR_REPOSITORY: "repository", GIT_ERROR_CONFIG: "config",
        GIT_ERROR_ODB: "object database", GIT_ERROR_INDEX: "index",
        GIT_ERROR_OBJECT: "object", GIT_ERROR_NET: "network", GIT_ERROR_TREE: "tree",
        GIT_ERROR_SSL: "ssl", GIT_ERROR_SSH: "ssh", GIT_ERROR_HTTP: "http",
        GIT_ERROR_CALLBACK: "callback", GIT_ERROR_FILESYSTEM: "filesystem",
        GIT_ERROR_WORKTREE: "worktree", GIT_ERROR_SHA: "sha", GIT_ERROR_INTERNAL: "internal",
    ]
    return names[git_error_t(UInt32(bitPattern: errorClass))] ?? "class \(errorClass)"
}

extension String {
    fileprivate var lowercasedFirstLetter: String {
        guard let first else { return self }
        // Keep acronyms such as "SSL" intact.
        let second = dropFirst().first
        if let second, second.isUppercase { return self }
        return first.lowercased() + dropFirst()
    }
}

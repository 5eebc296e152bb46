internal import CLibGit2

/// A read-only snapshot of a repository's configuration (all levels merged): the owner of
/// one `git_config`, freed when the value goes away. Not `Sendable`, like the repository.
public final class GitConfiguration {
    private let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_config_free(pointer)
    }

    /// The value of `name` (such as `mailmap.blob`); `nil` when it is not set.
    public func string(_ name: String) throws -> String? {
        try value(name) { buffer, config, name in git_config_get_string_buf(buffer, config, name) }
    }

    /// The value of `name` as a path, with a leading `~/` expanded as git does; `nil` when it
    /// is not set.
    public func path(_ name: String) throws -> String? {
        try value(name) { buffer, config, name in git_config_get_path(buffer, config, name) }
    }

    private func value(
        _ name: String,
        _ read: (UnsafeMutablePointer<git_buf>, OpaquePointer, String) -> Int32
    ) throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard try check(read(&buffer, pointer, name), accepting: [GIT_ENOTFOUND]) else {
            return nil
        }
        return copiedString(buffer.ptr)
    }
}

extension Repository {
    /// The configuration as it is now; later changes to the files are not seen.
    public func configuration() throws -> GitConfiguration {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, pointer))
        guard let config else {
            throw GitError.failed(message: "no configuration read", category: "config", code: -1)
        }
        return GitConfiguration(config)
    }
}

internal import CLibGit2
import Foundation

/// State shared with libgit2's remote callbacks through `void *payload`; it lives only for
/// the synchronous push or fetch call that lends it.
private final class RemoteCallbackState {
    var rejections: [(reference: String, reason: String)] = []
    var credentialAttempts = 0
}

extension Repository {
    /// Pushes `refspecs` (e.g. `refs/notes/adr:refs/notes/adr`) to `remote`, a configured
    /// remote name or a URL or path.
    ///
    /// SSH remotes authenticate through a running ssh-agent; there is no prompt.
    /// - Throws: ``GitError/pushRejected(reference:reason:)`` when the remote refuses an
    ///   update (for example a non-fast-forward without a leading `+`).
    public func push(_ refspecs: [String], to remote: String) throws {
        let remote = try openRemote(remote)
        defer { git_remote_free(remote) }
        let state = RemoteCallbackState()
        var options = git_push_options()
        try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)))
        try withExtendedLifetime(state) {
            options.callbacks.payload = Unmanaged.passUnretained(state).toOpaque()
            options.callbacks.credentials = acquireCredential
            options.callbacks.push_update_reference = { reference, status, payload in
                // A non-NULL status means the remote refused this reference.
                guard let status, let payload else { return 0 }
                let state = Unmanaged<RemoteCallbackState>.fromOpaque(payload)
                    .takeUnretainedValue()
                state.rejections.append(
                    (copiedString(reference) ?? "?", String(cString: status))
                )
                return 0
            }
            try withStringArray(refspecs) { array in
                try check(
                    git_remote_push(remote, array, &options),
                    context: .pushing(refspecs: refspecs)
                )
            }
        }
        if let rejection = state.rejections.first {
            throw GitError.pushRejected(reference: rejection.reference, reason: rejection.reason)
        }
    }

    /// Fetches `refspecs` (e.g. `+refs/notes/adr:refs/notes/adr-remote`) from `remote`, a
    /// configured remote name or a URL or path.
    ///
    /// Without a leading `+`, libgit2 1.5 skips an update that is not a fast-forward
    /// without any error (git would report it as rejected): fetch into a separate reference
    /// with `+` and compare or merge from there.
    public func fetch(_ refspecs: [String], from remote: String) throws {
        let remote = try openRemote(remote)
        defer { git_remote_free(remote) }
        let state = RemoteCallbackState()
        var options = git_fetch_options()
        try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)))
        try withExtendedLifetime(state) {
            options.callbacks.payload = Unmanaged.passUnretained(state).toOpaque()
            options.callbacks.credentials = acquireCredential
            try withStringArray(refspecs) { refspecs in
                try check(git_remote_fetch(remote, refspecs, &options, nil))
            }
        }
    }

    /// A configured remote called `nameOrURL`, or else an anonymous remote for that URL.
    /// The caller owns the result and frees it with `git_remote_free`.
    ///
    /// A name that is no remote, and a local path that does not exist (given, or as a
    /// remote's URL), are reported as such: libgit2 would say "unsupported URL protocol".
    private func openRemote(_ nameOrURL: String) throws -> OpaquePointer? {
        // Every remote operation starts here: the CA bundle is decoded before the first.
        try LibGit2.loadCertificates()
        var remote: OpaquePointer?
        // A URL or path is not a valid remote name: libgit2 says GIT_EINVALIDSPEC.
        if try check(
            git_remote_lookup(&remote, pointer, nameOrURL),
            accepting: [GIT_ENOTFOUND, GIT_EINVALIDSPEC]
        ) {
            if let url = git_remote_url(remote).map({ String(cString: $0) }),
                let path = RemoteAddress.missingLocalPath(url)
            {
                git_remote_free(remote)
                throw GitError.remotePathNotFound(remote: nameOrURL, path: path)
            }
            return remote
        }
        if RemoteAddress.isURL(nameOrURL) {
            // Scheme or scp-like address: libgit2 knows what to do with it.
        } else if let path = RemoteAddress.missingLocalPath(nameOrURL) {
            if RemoteAddress.looksLikePath(nameOrURL) {
                throw GitError.remotePathNotFound(remote: nil, path: path)
            }
            throw GitError.noSuchRemote(name: nameOrURL, remotes: try remoteNames())
        }
        try check(git_remote_create_anonymous(&remote, pointer, nameOrURL))
        return remote
    }

    /// The names of the configured remotes, sorted.
    public func remoteNames() throws -> [String] {
        var names = git_strarray()
        try check(git_remote_list(&names, pointer))
        defer { git_strarray_dispose(&names) }
        return (0..<names.count).compactMap { names.strings[$0].map { String(cString: $0) } }
            .sorted()
    }
}

/// How a remote's address reads: a URL, an scp-like `host:path`, or a local path.
enum RemoteAddress {
    /// `scheme://...`, or `[user@]host:path` with the colon before any slash.
    static func isURL(_ address: String) -> Bool {
        if address.contains("://") { return true }
        guard let colon = address.firstIndex(of: ":") else { return false }
        let slash = address.firstIndex(of: "/") ?? address.endIndex
        return colon < slash && colon != address.startIndex
    }

    /// Whether a string that is no remote name was meant as a path.
    static func looksLikePath(_ address: String) -> Bool {
        address.contains("/") || address.hasPrefix(".") || address.hasPrefix("~")
    }

    /// `address` (or its `file://` path) when it is a local path and nothing is there;
    /// `nil` for URLs and for paths that exist.
    static func missingLocalPath(_ address: String) -> String? {
        var path = address
        if path.hasPrefix("file://") {
            path = String(path.dropFirst("file://".count))
        } else if isURL(path) {
            return nil
        }
        return FileManager.default.fileExists(atPath: path) ? nil : path
    }
}

/// Offers the ssh-agent once for SSH remotes; libgit2 calls again after a failed attempt,
/// so the second call gives up instead of looping.
private func acquireCredential(
    _ credential: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?,
    _ url: UnsafePointer<CChar>?,
    _ usernameFromURL: UnsafePointer<CChar>?,
    _ allowedTypes: UInt32,
    _ payload: UnsafeMutableRawPointer?
) -> Int32 {
    guard let payload, allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 else {
        return GIT_PASSTHROUGH.rawValue
    }
    let state = Unmanaged<RemoteCallbackState>.fromOpaque(payload).takeUnretainedValue()
    state.credentialAttempts += 1
    guard state.credentialAttempts == 1 else { return GIT_EAUTH.rawValue }
    guard let usernameFromURL else { return git_credential_ssh_key_from_agent(credential, "git") }
    return git_credential_ssh_key_from_agent(credential, usernameFromURL)
}

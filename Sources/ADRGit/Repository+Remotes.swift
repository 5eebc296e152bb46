internal import CLibGit2

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
    private func openRemote(_ nameOrURL: String) throws -> OpaquePointer? {
        var remote: OpaquePointer?
        // A URL or path is not a valid remote name: libgit2 says GIT_EINVALIDSPEC.
        if try check(
            git_remote_lookup(&remote, pointer, nameOrURL),
            accepting: [GIT_ENOTFOUND, GIT_EINVALIDSPEC]
        ) {
            return remote
        }
        try check(git_remote_create_anonymous(&remote, pointer, nameOrURL))
        return remote
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

internal import CLibGit2

/// A repository's mailmap (`.mailmap`, `mailmap.file`, `mailmap.blob`): the owner of one
/// `git_mailmap`, freed when the value goes away. Not `Sendable`, like the repository.
public final class Mailmap {
    private let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_mailmap_free(pointer)
    }

    /// The canonical name and e-mail for `signature`, keeping its time; unchanged when the
    /// mailmap has no entry for it (as `git log --format=%aN %aE`).
    public func canonical(_ signature: Signature) throws -> Signature {
        var resolved = signature
        // When there is no entry, libgit2 hands back the argument pointers themselves, so the
        // arguments must outlive the copies: bridged temporaries would already be freed.
        try signature.name.withCString { inputName in
            try signature.email.withCString { inputEmail in
                var name: UnsafePointer<CChar>?
                var email: UnsafePointer<CChar>?
                try check(git_mailmap_resolve(&name, &email, pointer, inputName, inputEmail))
                resolved.name = copiedString(name) ?? signature.name
                resolved.email = copiedString(email) ?? signature.email
            }
        }
        return resolved
    }
}

extension Repository {
    /// Loads the mailmap configured for this repository (empty when there is none).
    public func mailmap() throws -> Mailmap {
        var mailmap: OpaquePointer?
        try check(git_mailmap_from_repository(&mailmap, pointer))
        guard let mailmap else {
            throw GitError.failed(message: "no mailmap created", category: "mailmap", code: -1)
        }
        return Mailmap(mailmap)
    }
}

internal import CLibGit2
import Foundation

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

extension Repository {
    /// An id for everything ``mailmap()`` reads, equal whenever the mailmap it builds would
    /// be: a cache of names already mapped stays valid only while this does not change.
    ///
    /// The sources are libgit2's, in its order: `.mailmap` at the top of the working tree
    /// (not in a bare repository), the blob `mailmap.blob` names (`HEAD:.mailmap` by
    /// default in a bare repository), and the file `mailmap.file` names.
    public func mailmapFingerprint() throws -> ObjectID {
        var description = Data()
        func add(_ label: String, _ contents: Data?) {
            description += Data("\(label)\u{0}\(contents?.count ?? -1)\u{0}".utf8)
            description += contents ?? Data()
        }
        if let workdir {
            add("file", FileManager.default.contents(atPath: workdir + ".mailmap"))
        }
        let settings = try configuration()
        if let blob = try settings.string("mailmap.blob") ?? (isBare ? "HEAD:.mailmap" : nil) {
            add("blob " + blob, try revisionTarget(blob).map { Data($0.hex.utf8) })
        }
        if let path = try settings.path("mailmap.file") {
            add("path " + path, FileManager.default.contents(atPath: path))
        }
        return try ObjectID.blobID(hashing: description)
    }

    /// The object `revision` (such as `HEAD:.mailmap`) names; `nil` when it names none.
    func revisionTarget(_ revision: String) throws -> ObjectID? {
        var object: OpaquePointer?
        let found = try check(
            git_revparse_single(&object, pointer, revision),
            accepting: [GIT_ENOTFOUND, GIT_EINVALIDSPEC, GIT_EAMBIGUOUS, GIT_EUNBORNBRANCH]
        )
        defer { git_object_free(object) }
        guard found, let object, let id = git_object_id(object) else { return nil }
        return ObjectID(id.pointee)
    }
}

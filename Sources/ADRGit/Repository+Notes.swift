internal import CLibGit2

/// One note on a notes reference: which blob annotates which object.
public struct NoteEntry: Hashable, Sendable {
    /// The blob holding the note's text.
    public let noteID: ObjectID
    /// The object (usually a commit) the note is attached to.
    public let annotatedID: ObjectID
}

/// Carries results through the `void *payload` of `git_note_foreach`'s callback.
private final class NoteCollector {
    var entries: [NoteEntry] = []
}

extension Repository {
    /// The default notes reference, as used by `git notes`.
    public static let defaultNotesReference = "refs/notes/commits"

    /// The text of the note on `object` in `notesReference`, or `nil` when it has none
    /// (including when the notes reference does not exist yet).
    public func note(
        for object: ObjectID,
        in notesReference: String = defaultNotesReference
    ) throws -> String? {
        var oid = object.oid
        var note: OpaquePointer?
        let found = try check(
            git_note_read(&note, pointer, notesReference, &oid),
            accepting: [GIT_ENOTFOUND]
        )
        defer { git_note_free(note) }
        guard found, let note else { return nil }
        return copiedString(git_note_message(note)) ?? ""
    }

    /// Attaches `message` as the note of `object` in `notesReference`, replacing any note
    /// already there when `overwrite` is `true`, and commits that to the notes reference.
    /// - Returns: the id of the blob holding the note.
    @discardableResult
    public func createNote(
        _ message: String,
        for object: ObjectID,
        in notesReference: String = defaultNotesReference,
        author: Signature,
        committer: Signature? = nil,
        overwrite: Bool = true
    ) throws -> ObjectID {
        let committer = committer ?? author
        return try author.withGitSignature { author in
            try committer.withGitSignature { committer in
                var target = object.oid
                var noteID = git_oid()
                try check(
                    git_note_create(
                        &noteID,
                        pointer,
                        notesReference,
                        author,
                        committer,
                        &target,
                        message,
                        overwrite ? 1 : 0
                    ),
                    context: .object(object)
                )
                return ObjectID(noteID)
            }
        }
    }

    /// Every note in `notesReference`; empty when the reference does not exist.
    public func notes(in notesReference: String = defaultNotesReference) throws -> [NoteEntry] {
        let collector = NoteCollector()
        let result = withExtendedLifetime(collector) {
            git_note_foreach(
                pointer,
                notesReference,
                { noteID, annotatedID, payload in
                    guard let noteID, let annotatedID, let payload else { return -1 }
                    let collector = Unmanaged<NoteCollector>.fromOpaque(payload)
                        .takeUnretainedValue()
                    collector.entries.append(
                        NoteEntry(noteID: ObjectID(noteID), annotatedID: ObjectID(annotatedID))
                    )
                    return 0
                },
                Unmanaged.passUnretained(collector).toOpaque()
            )
        }
        guard try check(result, accepting: [GIT_ENOTFOUND]) else { return [] }
        return collector.entries
    }

    /// Writes `message` as the note of `object` in a new notes commit whose parent is the
    /// notes commit `parent` (`nil` starts a new notes history), without moving any
    /// reference. Chaining these on top of a remote's notes commit gives a history that
    /// fast-forwards the remote, so a push never has to be forced.
    /// - Returns: the new notes commit.
    public func noteCommit(
        _ message: String,
        for object: ObjectID,
        onto parent: ObjectID?,
        author: Signature,
        committer: Signature? = nil
    ) throws -> ObjectID {
        let committer = committer ?? author
        return try author.withGitSignature { author in
            try committer.withGitSignature { committer in
                var target = object.oid
                var commitID = git_oid()
                var blobID = git_oid()
                func create(_ parentCommit: OpaquePointer?) throws {
                    try check(
                        git_note_commit_create(
                            &commitID,
                            &blobID,
                            pointer,
                            parentCommit,
                            author,
                            committer,
                            &target,
                            message,
                            1
                        ),
                        context: .object(object)
                    )
                }
                if let parent {
                    try withCommit(parent) { try create($0) }
                } else {
                    try create(nil)
                }
                return ObjectID(commitID)
            }
        }
    }

    /// The text of the note on `object` in the notes commit `notesCommit` (not a
    /// reference), or `nil` when it has none.
    public func note(for object: ObjectID, inNotesCommit notesCommit: ObjectID) throws -> String? {
        try withCommit(notesCommit) { commit in
            var oid = object.oid
            var note: OpaquePointer?
            let found = try check(
                git_note_commit_read(&note, pointer, commit, &oid),
                accepting: [GIT_ENOTFOUND]
            )
            defer { git_note_free(note) }
            guard found, let note else { return nil }
            return copiedString(git_note_message(note)) ?? ""
        }
    }
}

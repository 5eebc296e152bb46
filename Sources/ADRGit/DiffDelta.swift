internal import CLibGit2

/// One changed file between two trees, copied out of a `git_diff_delta`.
public struct DiffDelta: Hashable, Sendable {
    /// How the file changed, as `git diff --name-status` letters A, M, D, R, C, T.
    public enum Status: Sendable, Hashable {
        case added
        case modified
        case deleted
        case renamed
        case copied
        /// The kind changed, e.g. file to symbolic link.
        case typeChanged
        case other
    }

    /// How the file changed.
    public let status: Status
    /// The path before the change (equal to ``newPath`` unless renamed or copied).
    public let oldPath: String
    /// The path after the change.
    public let newPath: String
    /// The old blob, `nil` when the file was added.
    public let oldID: ObjectID?
    /// The new blob, `nil` when the file was deleted.
    public let newID: ObjectID?
    /// For renames and copies, how similar the two files are, 0 to 100.
    public let similarity: Int

    init(_ delta: git_diff_delta) {
        switch delta.status {
        case GIT_DELTA_ADDED: status = .added
        case GIT_DELTA_MODIFIED: status = .modified
        case GIT_DELTA_DELETED: status = .deleted
        case GIT_DELTA_RENAMED: status = .renamed
        case GIT_DELTA_COPIED: status = .copied
        case GIT_DELTA_TYPECHANGE: status = .typeChanged
        default: status = .other
        }
        oldPath = copiedString(delta.old_file.path) ?? ""
        newPath = copiedString(delta.new_file.path) ?? ""
        let old = ObjectID(delta.old_file.id)
        let new = ObjectID(delta.new_file.id)
        oldID = old.isZero ? nil : old
        newID = new.isZero ? nil : new
        similarity = Int(delta.similarity)
    }
}

/// How a diff pairs deleted and added files into renames.
public enum RenameDetection: Sendable, Hashable {
    /// Report deletions and additions as they are.
    case off
    /// git's default (`-M50%`), but only when the diff both adds and deletes files: a
    /// commit that only edits pays nothing for detection.
    case whenAddedAndDeleted
    /// Pair only files with identical contents: cheap, compares blob ids.
    case exactOnly
    /// Pair files at least `threshold` percent similar, like `git diff -M<threshold>%`.
    case similar(threshold: Int)

    /// git's default: `-M50%`.
    public static let standard = RenameDetection.similar(threshold: 50)
}

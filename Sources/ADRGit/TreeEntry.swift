internal import CLibGit2

/// One entry of a tree, copied out of a `git_tree_entry`.
public struct TreeEntry: Hashable, Sendable {
    /// What an entry points to.
    public enum Kind: Sendable, Hashable {
        case blob
        case tree
        /// A submodule's commit.
        case commit
        case other
    }

    /// The file or folder name (one path component).
    public let name: String
    /// The blob, tree or submodule commit id.
    public let id: ObjectID
    /// What `id` names.
    public let kind: Kind
    /// The git file mode, e.g. `0o100644`, `0o100755`, `0o120000` (link), `0o040000`.
    public let fileMode: UInt32

    init(_ entry: OpaquePointer) {
        name = copiedString(git_tree_entry_name(entry)) ?? ""
        id = ObjectID(git_tree_entry_id(entry))
        switch git_tree_entry_type(entry) {
        case GIT_OBJECT_BLOB: kind = .blob
        case GIT_OBJECT_TREE: kind = .tree
        case GIT_OBJECT_COMMIT: kind = .commit
        default: kind = .other
        }
        fileMode = git_tree_entry_filemode(entry).rawValue
    }
}

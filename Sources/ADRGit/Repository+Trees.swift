internal import CLibGit2
import Foundation

extension Repository {
    /// Looks up tree `id` and lends its handle to `body` only for the call.
    func withTree<T>(_ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, pointer, &oid), context: .object(id))
        defer { git_tree_free(tree) }
        guard let tree else { throw GitError.missingObject(id, detail: "no tree returned") }
        return try body(tree)
    }

    /// The entry at `path` (slash separated, relative to the tree), or `nil` when absent.
    public func entry(at path: String, inTree tree: ObjectID) throws -> TreeEntry? {
        try withTree(tree) { tree in
            var entry: OpaquePointer?
            let found = try check(
                git_tree_entry_bypath(&entry, tree, path),
                accepting: [GIT_ENOTFOUND]
            )
            defer { git_tree_entry_free(entry) }
            guard found, let entry else { return nil }
            return TreeEntry(entry)
        }
    }

    /// The folder called `name` (one path component) in tree `tree`, or `nil` when there is
    /// none: ``entry(at:inTree:)`` for one component, without copying the entry, for a walk
    /// that asks it of every commit's tree.
    public func subtreeID(named name: String, inTree tree: ObjectID) throws -> ObjectID? {
        try withTree(tree) { tree in
            // Borrowed from the tree, which outlives this closure.
            guard let entry = git_tree_entry_byname(tree, name),
                git_tree_entry_type(entry) == GIT_OBJECT_TREE
            else { return nil }
            return ObjectID(git_tree_entry_id(entry))
        }
    }

    /// The entries of tree `id`, in git's order (by name).
    public func entries(ofTree id: ObjectID) throws -> [TreeEntry] {
        try withTree(id) { tree in
            (0..<git_tree_entrycount(tree)).compactMap { index in
                // Borrowed from the tree, which outlives this closure.
                git_tree_entry_byindex(tree, index).map { TreeEntry($0) }
            }
        }
    }

    /// The id of the folder at `path` in `commit`, or `nil` when there is no folder there.
    ///
    /// An empty path, `.` or `/` gives the commit's root tree.
    public func treeID(at path: String, inCommit commit: ObjectID) throws -> ObjectID? {
        let root = try self.commit(commit).treeID
        let trimmed = path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !trimmed.isEmpty, trimmed != "." else { return root }
        guard let entry = try entry(at: trimmed, inTree: root), entry.kind == .tree else {
            return nil
        }
        return entry.id
    }

    /// The raw contents of blob `id`.
    public func blobData(_ id: ObjectID) throws -> Data {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), context: .object(id))
        defer { git_blob_free(blob) }
        guard let blob, let content = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: content, count: Int(git_blob_rawsize(blob)))
    }

    /// At most the first `maximum` bytes of blob `id`, and the blob's whole size: a large
    /// blob is inflated by libgit2 but never copied whole.
    public func blobPrefix(_ id: ObjectID, maximum: Int) throws -> (data: Data, size: Int) {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), context: .object(id))
        defer { git_blob_free(blob) }
        guard let blob, let content = git_blob_rawcontent(blob) else { return (Data(), 0) }
        let size = Int(git_blob_rawsize(blob))
        return (Data(bytes: content, count: min(size, max(0, maximum))), size)
    }

    /// The contents of blob `id` as UTF-8 text (invalid bytes become U+FFFD).
    public func blobText(_ id: ObjectID) throws -> String {
        String(decoding: try blobData(id), as: UTF8.self)
    }

    /// The contents of the file at `path` in `commit`, or `nil` when there is no file there.
    public func blobData(at path: String, inCommit commit: ObjectID) throws -> Data? {
        let root = try self.commit(commit).treeID
        guard let entry = try entry(at: path, inTree: root), entry.kind == .blob else {
            return nil
        }
        return try blobData(entry.id)
    }
}

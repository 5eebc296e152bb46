internal import CLibGit2

/// A commit copied out of libgit2: ids, people and message, no live handle.
public struct Commit: Hashable, Sendable, Identifiable {
    /// The commit's own id.
    public let id: ObjectID
    /// The parents, first parent first; empty for a root commit.
    public let parentIDs: [ObjectID]
    /// Who wrote the change.
    public let author: Signature
    /// Who recorded the commit.
    public let committer: Signature
    /// The first paragraph of the message with its line breaks folded, as `git log %s`.
    public let summary: String
    /// The full message, leading blank lines removed, as `git log %B`.
    public let message: String
    /// The root tree of the commit.
    public let treeID: ObjectID

    /// Copies everything from a live `git_commit` while its owner keeps it alive.
    init(_ commit: OpaquePointer) {
        id = ObjectID(git_commit_id(commit))
        parentIDs = (0..<git_commit_parentcount(commit)).compactMap { index in
            git_commit_parent_id(commit, index).map { ObjectID($0) }
        }
        author = Signature(git_commit_author(commit))
        committer = Signature(git_commit_committer(commit))
        summary = copiedString(git_commit_summary(commit)) ?? ""
        message = copiedString(git_commit_message(commit)) ?? ""
        treeID = ObjectID(git_commit_tree_id(commit))
    }
}

extension Repository {
    /// The commit `id`.
    /// - Throws: ``GitError/missingObject(_:detail:)`` when it is not in the repository.
    public func commit(_ id: ObjectID) throws -> Commit {
        try withCommit(id) { Commit($0) }
    }

    /// Only the tree and parents of commit `id`: what a history walk needs for every
    /// commit, without copying messages and signatures it reads for a few.
    public func treeAndParents(of id: ObjectID) throws -> (tree: ObjectID, parents: [ObjectID]) {
        try withCommit(id) { commit in
            let tree = ObjectID(git_commit_tree_id(commit))
            let parents = (0..<git_commit_parentcount(commit)).compactMap { index in
                git_commit_parent_id(commit, index).map { ObjectID($0) }
            }
            return (tree, parents)
        }
    }

    /// Looks up commit `id` and lends its handle to `body` only for the call.
    func withCommit<T>(_ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, pointer, &oid), context: .object(id))
        defer { git_commit_free(commit) }
        guard let commit else { throw GitError.missingObject(id, detail: "no commit returned") }
        return try body(commit)
    }

    /// `true` when `commit` has `ancestor` in its history; `false` when they are equal.
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        var commitOID = commit.oid
        var ancestorOID = ancestor.oid
        let result = git_graph_descendant_of(pointer, &commitOID, &ancestorOID)
        try check(result, context: .object(commit))
        return result == 1
    }
}

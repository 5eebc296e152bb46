internal import CLibGit2

extension Repository {
    /// The commit `revision` names (`origin/main`, `HEAD~2`, a commit id), peeling tags;
    /// `nil` when it names nothing or something that is not a commit.
    public func commitID(resolving revision: String) throws -> ObjectID? {
        var object: OpaquePointer?
        let found = try check(
            git_revparse_single(&object, pointer, revision),
            accepting: [GIT_ENOTFOUND, GIT_EINVALIDSPEC, GIT_EAMBIGUOUS, GIT_EUNBORNBRANCH]
        )
        defer { git_object_free(object) }
        guard found, let object else { return nil }
        var commit: OpaquePointer?
        let peeled = try check(
            git_object_peel(&commit, object, GIT_OBJECT_COMMIT),
            accepting: [GIT_ENOTFOUND, GIT_EINVALIDSPEC, GIT_EAMBIGUOUS, GIT_EPEEL]
        )
        defer { git_object_free(commit) }
        guard peeled, let commit, let id = git_object_id(commit) else { return nil }
        return ObjectID(id.pointee)
    }

    /// The best common ancestor of `one` and `other` (`git merge-base`); `nil` when they
    /// share no history, which in a shallow clone also means the history was cut before it.
    public func mergeBase(of one: ObjectID, and other: ObjectID) throws -> ObjectID? {
        var result = git_oid()
        var first = one.oid
        var second = other.oid
        let found = try check(
            git_merge_base(&result, pointer, &first, &second),
            accepting: [GIT_ENOTFOUND]
        )
        return found ? ObjectID(result) : nil
    }
}

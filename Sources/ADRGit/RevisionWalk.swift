internal import CLibGit2

/// Which commits a history walk visits, and in what order.
public struct RevisionWalk: Sendable, Hashable {
    /// The order commits come out in.
    public enum Order: Sendable, Hashable {
        /// Newest first, parents never before their children (`git rev-list --topo-order`
        /// with commit-date tie breaks).
        case newestFirst
        /// Oldest first: the exact reverse of ``newestFirst``.
        case oldestFirst
    }

    /// Where the walk starts; `nil` means `HEAD` (an unborn `HEAD` gives an empty walk).
    public var start: ObjectID?
    /// Commits whose history is left out, for incremental walks (`git rev-list A ^B`).
    public var hidden: [ObjectID]
    /// The order of the results.
    public var order: Order
    /// Follow only first parents, like `git log --first-parent`.
    public var firstParentOnly: Bool

    /// Describes a walk; by default all history reachable from `HEAD`, newest first.
    public init(
        from start: ObjectID? = nil,
        hiding hidden: [ObjectID] = [],
        order: Order = .newestFirst,
        firstParentOnly: Bool = false
    ) {
        self.start = start
        self.hidden = hidden
        self.order = order
        self.firstParentOnly = firstParentOnly
    }
}

extension Repository {
    /// The ids of the commits `walk` visits, in its order.
    public func commitIDs(_ walk: RevisionWalk = RevisionWalk()) throws -> [ObjectID] {
        var ids: [ObjectID] = []
        try visitCommitIDs(walk) { id in
            ids.append(id)
            return true
        }
        return ids
    }

    /// The commits `walk` visits, in its order.
    public func commits(_ walk: RevisionWalk = RevisionWalk()) throws -> [Commit] {
        var commits: [Commit] = []
        try visitCommitIDs(walk) { id in
            commits.append(try commit(id))
            return true
        }
        return commits
    }

    /// Calls `body` with each commit id `walk` visits, until it returns `false`.
    public func visitCommitIDs(
        _ walk: RevisionWalk,
        _ body: (ObjectID) throws -> Bool
    ) throws {
        guard let start = try walk.start ?? head else { return }
        var revwalk: OpaquePointer?
        try check(git_revwalk_new(&revwalk, pointer))
        defer { git_revwalk_free(revwalk) }
        guard let revwalk else { return }

        var sorting = GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
        if walk.order == .oldestFirst { sorting |= GIT_SORT_REVERSE.rawValue }
        try check(git_revwalk_sorting(revwalk, sorting))
        if walk.firstParentOnly { try check(git_revwalk_simplify_first_parent(revwalk)) }

        var startOID = start.oid
        try check(git_revwalk_push(revwalk, &startOID), context: .object(start))
        for hidden in walk.hidden {
            var oid = hidden.oid
            try check(git_revwalk_hide(revwalk, &oid), context: .object(hidden))
        }

        var oid = git_oid()
        while try check(git_revwalk_next(&oid, revwalk), accepting: [GIT_ITEROVER]) {
            guard try body(ObjectID(oid)) else { return }
        }
    }
}

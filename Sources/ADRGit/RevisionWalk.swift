internal import CLibGit2
import Foundation

/// Which commits a history walk visits, and in what order.
public struct RevisionWalk: Sendable, Hashable {
    /// The order commits come out in.
    public enum Order: Sendable, Hashable {
        /// Newest commit date first, but never a parent before its children: the order of
        /// `git rev-list --date-order` (not `--topo-order`, which keeps branches together).
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
        if isShallow {
            // libgit2 1.5 ignores `.git/shallow` and fails on the first missing parent, even
            // with a hide callback, so shallow clones are walked here instead.
            for id in try shallowWalk(walk, from: start) {
                guard try body(id) else { return }
            }
            return
        }
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

extension Repository {
    /// The commits grafted to have no parents, from the `shallow` file of a shallow clone.
    private func shallowBoundary() throws -> Set<ObjectID> {
        let file = commonDirectory + "shallow"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { ObjectID(hex: String($0)) })
    }

    /// The same walk as libgit2's topological, time-ordered one, honouring shallow grafts.
    private func shallowWalk(_ walk: RevisionWalk, from start: ObjectID) throws -> [ObjectID] {
        let boundary = try shallowBoundary()
        var parentsByID: [ObjectID: [ObjectID]] = [:]
        var timeByID: [ObjectID: Int64] = [:]

        func parents(of id: ObjectID) throws -> [ObjectID] {
            if let known = parentsByID[id] { return known }
            let commit = try self.commit(id)
            var parents = boundary.contains(id) ? [] : commit.parentIDs
            if walk.firstParentOnly { parents = Array(parents.prefix(1)) }
            parentsByID[id] = parents
            timeByID[id] = commit.committer.time
            return parents
        }

        /// The commits reachable from `starts` but not in `excluded`, in the order met.
        func reachable(from starts: [ObjectID], excluding excluded: Set<ObjectID>) throws
            -> [ObjectID]
        {
            var seen: Set<ObjectID> = []
            var found: [ObjectID] = []
            var stack = starts.filter { !excluded.contains($0) }
            while let id = stack.popLast() {
                guard seen.insert(id).inserted else { continue }
                found.append(id)
                stack.append(contentsOf: try parents(of: id).filter { !excluded.contains($0) })
            }
            return found
        }

        let hidden = Set(try reachable(from: walk.hidden, excluding: []))
        let included = try reachable(from: [start], excluding: hidden)
        var position: [ObjectID: Int] = [:]
        for (index, id) in included.enumerated() { position[id] = index }
        let order = DateOrder.newestFirst(
            parents: try included.map { id in try parents(of: id).compactMap { position[$0] } },
            times: included.map { timeByID[$0] ?? 0 }
        ).map { included[$0] }
        return walk.order == .oldestFirst ? order.reversed() : order
    }
}

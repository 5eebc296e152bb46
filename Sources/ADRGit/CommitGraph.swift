internal import CLibGit2
import HeapModule

/// One commit of a ``Repository/commitGraph(from:)``: what a history scan needs of every
/// commit.
public struct CommitGraphNode: Sendable, Hashable {
    public let id: ObjectID
    /// The root tree.
    public let tree: ObjectID
    /// The parents, first parent first.
    public let parents: [ObjectID]
    /// The committer date, seconds since the Unix epoch.
    public let time: Int64
}

extension Repository {
    /// Every commit reachable from `start`, newest first: never a parent before one of its
    /// children, and otherwise by committer date, newest first (`git rev-list
    /// --date-order`; commits of equal date may come in another order than libgit2's walk
    /// gives them).
    ///
    /// Reads each commit once. A revwalk followed by a lookup of each commit it returns
    /// reads every commit twice, and reading commits was most of a cold history scan.
    ///
    /// `visit` sees each commit as soon as it is read, in reading order (not the order
    /// returned): work that needs only the commit, such as reading its tree, can start on
    /// another thread while the rest of the graph is read, which is one thread's work.
    /// - Throws: ``GitError/missingObject(_:detail:)`` for a commit that is not there (a
    ///   shallow clone's boundary: walk those with ``commitIDs(_:)``), or what `visit`
    ///   throws.
    public func commitGraph(
        from start: ObjectID,
        visiting visit: (CommitGraphNode) throws -> Void = { _ in }
    ) throws -> [CommitGraphNode] {
        var nodes: [CommitGraphNode] = []
        var seen: Set<ObjectID> = [start]
        var pending = [start]
        while let id = pending.popLast() {
            let node = try withCommit(id) { commit in
                CommitGraphNode(
                    id: id,
                    tree: ObjectID(git_commit_tree_id(commit)),
                    parents: (0..<git_commit_parentcount(commit)).compactMap { index in
                        git_commit_parent_id(commit, index).map { ObjectID($0) }
                    },
                    time: Int64(git_commit_time(commit))
                )
            }
            nodes.append(node)
            try visit(node)
            for parent in node.parents where seen.insert(parent).inserted {
                pending.append(parent)
            }
        }
        // Positions in `nodes` by id, now that every commit is read.
        var position: [ObjectID: Int] = [:]
        position.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() { position[node.id] = index }
        return DateOrder.newestFirst(
            parents: nodes.map { node in node.parents.map { position[$0]! } },
            times: nodes.map(\.time)
        ).map { nodes[$0] }
    }
}

/// `git rev-list --date-order` over commits given as indices: never a parent before one of
/// its children, otherwise the newest committer date first, and of equal dates the lower
/// index (the commit met first).
enum DateOrder {
    /// `parents[i]` holds the indices of commit `i`'s parents among the commits given, and
    /// `times[i]` its committer date.
    static func newestFirst(parents: [[Int]], times: [Int64]) -> [Int] {
        // Kahn's algorithm: a commit is ready once all its children are out.
        var children = [Int](repeating: 0, count: parents.count)
        for list in parents {
            for parent in list { children[parent] += 1 }
        }
        var ready = Heap<ReadyCommit>()
        for index in parents.indices where children[index] == 0 {
            ready.insert(ReadyCommit(index: index, time: times[index]))
        }
        var order: [Int] = []
        order.reserveCapacity(parents.count)
        while let next = ready.popMax() {
            order.append(next.index)
            for parent in parents[next.index] {
                children[parent] -= 1
                if children[parent] == 0 {
                    ready.insert(ReadyCommit(index: parent, time: times[parent]))
                }
            }
        }
        return order
    }
}

/// A commit whose children are all out, ordered newest date first, then lowest index.
private struct ReadyCommit: Comparable {
    let index: Int
    let time: Int64

    /// The "largest" commit, which `Heap.popMax` takes, is the one that comes first.
    static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.index > rhs.index
    }
}

import ADRGit

/// Finds one folder path in many commits' root trees, remembering the answer per tree met
/// on the way down.
///
/// `entry(at: "docs/architecture/decisions", inTree:)` parses every tree on the path, in
/// every commit. Most commits of a repository leave `docs` as it was, and the answer for
/// the rest of the path depends only on that tree's id: after the root, a commit that
/// did not touch the path costs one tree read, as `git log -- PATH` does. Not `Sendable`
/// (it holds a repository): each worker keeps its own.
struct FolderFinder {
    let repository: Repository
    /// The folder's path components, root first.
    let components: [String]
    /// The answer below each level's tree: `known[depth][tree]` is the folder's subtree
    /// (or `nil` when there is none) reached from tree `tree` at component `depth`.
    private var known: [[ObjectID: ObjectID?]]

    init(_ folder: String, in repository: Repository) {
        self.repository = repository
        components = folder.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        known = Array(repeating: [:], count: components.count)
    }

    /// The subtree at the folder in root tree `root`; `nil` when there is no folder there.
    mutating func subtree(inRoot root: ObjectID) throws -> ObjectID? {
        var met: [(depth: Int, tree: ObjectID)] = []
        var current: ObjectID? = root
        var depth = 0
        var answer: ObjectID??
        while depth < components.count, let tree = current {
            // Below the root, a tree met before gives the answer at once.
            if depth > 0, let remembered = known[depth][tree] {
                answer = .some(remembered)
                break
            }
            met.append((depth, tree))
            current = try repository.subtreeID(named: components[depth], inTree: tree)
            depth += 1
        }
        let result = answer ?? current
        for (depth, tree) in met where depth > 0 { known[depth][tree] = .some(result) }
        return result
    }
}

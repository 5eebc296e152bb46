internal import CLibGit2

/// An open git repository: the owner of one `git_repository` handle.
///
/// The handle is freed when the last reference goes away. It is not `Sendable`: libgit2
/// handles must not be shared between threads, so parallel work opens one repository per
/// task. Everything returned from it is a plain value copied out of libgit2.
public final class Repository {
    let pointer: OpaquePointer
    /// The last trees ``diff(from:to:paths:renames:)`` looked up, newest last: a walk diffs
    /// each folder tree against its parent's, so a later diff often starts from one. With
    /// branches interleaved in date order that diff is rarely the next one: keeping eight
    /// instead of two halved the tree lookups of a scan (each parses the whole folder).
    var recentTrees: [(id: ObjectID, tree: OpaquePointer)] = []
    static let recentTreeCount = 8

    /// Opens the repository containing `path`, searching upwards like `git` does.
    ///
    /// Works from any folder inside a working tree, from a `.git` folder, from a bare
    /// repository, and from a linked worktree (whose `.git` is a file).
    /// - Throws: ``GitError/notARepository(path:detail:)`` when no repository is found,
    ///   ``GitError/notOwnedByCurrentUser(path:detail:)`` when `safe.directory` refuses it.
    public convenience init(discoveringFrom path: String) throws {
        try self.init(path: path, flags: 0)
    }

    /// Opens the repository whose working tree or git directory is exactly `path`.
    public convenience init(at path: String) throws {
        try self.init(path: path, flags: GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
    }

    private init(path: String, flags: UInt32) throws {
        _ = LibGit2.initialized
        var repository: OpaquePointer?
        do {
            try check(
                git_repository_open_ext(&repository, path, flags, nil),
                context: .opening(path: path)
            )
        } catch {
            // safe.directory wants the repository's top folder, not the folder we started in.
            guard case .notOwnedByCurrentUser(_, let detail) = error else { throw error }
            let root = Self.discoveredRoot(from: path) ?? path
            throw GitError.notOwnedByCurrentUser(path: root, detail: detail)
        }
        guard let repository else {
            throw GitError.notARepository(path: path, detail: "libgit2 returned no repository")
        }
        pointer = repository
    }

    /// The working tree (or bare git directory) found upwards from `path`, without opening
    /// it and so without the ownership check; `nil` when there is none.
    private static func discoveredRoot(from path: String) -> String? {
        var buffer = git_buf()
        let result = git_repository_discover(&buffer, path, 0, nil)
        defer { git_buf_dispose(&buffer) }
        guard (try? check(result)) != nil, let found = copiedString(buffer.ptr) else {
            return nil
        }
        let gitDirectory = found.hasSuffix("/") ? String(found.dropLast()) : found
        guard gitDirectory.hasSuffix("/.git") else { return gitDirectory }
        return String(gitDirectory.dropLast("/.git".count))
    }

    deinit {
        for recent in recentTrees { git_tree_free(recent.tree) }
        git_repository_free(pointer)
    }

    /// The working tree folder, with a trailing slash; `nil` for a bare repository.
    public var workdir: String? {
        copiedString(git_repository_workdir(pointer))
    }

    /// The git directory (`.git`, or `.git/worktrees/NAME` for a linked worktree), with a
    /// trailing slash: the place for per-worktree files such as caches.
    public var gitDirectory: String {
        copiedString(git_repository_path(pointer)) ?? ""
    }

    /// The git directory shared by all worktrees, with a trailing slash.
    public var commonDirectory: String {
        copiedString(git_repository_commondir(pointer)) ?? gitDirectory
    }

    /// `true` when the repository has no working tree.
    public var isBare: Bool {
        git_repository_is_bare(pointer) == 1
    }

    /// `true` for a shallow clone, whose history stops at grafted commits.
    public var isShallow: Bool {
        git_repository_is_shallow(pointer) == 1
    }

    /// The commit `HEAD` points to, or `nil` when the current branch has no commits yet.
    public var head: ObjectID? {
        get throws {
            var oid = git_oid()
            let found = try check(
                git_reference_name_to_id(&oid, pointer, "HEAD"),
                accepting: [GIT_ENOTFOUND, GIT_EUNBORNBRANCH]
            )
            return found ? ObjectID(oid) : nil
        }
    }

    /// Turns strict hash verification of objects read from disk on or off, process wide.
    ///
    /// Read-only history scans can switch it off to save the cost of hashing every object;
    /// leave it on when writing.
    public static func useStrictHashVerification(_ enabled: Bool) throws {
        _ = LibGit2.initialized
        try check(adr_git_enable_strict_hash_verification(enabled ? 1 : 0))
    }

    /// Turns libgit2's cache of parsed objects on or off, process wide (on by default).
    ///
    /// A history scan meets most objects once, and libgit2 caches only commits and small
    /// trees anyway; with the cache on, evicting from it took most of the time of a scan
    /// over 100,000 commits, and what it held most of the memory.
    public static func useObjectCache(_ enabled: Bool) throws {
        _ = LibGit2.initialized
        try check(adr_git_enable_caching(enabled ? 1 : 0))
    }
}

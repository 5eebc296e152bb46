internal import CLibGit2

extension Repository {
    /// The files that differ between two trees, as `git diff --name-status -M old new`.
    ///
    /// Pass subtree ids (from ``treeID(at:inCommit:)``) to compare one folder directly;
    /// paths are then relative to it. Either side may be `nil` for "empty tree".
    /// - Parameters:
    ///   - paths: optional pathspecs limiting the diff (git pathspec syntax).
    ///   - renames: how deleted and added files are paired into renames.
    public func diff(
        from oldTree: ObjectID?,
        to newTree: ObjectID?,
        paths: [String] = [],
        renames: RenameDetection = .standard
    ) throws -> [DiffDelta] {
        try withOptionalTree(oldTree) { old in
            try withOptionalTree(newTree) { new in
                try diff(old, new, paths: paths, renames: renames)
            }
        }
    }

    private func withOptionalTree<T>(
        _ id: ObjectID?,
        _ body: (OpaquePointer?) throws -> T
    ) throws -> T {
        guard let id else { return try body(nil) }
        return try body(recentTree(id))
    }

    /// Tree `id`, kept among the trees this repository used last for a diff (at least two,
    /// so both sides of the current diff stay alive); the repository frees a tree when it
    /// drops out, or in `deinit`.
    private func recentTree(_ id: ObjectID) throws -> OpaquePointer {
        if let index = recentTrees.firstIndex(where: { $0.id == id }) {
            let recent = recentTrees.remove(at: index)
            recentTrees.append(recent)
            return recent.tree
        }
        var oid = id.oid
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, pointer, &oid), context: .object(id))
        guard let tree else { throw GitError.missingObject(id, detail: "no tree returned") }
        if recentTrees.count == Self.recentTreeCount {
            git_tree_free(recentTrees.removeFirst().tree)
        }
        recentTrees.append((id, tree))
        return tree
    }

    private func diff(
        _ old: OpaquePointer?,
        _ new: OpaquePointer?,
        paths: [String],
        renames: RenameDetection
    ) throws -> [DiffDelta] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)))
        let diff: OpaquePointer? = try withStringArray(paths) { pathspec in
            options.pathspec = pathspec.pointee
            var diff: OpaquePointer?
            try check(git_diff_tree_to_tree(&diff, pointer, old, new, &options))
            return diff
        }
        defer { git_diff_free(diff) }
        guard let diff else { return [] }

        let pairsFiles =
            renames != .off && (renames != .whenAddedAndDeleted || hasAddedAndDeleted(diff))
        if pairsFiles {
            var find = git_diff_find_options()
            try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)))
            find.flags = GIT_DIFF_FIND_RENAMES.rawValue
            switch renames {
            case .exactOnly:
                find.flags |= GIT_DIFF_FIND_EXACT_MATCH_ONLY.rawValue
            case .similar(let threshold):
                find.rename_threshold = UInt16(clamping: threshold)
            case .off, .whenAddedAndDeleted:
                break
            }
            try check(git_diff_find_similar(diff, &find))
        }

        return (0..<git_diff_num_deltas(diff)).compactMap { index in
            // Borrowed from the diff, which outlives this closure.
            git_diff_get_delta(diff, index).map { DiffDelta($0.pointee) }
        }
    }

    private func hasAddedAndDeleted(_ diff: OpaquePointer) -> Bool {
        var added = false
        var deleted = false
        for index in 0..<git_diff_num_deltas(diff) {
            switch git_diff_get_delta(diff, index)?.pointee.status {
            case GIT_DELTA_ADDED: added = true
            case GIT_DELTA_DELETED: deleted = true
            default: break
            }
            if added, deleted { return true }
        }
        return false
    }
}

/// A planned change to files, made as a value before anything is written.
///
/// Each change names the contents it expects to replace, so applying it can refuse to
/// overwrite a file that changed since it was read, and can restore it on failure.
public struct ChangeSet: Sendable, Hashable {
    public enum Change: Sendable, Hashable {
        /// A new file, created exclusively: it must not exist yet.
        case create(path: String, contents: String)
        /// An existing file whose contents change.
        case update(path: String, from: String, to: String)
        /// An existing file removed.
        case delete(path: String, contents: String)

        public var path: String {
            switch self {
            case .create(let path, _), .update(let path, _, _), .delete(let path, _): path
            }
        }

        /// The same change of the file at `transform(path)`.
        public func mappingPath(_ transform: (String) -> String) -> Change {
            switch self {
            case .create(let path, let contents): .create(path: transform(path), contents: contents)
            case .update(let path, let old, let new):
                .update(path: transform(path), from: old, to: new)
            case .delete(let path, let contents): .delete(path: transform(path), contents: contents)
            }
        }
    }

    public var changes: [Change]

    public init(_ changes: [Change] = []) {
        self.changes = changes
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// Adds an update, merging it with an earlier change of the same file so that several
    /// edits of one record (two supersede links) become one write.
    public mutating func update(_ path: String, from old: String, to new: String) {
        if let index = changes.firstIndex(where: { $0.path == path }) {
            switch changes[index] {
            case .create(_, _): changes[index] = .create(path: path, contents: new)
            case .update(_, let original, _):
                changes[index] = .update(path: path, from: original, to: new)
            case .delete(_, _): changes.append(.update(path: path, from: old, to: new))
            }
        } else if old != new {
            changes.append(.update(path: path, from: old, to: new))
        }
    }

    /// The contents `path` will have once applied, given its current contents.
    public func contents(of path: String, current: String?) -> String? {
        var result = current
        for change in changes where change.path == path {
            switch change {
            case .create(_, let contents): result = contents
            case .update(_, _, let new): result = new
            case .delete(_, _): result = nil
            }
        }
        return result
    }

    /// Changes with every path transformed (log-relative to absolute, say).
    public func mappingPaths(_ transform: (String) -> String) -> ChangeSet {
        ChangeSet(changes.map { $0.mappingPath(transform) })
    }
}

internal import CLibGit2

extension Repository {
    /// The object id `name` (e.g. `refs/notes/adr`, `HEAD`) resolves to, following symbolic
    /// references; `nil` when there is no such reference.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let found = try check(
            git_reference_name_to_id(&oid, pointer, name),
            accepting: [GIT_ENOTFOUND]
        )
        return found ? ObjectID(oid) : nil
    }

    /// The full names of the references matching `glob` (e.g. `refs/notes/*`), sorted.
    public func referenceNames(matching glob: String) throws -> [String] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, pointer, glob))
        defer { git_reference_iterator_free(iterator) }
        guard let iterator else { return [] }
        var names: [String] = []
        var name: UnsafePointer<CChar>?
        while try check(git_reference_next_name(&name, iterator), accepting: [GIT_ITEROVER]) {
            // Borrowed from the iterator until the next call: copy now.
            if let copied = copiedString(name) { names.append(copied) }
        }
        return names.sorted()
    }

    /// Points the direct reference `name` at `target`, creating or moving it.
    public func setReference(_ name: String, to target: ObjectID, message: String) throws {
        var oid = target.oid
        var reference: OpaquePointer?
        try check(git_reference_create(&reference, pointer, name, &oid, 1, message))
        git_reference_free(reference)
    }
}

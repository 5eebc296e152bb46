internal import CLibGit2
import Foundation

extension ObjectID {
    /// The id git gives `data` stored as a blob (`git hash-object --stdin`), computed by
    /// libgit2 without writing anything to a repository.
    public static func blobID(hashing data: Data) throws -> ObjectID {
        _ = LibGit2.initialized
        var oid = git_oid()
        // A trailing zero byte keeps the buffer's address non-NULL for empty data; it is not
        // part of the hashed length.
        let bytes = Array(data) + [0]
        _ = try bytes.withUnsafeBytes { buffer in
            try check(git_odb_hash(&oid, buffer.baseAddress, data.count, GIT_OBJECT_BLOB))
        }
        return ObjectID(oid)
    }
}

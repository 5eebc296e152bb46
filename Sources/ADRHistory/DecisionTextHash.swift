import ADRCore
import ADRGit
import Foundation

/// The hash approvals store for a record's text: the git blob id of its ``DecisionText``,
/// prefixed with the algorithm so another one can follow.
public enum DecisionTextHash {
    /// The hash of a record's whole text.
    public static func of(_ text: String) throws -> String {
        try ofNormalized(DecisionText.normalized(text))
    }

    /// The hash of a decision text already normalised (``DecisionText/normalized(_:)``),
    /// as a history scan has it from the same parse that read the status.
    public static func ofNormalized(_ text: String) throws -> String {
        "sha1:" + (try ObjectID.blobID(hashing: Data(text.utf8))).hex
    }
}

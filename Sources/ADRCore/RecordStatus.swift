/// The lifecycle state of a record, normalised from whatever words the record uses.
public enum RecordStatus: Sendable, Hashable {
    case proposed
    case accepted
    case rejected
    case deprecated
    case superseded
    /// Any other word, lower-cased (`approved`, `draft`, `on hold`).
    case other(String)

    /// The lower-case name used in JSON and on the command line.
    public var name: String {
        switch self {
        case .proposed: "proposed"
        case .accepted: "accepted"
        case .rejected: "rejected"
        case .deprecated: "deprecated"
        case .superseded: "superseded"
        case .other(let word): word
        }
    }
}

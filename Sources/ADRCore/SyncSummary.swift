/// What `adr sync` merged: how many notes gained approvals from the remote, and how many
/// notes the remote gained from this repository.
public struct SyncSummary: Sendable, Equatable {
    public var received: Int
    public var sent: Int

    public init(received: Int, sent: Int) {
        self.received = received
        self.sent = sent
    }
}

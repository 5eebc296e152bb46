import Foundation

/// Work started on a thread of its own at once, its result taken when it is needed: for
/// two independent steps of one command, such as reading a log's records while its
/// history is walked.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the thread before it signals `finished`, read only after a wait.
    private var result: Result<Value, WorkspaceError>?

    init(_ body: @escaping @Sendable () throws(WorkspaceError) -> Value) {
        Thread.detachNewThread { [self] in
            do throws(WorkspaceError) {
                result = .success(try body())
            } catch {
                result = .failure(error)
            }
            finished.signal()
        }
    }

    /// The work's value, once it has finished; its error if it failed.
    func value() throws(WorkspaceError) -> Value {
        finished.wait()
        finished.signal()
        guard let result else { preconditionFailure("the work signalled without a result") }
        return try result.get()
    }
}

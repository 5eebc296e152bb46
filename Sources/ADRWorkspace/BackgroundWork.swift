import Foundation
import Synchronization

/// Work started on a thread of its own at once, its result taken when it is needed: for
/// two independent steps of one command, such as reading a log's records while its
/// history is walked.
///
/// Until its value is wanted the thread runs at the lowest priority: it takes what the
/// other step leaves idle of the cores instead of slowing that step down. Its loops over
/// independent items go through ``Loop/forEach(count:_:)``, which takes one item after
/// the other on that thread while nothing waits for the work, and spreads the items left
/// over every core once ``value()`` is called.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    /// Guards `result`, `wanted` and `batch`, and wakes the waiting caller.
    private let state = NSCondition()
    private var result: Result<Value, WorkspaceError>?
    private var wanted = false
    /// The loop the work's thread is in, if any.
    private var batch: Batch?

    init(_ body: @escaping @Sendable (Loop) throws(WorkspaceError) -> Value) {
        Thread.detachNewThread { [self] in
            Self.lowerThisThreadsPriority()
            let outcome: Result<Value, WorkspaceError>
            do throws(WorkspaceError) {
                outcome = .success(try body(Loop(work: self)))
            } catch {
                outcome = .failure(error)
            }
            state.lock()
            result = outcome
            state.broadcast()
            state.unlock()
        }
    }

    /// The work's value, once it has finished; its error if it failed. The calling thread
    /// and every core help with the loop the work is in meanwhile.
    func value() throws(WorkspaceError) -> Value {
        state.lock()
        wanted = true
        while result == nil {
            if let batch, !batch.isHelped {
                batch.isHelped = true
                state.unlock()
                batch.runOnEveryCore()
                state.lock()
            } else {
                state.wait()
            }
        }
        let outcome = result
        state.unlock()
        guard let outcome else { preconditionFailure("the work ended without a result") }
        return try outcome.get()
    }

    /// Runs loops of the work's thread.
    struct Loop: Sendable {
        fileprivate let work: BackgroundWork

        /// Calls `body` once for each of `0..<count`, in any order and on any thread, and
        /// returns when every call has returned. `body` is never called after that.
        func forEach(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
            guard count > 0 else { return }
            let batch = Batch(count: count, body: body)
            work.state.lock()
            work.batch = batch
            work.state.broadcast()
            work.state.unlock()
            batch.run()
            batch.waitUntilDone()
            work.state.lock()
            work.batch = nil
            work.state.unlock()
        }
    }

    /// One loop's items, taken by whichever thread asks next.
    private final class Batch: Sendable {
        let count: Int
        let body: @Sendable (Int) -> Void
        private let next = Atomic<Int>(0)
        private let done = Atomic<Int>(0)
        private let finished = DispatchSemaphore(value: 0)
        /// Set under the work's `state` once a caller of `value()` has spread it.
        nonisolated(unsafe) var isHelped = false

        init(count: Int, body: @escaping @Sendable (Int) -> Void) {
            self.count = count
            self.body = body
        }

        /// Takes items until none is left.
        func run() {
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                body(index)
                if done.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == count {
                    finished.signal()
                }
            }
        }

        func runOnEveryCore() {
            let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
            DispatchQueue.concurrentPerform(iterations: cores) { _ in run() }
        }

        func waitUntilDone() {
            finished.wait()
        }
    }

    /// On Linux a nice value belongs to one thread, and `0` names the calling one. The
    /// lowest priority is for good: an unprivileged thread cannot raise it again, which
    /// is why the items left are spread over other threads rather than this one.
    private static func lowerThisThreadsPriority() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }
}

import Foundation
import Synchronization

/// Work started on a thread of its own at once, its result taken when it is needed: for
/// two independent steps of one command, such as reading a log's records while its
/// history is walked.
///
/// The work's loops over independent items (``Loop/forEach(count:_:)``), which are most of
/// it, take what the other step leaves idle of the cores instead of slowing that step
/// down: until the work's value is wanted, their items are taken by a helper thread at the
/// lowest priority. Once ``value()`` is called, the caller spreads the items left over
/// every core. The rest of the work, between its loops, runs at the usual priority, so
/// that a busy machine never holds up a caller that waits for it.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    /// Guards `result` and `batch`, and wakes the caller and the helper.
    private let state = NSCondition()
    private var result: Result<Value, WorkspaceError>?
    /// Set once `value()` is called: the helper then takes no more items.
    private let wanted = Atomic<Bool>(false)
    /// The loop the work is in, if any.
    private var batch: Batch?

    init(_ body: @escaping @Sendable (Loop) throws(WorkspaceError) -> Value) {
        Thread.detachNewThread { [self] in
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
        Thread.detachNewThread { [self] in
            Self.lowerThisThreadsPriority()
            takeItemsUntilWanted()
        }
    }

    /// The work's value, once it has finished; its error if it failed. The calling thread
    /// and every core help with the loop the work is in meanwhile.
    func value() throws(WorkspaceError) -> Value {
        wanted.store(true, ordering: .sequentiallyConsistent)
        state.lock()
        state.broadcast()
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

    /// The helper's life: the items of each loop while nothing waits for the work. When
    /// the work ends before anything waits for it, the helper gives back what its items
    /// freed, still at its own priority and before the other step's memory peaks.
    private func takeItemsUntilWanted() {
        var last: Batch?
        state.lock()
        while result == nil, !wanted.load(ordering: .sequentiallyConsistent) {
            if let batch, batch !== last {
                last = batch
                state.unlock()
                batch.run { self.wanted.load(ordering: .relaxed) }
                state.lock()
            } else {
                state.wait()
            }
        }
        let endedAlone = result != nil && !wanted.load(ordering: .sequentiallyConsistent)
        state.unlock()
        if endedAlone { Self.returnFreedMemory() }
    }

    /// Runs loops of the work's thread.
    struct Loop: Sendable {
        fileprivate let work: BackgroundWork

        /// Calls `body` once for each of `0..<count`, in any order and on any thread, and
        /// returns when every call has returned. `body` is never called after that. It
        /// must not spread work over threads itself: a thread the helper starts keeps the
        /// helper's priority for good.
        func forEach(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
            guard count > 0 else { return }
            let batch = Batch(count: count, body: body)
            work.state.lock()
            work.batch = batch
            work.state.broadcast()
            work.state.unlock()
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

        /// Takes items until none is left, or until `stop` says so.
        func run(until stop: () -> Bool = { false }) {
            while !stop() {
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

    /// The helper's items leave what they freed in the helper's own malloc arena, which
    /// the threads that go on allocating do not use: glibc's `malloc_trim` gives it back
    /// to the system, so that it does not add to the command's peak memory. It is looked
    /// up at run time because Swift's Glibc module leaves out `malloc.h`.
    private static func returnFreedMemory() {
        #if os(Linux)
            typealias Trim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// On Linux a nice value belongs to one thread, and `0` names the calling one. The
    /// lowest priority is for good (an unprivileged thread cannot raise it again), which
    /// is why the helper stops taking items once the work's value is wanted.
    private static func lowerThisThreadsPriority() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }
}

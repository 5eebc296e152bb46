import ADRGit
import Foundation

/// Finds the log folder's subtree in root trees handed over while the commit graph is
/// still being read, on a thread of its own.
///
/// Reading the graph is one thread's work (each commit names its parents), and it was
/// most of a cold scan; the subtrees were then read after it, on every core. Read beside
/// it instead, on the core the graph leaves free, they cost the scan no time of its own
/// on two cores. Trees it did not get to, or could not read, are left out: the caller
/// reads them on every core, and meets any error there.
final class SubtreeReader: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`: root trees handed over and not yet taken.
    private var pending: [ObjectID] = []
    /// Guarded by `condition`: stop without reading what is pending.
    private var cancelled = false
    /// Guarded by `condition`, written once when the thread ends.
    private var found: [ObjectID: ObjectID?] = [:]
    private let finished = DispatchSemaphore(value: 0)

    /// Starts a reader for `folder` in the repository at `location`; `nil` on a single
    /// core, where there is nothing to gain.
    static func start(in location: String, folder: String) -> SubtreeReader? {
        guard ProcessInfo.processInfo.activeProcessorCount > 1 else { return nil }
        let reader = SubtreeReader()
        Thread.detachNewThread {
            defer { reader.finished.signal() }
            reader.run(location, folder)
        }
        return reader
    }

    /// Hands over root trees to look in.
    func add(_ trees: [ObjectID]) {
        guard !trees.isEmpty else { return }
        condition.withLock {
            pending += trees
            condition.signal()
        }
    }

    /// Stops after the tree being read and returns the subtree found in each root tree
    /// read so far (`nil` when the folder is not there). The graph is read by then: the
    /// trees left are the caller's to read on every core, not this one thread's.
    func finish() -> [ObjectID: ObjectID?] {
        cancel()
        return condition.withLock { found }
    }

    /// Stops after the tree being read, dropping the rest.
    func cancel() {
        condition.withLock {
            cancelled = true
            condition.signal()
        }
        finished.wait()
    }

    private func run(_ location: String, _ folder: String) {
        guard let repository = try? Repository(at: location) else { return }
        var finder = FolderFinder(folder, in: repository)
        var subtrees: [ObjectID: ObjectID?] = [:]
        defer { condition.withLock { found = subtrees } }
        while true {
            let batch: [ObjectID]? = condition.withLock {
                while pending.isEmpty, !cancelled { condition.wait() }
                if cancelled { return nil }
                defer { pending = [] }
                return pending
            }
            guard let batch else { return }
            for tree in batch {
                if condition.withLock({ cancelled }) { return }
                guard let subtree = try? finder.subtree(inRoot: tree) else { continue }
                subtrees[tree] = .some(subtree)
            }
        }
    }
}

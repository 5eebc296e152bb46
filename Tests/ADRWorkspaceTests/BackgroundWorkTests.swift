import Foundation
import Synchronization
import Testing

@testable import ADRWorkspace

/// Work on a thread of its own: every item of its loops done once, whether its value is
/// asked for at once (and the caller helps) or after the work has finished alone.
@Suite struct BackgroundWorkTests {
    /// Counts how often each item ran.
    final class Tally: Sendable {
        let counts: Mutex<[Int]>
        init(_ count: Int) { counts = Mutex(Array(repeating: 0, count: count)) }
        func add(_ index: Int) { counts.withLock { $0[index] += 1 } }
        var values: [Int] { counts.withLock { $0 } }
    }

    @Test(arguments: [false, true])
    func everyItemOfEveryLoopRunsOnce(askingAtOnce: Bool) throws {
        let first = Tally(500)
        let second = Tally(3)
        let work = BackgroundWork { loop throws(WorkspaceError) -> Int in
            loop.forEach(count: 500) { index in
                // Slow enough that a caller asking at once finds the loop unfinished.
                usleep(50)
                first.add(index)
            }
            loop.forEach(count: 0) { _ in Issue.record("an empty loop ran an item") }
            loop.forEach(count: 3) { second.add($0) }
            return 42
        }
        if !askingAtOnce { usleep(200_000) }
        #expect(try work.value() == 42)
        #expect(first.values == Array(repeating: 1, count: 500))
        #expect(second.values == [1, 1, 1])
        // Asked again, the value is the same.
        #expect(try work.value() == 42)
    }

    @Test func theWorksErrorIsItsValuesError() {
        let work = BackgroundWork { _ throws(WorkspaceError) -> Int in
            throw .invalidArgument("no log here")
        }
        do {
            _ = try work.value()
            Issue.record("the work's error was lost")
        } catch {
            #expect("\(error)".contains("no log here"))
        }
    }

    #if os(Linux)
        /// The work's loops take what the cores leave idle; the rest of the work, and the
        /// threads that help once its value is wanted, keep the usual priority.
        @Test func theLoopsItemsRunAtTheLowestPriorityUntilTheValueIsWanted() throws {
            let itemPriority = Mutex<Int32>(-1)
            let work = BackgroundWork { loop throws(WorkspaceError) -> Int32 in
                loop.forEach(count: 1) { _ in
                    let priority = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                    itemPriority.withLock { $0 = priority }
                }
                return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            }
            usleep(200_000)
            #expect(try work.value() == 0)
            #expect(itemPriority.withLock { $0 } == 19)
            #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == 0)
        }
    #endif
}

import Dispatch

/// Work over independent items on every core, results in order.
enum Parallel {
    static func map<T: Sendable>(count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each index is written by exactly one iteration.
            nonisolated(unsafe) let output = buffer
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let work = body
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    output[index] = work(index)
                }
            }
        }
        return results.map { $0! }
    }
}

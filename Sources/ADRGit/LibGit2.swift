internal import CLibGit2
import Foundation

/// Process-wide libgit2 state.
enum LibGit2 {
    /// Runs `git_libgit2_init()` exactly once, on first use; never shut down, because other
    /// threads may still hold repository handles while the process exits. A second thread
    /// that asks while the first is setting up waits for it.
    static let initialized: Void = {
        git_libgit2_init()
    }()
}

/// libgit2's one-time set-up, started early on another thread.
///
/// The set-up takes 50 million instructions (5 to 12 ms), nearly all of it Debian's libgit2
/// 1.5 having mbedTLS decode every certificate of the system's CA bundle (and libssh2 start
/// OpenSSL), whether or not the process will ever go near a network. Started before the
/// command line is parsed, it runs beside the parse and whatever the command reads first,
/// instead of before everything else. A process that ends while the thread runs must not
/// run exit handlers (the executable ends through `_exit`): OpenSSL registers one during
/// the set-up.
public enum GitSetUp {
    public static func startInBackground() {
        // On one core the thread would only take turns with the one that waits for it.
        guard sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 else { return }
        // A bare POSIX thread: nothing of Foundation's thread machinery is needed to start
        // it as early as possible.
        var thread = pthread_t()
        let started = pthread_create(
            &thread,
            nil,
            { _ in
                _ = LibGit2.initialized
                return nil
            },
            nil
        )
        if started == 0 { pthread_detach(thread) }
    }
}

/// Calls `body` with a `git_strarray` of copies of `strings`; the copies are freed after it.
@discardableResult
func withStringArray<T>(
    _ strings: [String],
    _ body: (UnsafeMutablePointer<git_strarray>) throws -> T
) rethrows -> T {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    var pointers = copies
    return try pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}

/// Copies a borrowed C string at once; `nil` stays `nil`.
func copiedString(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

internal import CLibGit2
internal import CLibGit2Certificates
import Foundation

/// Process-wide libgit2 state.
enum LibGit2 {
    /// Runs `git_libgit2_init()` exactly once, on first use; never shut down, because other
    /// threads may still hold repository handles while the process exits. A second thread
    /// that asks while the first is setting up waits for it.
    static let initialized: Void = {
        git_libgit2_init()
    }()

    /// Decodes the CA bundle that `git_libgit2_init` only noted (decision 21), once, before
    /// the first fetch or push: a remote over HTTPS verifies its certificate against it.
    static func loadCertificates() throws {
        _ = initialized
        try check(adr_git_load_certificates())
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

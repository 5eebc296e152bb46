internal import CLibGit2
import Foundation

/// Who made a commit or note, and when, copied out of a `git_signature`.
public struct Signature: Hashable, Sendable {
    /// The name as recorded (not mailmap-resolved).
    public var name: String
    /// The e-mail address as recorded.
    public var email: String
    /// Seconds since the Unix epoch.
    public var time: Int64
    /// The author's offset from UTC in minutes, as recorded (e.g. `120` for +0200).
    public var offsetMinutes: Int

    /// Creates a signature from its parts.
    public init(name: String, email: String, time: Int64, offsetMinutes: Int) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// Copies a borrowed `git_signature` at once.
    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = copiedString(value.name) ?? ""
        email = copiedString(value.email) ?? ""
        time = value.when.time
        offsetMinutes = Int(value.when.offset)
    }

    /// The moment as a `Date` (the offset is only needed to display local time).
    public var date: Date {
        Date(timeIntervalSince1970: TimeInterval(time))
    }

    /// Calls `body` with a temporary `git_signature` holding these values.
    func withGitSignature<T>(
        _ body: (UnsafePointer<git_signature>) throws -> T
    ) throws -> T {
        var signature: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&signature, name, email, time, Int32(offsetMinutes)))
        defer { git_signature_free(signature) }
        guard let signature else {
            throw GitError.failed(message: "no signature created", category: "object", code: -1)
        }
        return try body(signature)
    }
}

extension Repository {
    /// The configured `user.name` and `user.email` with the current time, or `nil` when
    /// git has no identity configured.
    public func defaultSignature() throws -> Signature? {
        var signature: UnsafeMutablePointer<git_signature>?
        let found = try check(
            git_signature_default(&signature, pointer),
            accepting: [GIT_ENOTFOUND]
        )
        defer { git_signature_free(signature) }
        guard found, let signature else { return nil }
        return Signature(signature)
    }
}

internal import CLibGit2

/// A `Key: value` trailer from the last paragraph of a commit message.
public struct Trailer: Hashable, Sendable {
    /// The key as written, e.g. `Signed-off-by`.
    public let key: String
    /// The value, with continuation lines joined as git does.
    public let value: String

    /// Creates a trailer.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// The trailers of `message`, in order, as `git interpret-trailers --parse` finds them.
    public static func all(in message: String) throws -> [Trailer] {
        _ = LibGit2.initialized
        var array = git_message_trailer_array()
        try check(git_message_trailers(&array, message))
        defer { git_message_trailer_array_free(&array) }
        guard let trailers = array.trailers else { return [] }
        // Keys and values point into the array's private buffer: copy before freeing.
        return UnsafeBufferPointer(start: trailers, count: array.count).map { trailer in
            Trailer(key: copiedString(trailer.key) ?? "", value: copiedString(trailer.value) ?? "")
        }
    }
}

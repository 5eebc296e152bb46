import ADRCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads files and applies change sets atomically: each file is written to a temporary
/// sibling and renamed over its target; a failure restores every file already touched.
enum FileStore {
    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    static func read(_ path: String) throws(WorkspaceError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, message: "cannot read the file")
        }
        // Invalid UTF-8 is repaired rather than refused: one odd byte must not hide a record.
        return String(decoding: data, as: UTF8.self)
    }

    /// The bytes of the file at `path`, `nil` when it cannot be read: one `read` into a
    /// buffer sized by `fstat`, without Foundation's `Data` on the way (a warm `adr log`
    /// reads its cache this way).
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }
            // Shorter than fstat said: the file changed under us, so it is not trusted.
            guard count > 0 else { return nil }
            filled += count
        }
        return bytes
    }

    /// Reads what fits of `descriptor` into `buffer`, again after an interrupted read:
    /// the count read, 0 at the end of the file, -1 on an error.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress!, buffer.count)
            if count < 0, errno == EINTR { continue }
            return count
        }
    }

    static func contents(ofDirectory path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    static func createDirectory(_ path: String) throws(WorkspaceError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path,
                withIntermediateDirectories: true
            )
        } catch {
            throw .io(
                path: path,
                message: "cannot create the folder (\(error.localizedDescription))"
            )
        }
    }

    /// Runs `body` holding an exclusive lock on the folder at `path`, so that concurrent
    /// `adr new` runs take numbers one at a time. The lock is released when the process
    /// ends, however it ends, and leaves no file behind.
    static func withLock<T>(on path: String, _ body: () throws(WorkspaceError) -> T)
        throws(WorkspaceError) -> T
    {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .io(path: path, message: "cannot open the folder to lock it (\(errnoText()))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw .io(path: path, message: "cannot lock the folder (\(errnoText()))")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Applies `changes` (absolute paths) or none of them.
    ///
    /// `failingAfter` makes the n-th step fail; tests use it to prove the rollback.
    static func apply(_ changes: ChangeSet, failingAfter: Int? = nil) throws(WorkspaceError) {
        for change in changes.changes {
            switch change {
            case .create(let path, _):
                if exists(path) { throw .concurrentChange(path: path) }
            case .update(let path, let expected, _), .delete(let path, let expected):
                guard exists(path), (try? read(path)) == expected else {
                    throw .concurrentChange(path: path)
                }
            }
        }
        var undo: [() -> Void] = []
        do throws(WorkspaceError) {
            for (step, change) in changes.changes.enumerated() {
                if let failingAfter, step >= failingAfter {
                    throw WorkspaceError.io(path: change.path, message: "simulated failure")
                }
                switch change {
                case .create(let path, let contents):
                    try createDirectory(parent(path))
                    try createExclusively(path, contents: contents)
                    undo.append { _ = unlink(path) }
                case .update(let path, let old, let new):
                    try replace(path, with: new)
                    undo.append { try? replace(path, with: old) }
                case .delete(let path, let old):
                    guard unlink(path) == 0 else {
                        throw WorkspaceError.io(
                            path: path,
                            message: "cannot delete (\(errnoText()))"
                        )
                    }
                    undo.append { try? replace(path, with: old) }
                }
            }
        } catch {
            for step in undo.reversed() { step() }
            throw error
        }
    }

    /// Creates `path` with `O_EXCL`: fails rather than overwrite a file another process made.
    static func createExclusively(_ path: String, contents: String) throws(WorkspaceError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .concurrentChange(path: path) }
            throw .io(path: path, message: "cannot create the file (\(errnoText()))")
        }
        let written = writeAll(descriptor, Array(contents.utf8))
        close(descriptor)
        guard written else {
            unlink(path)
            throw .io(path: path, message: "cannot write the file (\(errnoText()))")
        }
    }

    /// Writes `contents` to a temporary sibling of `path` and renames it over `path`.
    static func replace(_ path: String, with contents: String) throws(WorkspaceError) {
        let replacement = try Replacement(of: path)
        Array(contents.utf8).withUnsafeBytes { replacement.write($0) }
        try replacement.commit()
    }

    /// The new contents of a file, written to a temporary sibling that is renamed over the
    /// file on ``commit()``, or removed if the replacement is abandoned (or dropped): a
    /// reader sees the old file or the new one, never part of one.
    final class Replacement {
        let path: String
        /// The temporary file's path.
        private let temporary: String
        private var descriptor: Int32
        /// `false` once a write failed; the replacement can then only be abandoned.
        private var written = true

        /// Starts the replacement of `path`, keeping its permissions.
        init(of path: String) throws(WorkspaceError) {
            self.path = path
            var mode = stat()
            let permissions = stat(path, &mode) == 0 ? mode.st_mode & 0o7777 : 0o644
            (descriptor, temporary) = try Self.temporaryFile(beside: path)
            fchmod(descriptor, permissions)
        }

        /// A new file with a unique name beside `path`.
        private static func temporaryFile(beside path: String) throws(WorkspaceError)
            -> (descriptor: Int32, path: String)
        {
            let folder = FileStore.parent(path)
            let name = (path as NSString).lastPathComponent
            var template = Array("\(folder)/.\(name).adr-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                throw .io(path: path, message: "cannot create a temporary file (\(errnoText()))")
            }
            let temporary = String(
                decoding: template.dropLast().map { UInt8(bitPattern: $0) },
                as: UTF8.self
            )
            return (descriptor, temporary)
        }

        deinit { abandon() }

        func write(_ bytes: UnsafeRawBufferPointer) {
            guard written, descriptor >= 0 else { return }
            written = FileStore.writeAll(descriptor, bytes)
        }

        /// Puts the new contents in place, on disk before the rename.
        func commit() throws(WorkspaceError) {
            guard descriptor >= 0 else { return }
            written = written && fsync(descriptor) == 0
            close(descriptor)
            descriptor = -1
            guard written, rename(temporary, path) == 0 else {
                let reason = errnoText()
                unlink(temporary)
                throw .io(path: path, message: "cannot write the file (\(reason))")
            }
        }

        /// Leaves the file as it was.
        func abandon() {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
            unlink(temporary)
        }
    }

    private static func writeAll(_ descriptor: Int32, _ contents: [UInt8]) -> Bool {
        contents.withUnsafeBytes { writeAll(descriptor, $0) }
    }

    /// Writes all of `bytes`, again after a partial write or an interrupted one; `false`
    /// on any other failure.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    fileprivate static func parent(_ path: String) -> String { PathText.parent(path) }

    fileprivate static func errnoText() -> String { String(cString: strerror(errno)) }
}

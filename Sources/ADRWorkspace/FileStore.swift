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

    /// At most the first `maximum` bytes of the file at `path`, with the file's size;
    /// `nil` when it cannot be read. A larger file is not read past `maximum`.
    static func prefix(of path: String, maximum: Int) -> (bytes: [UInt8], size: Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return nil
        }
        let size = Int(status.st_size)
        var bytes = [UInt8](repeating: 0, count: min(size, maximum))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        // A file that shrank since fstat: what was there.
        bytes.removeSubrange(filled...)
        return (bytes, max(size, filled))
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
        // Foundation reports a file in the way as "NSCocoaErrorDomain error 512": name it.
        var ancestor = path
        while !ancestor.isEmpty, ancestor != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory) {
                if isDirectory.boolValue { break }
                throw .fileInTheWay(folder: path, file: ancestor)
            }
            let next = parent(ancestor)
            if next == ancestor { break }
            ancestor = next
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path,
                withIntermediateDirectories: true
            )
        } catch {
            throw .io(
                path: path,
                message: "cannot create the folder: \(systemMessage(of: error))"
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

    /// Applies `changes` (absolute paths) or none of them, even if the process dies at any
    /// instruction: with `journalFolder` and more than one change, a rollback journal is
    /// flushed there before the first file is replaced (see ``Journal``). Each file is
    /// written to a temporary sibling, flushed, and renamed over its target (a new file is
    /// linked to its name, which fails if the name is taken); deletions come last, so a
    /// renamed record is never missing; the folders are flushed before the journal goes.
    ///
    /// `failingAfter` makes the n-th step fail; tests use it to prove the rollback.
    static func apply(
        _ changes: ChangeSet,
        journalFolder: String? = nil,
        failingAfter: Int? = nil
    ) throws(WorkspaceError) {
        var planned: [Journal.Entry] = []
        for change in changes.changes {
            switch change {
            case .create(let path, let contents):
                if linkExists(path) { throw .concurrentChange(path: path) }
                planned.append(Journal.Entry(path: path, old: nil, new: Array(contents.utf8)))
            case .update(let path, let expected, _), .delete(let path, let expected):
                guard let bytes = contents(of: path) else { throw .concurrentChange(path: path) }
                var new: [UInt8]?
                if case .update(_, _, let contents) = change { new = Array(contents.utf8) }
                // Compared as bytes: text read with repairs must not pass for the file.
                if !bytes.elementsEqual(expected.utf8) {
                    guard let line = firstUndecodableLine(in: bytes) else {
                        throw .concurrentChange(path: path)
                    }
                    guard String(decoding: bytes, as: UTF8.self) == expected else {
                        throw .concurrentChange(path: path)
                    }
                    // A file that is not UTF-8 is edited around the edit, its other bytes
                    // kept; an edit that would rewrite the undecodable bytes is refused.
                    guard let new, let spliced = ByteSplice.edit(bytes, from: expected, to: new)
                    else { throw .undecodable(path: path, line: line) }
                    planned.append(Journal.Entry(path: path, old: bytes, new: spliced))
                    continue
                }
                planned.append(Journal.Entry(path: path, old: bytes, new: new))
            }
        }
        // Deletions last: a record renamed is written under its new name before the old
        // name goes, whatever else happens.
        planned = planned.filter { $0.new != nil } + planned.filter { $0.new == nil }
        var journalPath: String?
        if let journalFolder, planned.count > 1 {
            let path = PathText.join(journalFolder, Journal.fileName)
            let journal = Journal(
                entries: planned.map {
                    Journal.Entry(
                        path: PathText.relative($0.path, to: journalFolder),
                        old: $0.old,
                        new: $0.new
                    )
                }
            )
            try writeAtomically(path, journal.encoded(), exclusive: false)
            synchronizeDirectory(journalFolder)
            checkpoint()
            journalPath = path
        }
        var done: [Journal.Entry] = []
        var folders: Set<String> = []
        do throws(WorkspaceError) {
            for (step, entry) in planned.enumerated() {
                if let failingAfter, step >= failingAfter {
                    throw WorkspaceError.io(path: entry.path, message: "simulated failure")
                }
                if let new = entry.new {
                    if entry.old == nil { try createDirectory(parent(entry.path)) }
                    try writeAtomically(entry.path, new, exclusive: entry.old == nil)
                } else {
                    try remove(entry.path)
                    checkpoint()
                }
                done.append(entry)
                folders.insert(parent(entry.path))
            }
        } catch {
            try? Journal(entries: done).rollBack(relativeTo: "/")
            if let journalPath {
                _ = unlink(journalPath)
                synchronizeDirectory(parent(journalPath))
            }
            throw error
        }
        for folder in folders.sorted() { synchronizeDirectory(folder) }
        checkpoint()
        if let journalPath {
            try remove(journalPath)
            synchronizeDirectory(parent(journalPath))
            checkpoint()
        }
    }

    /// The line of the first bytes that are not UTF-8, `nil` when all of them are.
    static func firstUndecodableLine(in bytes: [UInt8]) -> Int? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        for (index, line) in bytes.split(
            separator: UInt8(ascii: "\n"),
            omittingEmptySubsequences: false
        )
        .enumerated() where String(validating: line, as: UTF8.self) == nil {
            return index + 1
        }
        return 1
    }

    /// Writes `bytes` to a temporary sibling of `path`, flushes it, then renames it over
    /// `path`, or with `exclusive` links it to `path`, failing if the name is taken. A
    /// reader sees the old file or the new one, never part of one; the folder itself is
    /// flushed by the caller.
    static func writeAtomically(
        _ path: String,
        _ bytes: [UInt8],
        exclusive: Bool,
        checkpoints: Bool = true
    ) throws(WorkspaceError) {
        let (descriptor, temporary) = try Replacement.temporaryFile(beside: path)
        var mode = stat()
        fchmod(descriptor, !exclusive && stat(path, &mode) == 0 ? mode.st_mode & 0o7777 : 0o644)
        let written = writeAll(descriptor, bytes) && fsync(descriptor) == 0
        let reason = errnoText()
        close(descriptor)
        guard written else {
            unlink(temporary)
            throw .io(path: path, message: "cannot write the file (\(reason))")
        }
        if checkpoints { checkpoint() }
        if exclusive {
            guard link(temporary, path) == 0 else {
                let error = errno
                unlink(temporary)
                if error == EEXIST { throw .concurrentChange(path: path) }
                // A file system without hard links: create the name exclusively instead.
                try createExclusively(path, contents: bytes)
                if checkpoints { checkpoint() }
                return
            }
            if checkpoints { checkpoint() }
            unlink(temporary)
        } else {
            guard rename(temporary, path) == 0 else {
                let reason = errnoText()
                unlink(temporary)
                throw .io(path: path, message: "cannot write the file (\(reason))")
            }
        }
        if checkpoints { checkpoint() }
    }

    /// Removes the file (or link) at `path`.
    static func remove(_ path: String) throws(WorkspaceError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw .io(path: path, message: "cannot delete (\(errnoText()))")
        }
    }

    /// What `path` names, without following a symbolic link: `nil` when nothing does.
    static func kind(of path: String) -> FileKind? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    enum FileKind { case regular, directory, symbolicLink, other }

    /// Whether `path` names a symbolic link (not followed).
    static func isSymbolicLink(_ path: String) -> Bool { kind(of: path) == .symbolicLink }

    /// Whether anything, a dangling symbolic link included, has the name `path`.
    static func linkExists(_ path: String) -> Bool { kind(of: path) != nil }

    /// Flushes a folder's entries (names created, renamed or removed) to disk.
    static func synchronizeDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Every name in the folder at `path`, hidden ones included, unsorted; empty when it
    /// cannot be read.
    static func allNames(inDirectory path: String) -> [String] {
        entries(inDirectory: path).map(\.name)
    }

    /// Whether the folder at `path` holds a name for which `matches` is true, given the
    /// name's bytes: no `String` is made for the names that do not match.
    static func containsName(
        inDirectory path: String,
        where matches: (UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let found = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return matches(UnsafeBufferPointer(rebasing: bytes[..<length]))
            }
            if found { return true }
        }
        return false
    }

    /// The names in the folder at `path`, dot files included, unsorted, each with whether
    /// it is a folder itself (not through a symbolic link), as `readdir` says without a
    /// `stat` per name where the file system tells.
    static func entries(inDirectory path: String) -> [(name: String, isDirectory: Bool)] {
        entries(inDirectory: path) { _, _ in true }
    }

    /// ``entries(inDirectory:)`` with only the names `keep` accepts, given the name's bytes
    /// and whether it may be a folder: no `String` is made for the others.
    static func entries(
        inDirectory path: String,
        where keep: (_ name: UnsafeBufferPointer<UInt8>, _ mayBeDirectory: Bool) -> Bool
    ) -> [(name: String, isDirectory: Bool)] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var entries: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(directory) {
            let type = entry.pointee.d_type
            let name: String? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                let name = UnsafeBufferPointer(rebasing: bytes[..<length])
                if name.elementsEqual(".".utf8) || name.elementsEqual("..".utf8) { return nil }
                guard keep(name, type == UInt8(DT_DIR) || type == UInt8(DT_UNKNOWN)) else {
                    return nil
                }
                return String(decoding: name, as: UTF8.self)
            }
            guard let name else { continue }
            var isDirectory = type == UInt8(DT_DIR)
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isDirectory =
                    lstat(PathText.join(path, name), &info) == 0
                    && (info.st_mode & S_IFMT) == S_IFDIR
            }
            entries.append((name, isDirectory))
        }
        return entries
    }

    /// A crash point for the kill tests: with `ADR_TEST_CRASH_AT_STEP=N` in the environment,
    /// the process kills itself at the N-th point of a write (counted from 1), as a power cut
    /// or `kill -9` would stop it. Never set outside tests.
    static func checkpoint() {
        guard let crashStep else { return }
        checkpointsPassed += 1
        if checkpointsPassed == crashStep { kill(getpid(), SIGKILL) }
    }

    private static let crashStep: Int? = getenv("ADR_TEST_CRASH_AT_STEP").flatMap {
        Int(String(cString: $0))
    }

    nonisolated(unsafe) private static var checkpointsPassed = 0

    /// Creates `path` with `O_EXCL`: fails rather than overwrite a file another process made.
    static func createExclusively(_ path: String, contents: String) throws(WorkspaceError) {
        try createExclusively(path, contents: Array(contents.utf8))
    }

    static func createExclusively(_ path: String, contents: [UInt8]) throws(WorkspaceError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .concurrentChange(path: path) }
            throw .io(path: path, message: "cannot create the file (\(errnoText()))")
        }
        let written = writeAll(descriptor, contents) && fsync(descriptor) == 0
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
        static func temporaryFile(beside path: String) throws(WorkspaceError)
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

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// The operating system's words for a Foundation file error ("Permission denied", "No
    /// space left on device"), not "The operation could not be completed".
    static func systemMessage(of error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(nsError.code)))
        }
        return nsError.localizedDescription
    }
}

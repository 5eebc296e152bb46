import ADRGit
import Foundation

/// The last output of `adr log` over the whole log, kept in the git directory with a key
/// naming everything it was made from, so that a rerun with nothing new copies it rather
/// than rendering every event again (decision 14).
///
/// The key holds the `adr` binary, `HEAD`, the log folder, the mailmap, the notes
/// reference and what it points to, the approval trailer keys, and the options. Anything
/// else that changed means another key, and the command renders as usual and replaces the
/// file; a missing, damaged or foreign file is only a miss. One file per output format.
public struct LogOutputCache: Sendable {
    /// Bumped whenever the file's shape changes.
    static let version = 1

    /// Where the output is kept.
    public let path: String
    /// One line of text; equal keys mean equal outputs.
    public let key: String

    /// The first bytes of the file: a header line naming the version and the key's
    /// length, then the key. The output follows, then ``trailerLength`` bytes: the
    /// output's length (64-bit, little-endian) and ``endMark``, which a file cut short
    /// lacks.
    private var header: [UInt8] {
        let key = Array(key.utf8)
        return Array("adr-log-output\t\(Self.version)\t\(key.count)\n".utf8) + key
    }

    private static let endMark = Array("adr-end\n".utf8)
    private static let trailerLength = 8 + endMark.count

    /// Hands the stored output to `write` when it was made from this key's inputs, and
    /// says whether it did; nothing is written otherwise.
    ///
    /// The output is copied through one small buffer: reading a long log's megabytes into
    /// memory first cost more in page faults than the copy itself.
    public func replay(to write: (UnsafeRawBufferPointer) -> Void) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        let header = header
        let outputLength = Int(status.st_size) - header.count - Self.trailerLength
        guard outputLength >= 0 else { return false }
        // A file whose trailer does not state its length is damaged: nothing is written.
        var trailer = [UInt8](repeating: 0, count: Self.trailerLength)
        let trailerRead = trailer.withUnsafeMutableBytes {
            pread(descriptor, $0.baseAddress!, $0.count, off_t(status.st_size) - off_t($0.count))
        }
        guard trailerRead == Self.trailerLength, trailer.suffix(8).elementsEqual(Self.endMark),
            trailer.withUnsafeBytes({ UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) })
                == UInt64(outputLength)
        else { return false }
        var buffer = [UInt8](repeating: 0, count: max(1 << 18, header.count))
        var filled = buffer.withUnsafeMutableBytes { FileStore.read(descriptor, into: $0) }
        guard filled >= header.count, buffer[..<header.count].elementsEqual(header) else {
            return false
        }
        var remaining = outputLength
        var start = header.count
        while remaining > 0 {
            let count = min(remaining, filled - start)
            buffer.withUnsafeBytes { bytes in
                write(UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]))
            }
            remaining -= count
            guard remaining > 0 else { break }
            filled = buffer.withUnsafeMutableBytes { FileStore.read(descriptor, into: $0) }
            start = 0
            // The length was checked, so only a failing disk ends here, with some written.
            guard filled > 0 else { break }
        }
        return true
    }

    /// Starts keeping an output for the next run: hand it every piece of the output, then
    /// ``Recording/keep()`` or ``Recording/discard()`` it. `nil` when the git directory
    /// cannot be written, which only costs the next run the rendering.
    public func record() -> Recording? {
        try? FileStore.createDirectory(PathText.parent(path))
        guard let file = try? FileStore.Replacement(of: path, unnamed: true) else { return nil }
        header.withUnsafeBytes { file.write($0) }
        return Recording(file: file)
    }

    /// An output on its way to the cache file, written as it is made rather than held in
    /// memory: a long log's JSON is megabytes.
    public final class Recording {
        private let file: FileStore.Replacement
        private var length: UInt64 = 0

        fileprivate init(file: FileStore.Replacement) {
            self.file = file
        }

        public func write(_ bytes: UnsafeRawBufferPointer) {
            file.write(bytes)
            length += UInt64(bytes.count)
        }

        /// Puts the output in place for the next run.
        public func keep() {
            withUnsafeBytes(of: length.littleEndian) { file.write($0) }
            LogOutputCache.endMark.withUnsafeBytes { file.write($0) }
            try? file.commit()
        }

        /// Leaves the previous cache file as it was.
        public func discard() { file.abandon() }
    }

    /// What identifies this build of `adr`: a rebuilt binary may render differently.
    /// `nil` when the binary cannot be found, and then nothing is cached.
    static let binaryIdentity: String? = {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return nil }
        return "\(status.st_dev):\(status.st_ino):\(status.st_size):"
            + "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }()
}

extension Workspace {
    /// The output cache of `adr log` in `format` with `--since since`, keyed by the state
    /// of the repository now; `nil` when there is nothing to key it by (no repository, no
    /// commit yet, a shallow clone, whose output warns) or a git error says not to trust it.
    public func logOutputCache(format: String, since: String?) -> LogOutputCache? {
        guard let binary = LogOutputCache.binaryIdentity,
            let repository = try? Repository(discoveringFrom: options.workingDirectory),
            !repository.isShallow,
            let workdir = repository.workdir,
            let head = try? repository.head,
            let mailmap = try? repository.mailmapFingerprint()
        else { return nil }
        let settings = location.configuration.approvals
        let notes: ObjectID?
        do {
            notes = try repository.referenceTarget(settings.notesReference)
        } catch {
            return nil
        }
        let fields = [
            binary, head.hex, historyFolder(inWorkdir: workdir), mailmap.hex,
            settings.notesReference, notes?.hex ?? "-",
            settings.trailerKeys.joined(separator: "\u{1}"), format, since ?? "-",
        ]
        return LogOutputCache(
            path: repository.gitDirectory + "adr/log-output-" + format,
            key: fields.joined(separator: "\t")
        )
    }
}

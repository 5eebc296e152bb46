import ADRCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rollback journal of a change to several files (decision 16): each file's path, its
/// old bytes or absence and its new bytes or deletion, written and flushed to disk in the
/// log folder before the first file is replaced, and removed once every file is in place.
/// A journal found later belongs to a command that died midway; it is rolled back, so a
/// planned change is either wholly there or wholly absent.
struct Journal: Equatable {
    struct Entry: Equatable {
        /// Relative to the folder the journal lives in, so a moved checkout still recovers.
        var path: String
        /// `nil`: the file did not exist before the change.
        var old: [UInt8]?
        /// `nil`: the change deletes the file.
        var new: [UInt8]?
    }

    var entries: [Entry]

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// The journal's name in the log folder; hidden, so no command takes it for a record.
    static let fileName = ".adr-journal"

    private static let magic = "adr-journal 1\n"

    // MARK: Encoding

    /// Lengths before bytes, so contents may hold anything; a checksum at the end tells a
    /// whole journal from a torn one.
    func encoded() -> [UInt8] {
        var bytes = Array(Self.magic.utf8)
        func field(_ name: String, _ value: [UInt8]?) {
            bytes += Array("\(name) \(value.map { String($0.count) } ?? "-")\n".utf8)
            if let value { bytes += value }
            bytes.append(UInt8(ascii: "\n"))
        }
        for entry in entries {
            field("path", Array(entry.path.utf8))
            field("old", entry.old)
            field("new", entry.new)
        }
        bytes += Array("end \(String(Self.checksum(bytes[...]), radix: 16))\n".utf8)
        return bytes
    }

    /// The journal `bytes` hold; `nil` when they are not a whole journal (a write cut
    /// short, which can only happen before any file was replaced).
    init?(decoding bytes: [UInt8]) {
        var index = 0
        func line() -> String? {
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            defer { index = end + 1 }
            return String(validating: bytes[index..<end], as: UTF8.self)
        }
        func field(_ name: String) -> [UInt8]?? {
            guard let header = line(), header.hasPrefix(name + " ") else { return nil }
            let length = header.dropFirst(name.count + 1)
            if length == "-" {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\n") else { return nil }
                index += 1
                return .some(nil)
            }
            guard let count = Int(length), count >= 0, count < bytes.count - index,
                bytes[index + count] == UInt8(ascii: "\n")
            else { return nil }
            defer { index += count + 1 }
            return .some(Array(bytes[index..<index + count]))
        }
        guard bytes.starts(with: Self.magic.utf8) else { return nil }
        index = Self.magic.utf8.count
        var entries: [Entry] = []
        while index < bytes.count, !bytes[index...].starts(with: "end ".utf8) {
            guard let path = field("path"), let pathBytes = path,
                let pathText = String(validating: pathBytes, as: UTF8.self),
                let old = field("old"), let new = field("new")
            else { return nil }
            entries.append(Entry(path: pathText, old: old, new: new))
        }
        let body = bytes[..<index]
        guard let end = line(), index == bytes.count,
            end == "end \(String(Self.checksum(body), radix: 16))"
        else { return nil }
        self.entries = entries
    }

    /// FNV-1a, 64 bits: enough to notice a torn write, which is all it is for.
    private static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash = ContentHash()
        hash.add(bytes)
        return hash.value
    }

    // MARK: Recovery

    /// Rolls back what a journal in `folder` describes and removes the temporary files adr
    /// left there, under the folder's lock. Cheap when there is nothing to do: one listing
    /// of the folder, no lock. Every command calls it before it reads or writes the log.
    static func recover(in folder: String) throws(WorkspaceError) {
        guard needsRecovery(in: folder) else { return }
        try FileStore.withLock(on: folder) { () throws(WorkspaceError) in
            try recoverHoldingLock(in: folder)
        }
    }

    /// Whether `folder` holds a journal or a temporary file of adr.
    static func needsRecovery(in folder: String) -> Bool {
        let journal = Array(fileName.utf8)
        return FileStore.containsName(inDirectory: folder) { name in
            // Both kinds of name start with a dot, as few others in a log do.
            name.first == UInt8(ascii: ".")
                && (name.elementsEqual(journal) || isTemporaryName(bytes: name))
        }
    }

    /// As ``recover(in:)`` for a caller that already holds the lock: a writer, which must
    /// not start from a half-applied change.
    static func recoverHoldingLock(in folder: String) throws(WorkspaceError) {
        let path = PathText.join(folder, fileName)
        if let bytes = FileStore.contents(of: path) {
            // A journal that is not whole never reached its final name complete, so no file
            // was replaced after it: there is nothing to roll back.
            if let journal = Journal(decoding: bytes) {
                try journal.rollBack(relativeTo: folder)
            }
            try FileStore.remove(path)
            FileStore.synchronizeDirectory(folder)
        } else if FileStore.exists(path) {
            throw .io(path: path, message: "cannot read adr's journal (\(FileStore.errnoText()))")
        }
        removeTemporaryFiles(in: folder)
    }

    /// Puts back every file's old contents (or absence). Safe to repeat: a file already as
    /// it was is left alone, so a rollback cut short by another crash is finished later.
    func rollBack(relativeTo folder: String) throws(WorkspaceError) {
        var folders: Set<String> = []
        for entry in entries.reversed() {
            let path = PathText.absolute(entry.path, from: folder)
            folders.insert(PathText.parent(path))
            if let old = entry.old {
                if FileStore.contents(of: path) != old {
                    try FileStore.writeAtomically(path, old, exclusive: false, checkpoints: false)
                }
            } else if FileStore.linkExists(path) {
                try FileStore.remove(path)
            }
        }
        for folder in folders.sorted() { FileStore.synchronizeDirectory(folder) }
    }

    /// `.NAME.adr-XXXXXX`, the name `mkstemp` gives adr's temporary files.
    static func isTemporaryName(_ name: String) -> Bool {
        Array(name.utf8).withUnsafeBufferPointer { isTemporaryName(bytes: $0) }
    }

    private static func isTemporaryName(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > 12, bytes[0] == UInt8(ascii: "."),
            bytes[bytes.count - 11..<bytes.count - 6].elementsEqual(".adr-".utf8)
        else { return false }
        return bytes.suffix(6).allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        }
    }

    /// Removes adr's temporary files in `folder` and in the record folders just inside it
    /// (`<slug>/index.md` logs). Only under the lock: a live writer holds it.
    /// The names are judged as bytes: a log of thousands of records has none to remove.
    private static func removeTemporaryFiles(in folder: String) {
        let candidates = FileStore.entries(inDirectory: folder) { name, mayBeDirectory in
            isTemporaryName(bytes: name) || (mayBeDirectory && name.first != UInt8(ascii: "."))
        }
        for (name, isDirectory) in candidates {
            let path = PathText.join(folder, name)
            if isTemporaryName(name) {
                _ = unlink(path)
            } else if isDirectory {
                let inner = FileStore.entries(inDirectory: path) { name, _ in
                    isTemporaryName(bytes: name)
                }
                for (name, _) in inner { _ = unlink(PathText.join(path, name)) }
            }
        }
    }
}

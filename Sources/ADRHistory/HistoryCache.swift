import ADRCore
import ADRGit
import Foundation
import OrderedCollections

/// The scan state saved in the git directory, so the next run walks only new commits.
///
/// Anything unexpected (another version, a corrupt or truncated file, another log folder)
/// means "no cache": a full scan is always correct, only slower.
public enum HistoryCache {
    /// Bumped whenever the stored shape or what the scanner records changes.
    static let version = 6

    public static func path(in repository: Repository) -> String {
        repository.gitDirectory + "adr/history-cache"
    }

    /// The first line of the file, readable by a person who opens it: its format and version.
    public static var header: String { "adr-history-cache\t\(version)\n" }

    /// Reads the cache; `nil` when there is none or it is not one this version wrote for
    /// `folder`.
    ///
    /// The file is binary because reading it is most of a warm `adr log`: after the header
    /// line come little-endian numbers, 32-bit unless said otherwise. First the string
    /// table (a count, then each string as a byte length and UTF-8 bytes), where every
    /// text below is a number; then the head, the folder, the mailmap fingerprint, the next walk order (64-bit),
    /// the identities (a count, then index and path pairs) and the histories (a count,
    /// then for each a revision count and the revisions, see ``Reader/revision()``). A
    /// history repeats its people, paths and trailers many times: the table makes each
    /// string once.
    public static func load(from path: String, folder: String) -> HistoryState? {
        guard let state = state(atPath: path), state.folder == folder else { return nil }
        return state
    }

    /// The cache at `path` for whatever folder it was written.
    private static func state(atPath path: String) -> HistoryState? {
        guard let bytes = contents(of: path) else { return nil }
        return bytes.withUnsafeBytes { decode($0) }
    }

    /// The bytes of the file at `path`, `nil` when it cannot be read. Read with plain
    /// `read` calls: Foundation's `FileManager.contents(atPath:)` leaks a 4 KiB buffer for
    /// every empty file it reads, and an empty cache is one the tests read on purpose.
    private static func contents(of path: String) -> [UInt8]? {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// The history a cache file's `bytes` hold, `nil` when they are not one: whatever the
    /// bytes, this returns (the fuzzer feeds it anything).
    public static func state(decoding bytes: [UInt8]) -> HistoryState? {
        bytes.withUnsafeBytes { decode($0) }
    }

    private static func decode(_ raw: UnsafeRawBufferPointer) -> HistoryState? {
        guard raw.starts(with: header.utf8) else { return nil }
        var reader = Reader(bytes: UnsafeRawBufferPointer(rebasing: raw[header.utf8.count...]))
        return reader.state()
    }

    /// Writes through a temporary file renamed over the cache, so a reader never sees half
    /// a file; a failure to write only costs the next run a full scan.
    public static func save(_ state: HistoryState, to path: String) {
        guard let head = state.head else { return }
        // The table comes first in the file, so it is filled in a first pass and the rest
        // is written in a second, straight to the file in chunks.
        var table = StringTable()
        let identities = state.identities.sorted(by: { $0.key < $1.key })
        for (path, _) in identities { table.add(path) }
        for history in state.histories {
            for revision in history { table.add(texts(of: revision)) }
        }
        table.add(head.hex)
        table.add(state.folder)
        table.add(state.mailmap)
        var writer = Writer()
        writer.write(state, head: head, identities: identities, table: table)
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try? Data(writer.bytes).write(to: url, options: .atomic)
    }

    /// A revision's texts in the order they are stored; `nil` for an absent optional.
    fileprivate static func texts(of revision: RecordRevision) -> [String?] {
        [
            revision.commit, revision.author.name, revision.author.email,
            revision.committer.name, revision.committer.email, revision.date, revision.summary,
            revision.change.rawValue, revision.path, revision.oldPath, revision.status?.name,
            revision.blob, revision.textHash,
        ] + revision.trailers.flatMap { [$0.key, $0.value] }
    }

    /// The number written for an absent optional text.
    fileprivate static let absent = UInt32.max

    /// Distinct strings in order of first use.
    private struct StringTable {
        private(set) var strings: OrderedSet<String> = []

        mutating func add(_ string: String) { strings.append(string) }

        mutating func add(_ texts: [String?]) {
            for case let text? in texts { add(text) }
        }

        subscript(string: String) -> Int { strings.firstIndex(of: string)! }

        func number(_ text: String?) -> UInt32 {
            text.map { UInt32(self[$0]) } ?? HistoryCache.absent
        }
    }

    /// Encodes the whole file into one buffer.
    private struct Writer {
        var bytes: [UInt8] = []

        mutating func number(_ value: Int) { number(UInt32(value)) }

        mutating func number(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }

        mutating func wide(_ value: Int64) {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }

        /// Thirteen text numbers (see ``HistoryCache/texts(of:)``), the time (64-bit), the
        /// walk order, the trailer count and a key and value number per trailer.
        mutating func revision(_ revision: RecordRevision, table: StringTable) {
            let texts = HistoryCache.texts(of: revision)
            for text in texts.prefix(13) { number(table.number(text)) }
            wide(revision.time)
            number(revision.order)
            number(revision.trailers.count)
            for text in texts.dropFirst(13) { number(table.number(text)) }
        }

        mutating func write(
            _ state: HistoryState,
            head: ObjectID,
            identities: [(key: String, value: Int)],
            table: StringTable
        ) {
            bytes += HistoryCache.header.utf8
            number(table.strings.count)
            for string in table.strings {
                number(string.utf8.count)
                bytes += string.utf8
            }
            number(table[head.hex])
            number(table[state.folder])
            number(table[state.mailmap])
            wide(Int64(state.nextOrder))
            number(identities.count)
            for (path, index) in identities {
                number(index)
                number(table[path])
            }
            number(state.histories.count)
            for history in state.histories {
                number(history.count)
                for revision in history {
                    self.revision(revision, table: table)
                }
            }
        }
    }

    /// Decodes the file after its header, checking every length and number against what
    /// is there: a truncated or damaged file reads as `nil`, never out of bounds.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        private var position = 0
        private var strings: [String] = []

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        mutating func state() -> HistoryState? {
            // Every count is checked against the bytes left for that many entries of the
            // smallest size before anything is reserved: a damaged count must not reserve
            // gigabytes (found by `make fuzz`).
            guard let count = number(), count <= remaining / 4 else { return nil }
            strings.reserveCapacity(count)
            for _ in 0..<count {
                guard let length = number(), length <= bytes.count - position else { return nil }
                let start = bytes.baseAddress! + position
                strings.append(
                    String(
                        decoding: UnsafeRawBufferPointer(start: start, count: length),
                        as: UTF8.self
                    )
                )
                position += length
            }
            guard let headHex = string(), let head = ObjectID(hex: headHex),
                let folder = string(), let mailmap = string(), let nextOrder = wide(),
                nextOrder >= 0,
                let identityCount = number(), identityCount <= remaining / 8
            else { return nil }
            var identities: [String: Int] = [:]
            identities.reserveCapacity(identityCount)
            for _ in 0..<identityCount {
                guard let index = number(), let path = string() else { return nil }
                identities[path] = index
            }
            guard let historyCount = number(), historyCount <= remaining / 4 else { return nil }
            var histories: [[RecordRevision]] = []
            histories.reserveCapacity(historyCount)
            for _ in 0..<historyCount {
                guard let revisionCount = number(),
                    revisionCount <= remaining / Self.smallestRevision
                else {
                    return nil
                }
                var history: [RecordRevision] = []
                history.reserveCapacity(revisionCount)
                for _ in 0..<revisionCount {
                    guard let revision = revision() else { return nil }
                    history.append(revision)
                }
                histories.append(history)
            }
            guard position == bytes.count else { return nil }
            return HistoryState(
                head: head,
                folder: folder,
                mailmap: mailmap,
                identities: identities,
                histories: histories,
                nextOrder: Int(nextOrder)
            )
        }

        /// The bytes not read yet.
        private var remaining: Int { bytes.count - position }

        /// The fewest bytes a revision takes: thirteen string numbers, its time, its order
        /// and its trailer count.
        private static let smallestRevision = 13 * 4 + 8 + 4 + 4

        private mutating func number() -> Int? {
            guard bytes.count - position >= 4 else { return nil }
            let value = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
            position += 4
            return Int(UInt32(littleEndian: value))
        }

        private mutating func wide() -> Int64? {
            guard bytes.count - position >= 8 else { return nil }
            let value = bytes.loadUnaligned(fromByteOffset: position, as: Int64.self)
            position += 8
            return Int64(littleEndian: value)
        }

        /// A table string.
        private mutating func string() -> String? {
            guard let number = number(), number < strings.count else { return nil }
            return strings[number]
        }

        /// A table string, or `nil` inside `.some` for an absent one.
        private mutating func optionalString() -> String?? {
            guard let number = number() else { return nil }
            if number == Int(HistoryCache.absent) { return .some(nil) }
            guard number < strings.count else { return nil }
            return .some(strings[number])
        }

        /// The kinds of change and the statuses met so far, by string number: a log has a
        /// handful of each, and parsing the name again for every revision was a fifth of
        /// reading the cache.
        private var changes: [Int: RecordChange] = [:]
        private var statuses: [Int: RecordStatus] = [:]

        private mutating func change() -> RecordChange? {
            guard let number = number(), number < strings.count else { return nil }
            if let known = changes[number] { return known }
            let change = RecordChange(rawValue: strings[number])
            changes[number] = change
            return change
        }

        /// A status, or `nil` inside `.some` for none.
        private mutating func status() -> RecordStatus?? {
            guard let number = number() else { return nil }
            if number == Int(HistoryCache.absent) { return .some(nil) }
            guard number < strings.count else { return nil }
            if let known = statuses[number] { return known }
            let status = RecordStatus(name: strings[number])
            statuses[number] = status
            return status
        }

        private mutating func revision() -> RecordRevision? {
            guard let commit = string(), let authorName = string(), let authorEmail = string(),
                let committerName = string(), let committerEmail = string(),
                let date = string(), let summary = string(), let change = change(),
                let path = string(), let oldPath = optionalString(),
                let status = status(), let blob = optionalString(),
                let textHash = optionalString(), let time = wide(), let order = number(),
                let trailerCount = number(), trailerCount <= remaining / 8
            else { return nil }
            var trailers: [CommitTrailer] = []
            if trailerCount > 0 { trailers.reserveCapacity(trailerCount) }
            for _ in 0..<trailerCount {
                guard let key = string(), let value = string() else { return nil }
                trailers.append(CommitTrailer(key: key, value: value))
            }
            return RecordRevision(
                commit: commit,
                author: Person(name: authorName, email: authorEmail),
                committer: Person(name: committerName, email: committerEmail),
                date: date,
                summary: summary,
                change: change,
                path: path,
                oldPath: oldPath,
                status: status,
                trailers: trailers,
                textHash: textHash,
                blob: blob,
                time: time,
                order: order
            )
        }
    }
}

import ADRCore
import ADRGit
import Foundation

/// The scan state saved in the git directory, so the next run walks only new commits.
///
/// Anything unexpected (another version, a corrupt file, another log folder) means "no
/// cache": a full scan is always correct, only slower.
enum HistoryCache {
    /// Bumped whenever the stored shape or what the scanner records changes.
    static let version = 4

    static func path(in repository: Repository) -> String {
        repository.gitDirectory + "adr/history-cache"
    }

    /// The cache is a small line format rather than JSON: Foundation's JSON decoder took
    /// most of a warm `adr log`. Line 1 is `adr-history-cache VERSION`, then `head`,
    /// `folder` and `next-order` lines; then the string table, one `string` line per
    /// distinct text; then `identity` lines (`identity\tINDEX\tSTRING`) and one `revision`
    /// line per revision (`revision\tHISTORY\tFIELDS…`), whose text fields are numbers in
    /// the string table. A history repeats its people, paths, trailers and commits many
    /// times: the table makes each string once when the cache is read, where making them
    /// took most of a warm run. Text is tab-separated with `\\`, `\t` and `\n` escaped.
    static func load(from path: String, folder: String) -> HistoryState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            return reader.read(folder: folder)
        }
    }

    /// Writes through a temporary file renamed over the cache, so a reader never sees half
    /// a file; a failure to write only costs the next run a full scan.
    static func save(_ state: HistoryState, to path: String) {
        guard let head = state.head else { return }
        // The table comes first in the file, so it is filled in a first pass and the lines
        // are written in a second, straight to the file.
        var table = StringTable()
        let identities = state.identities.sorted(by: { $0.key < $1.key })
        for (path, _) in identities { _ = table.number(path) }
        for history in state.histories {
            for revision in history { _ = fields(of: revision, in: &table) }
        }
        try? FileStore.createDirectory(PathText.parent(path))
        try? FileStore.replace(path) { write in
            write("adr-history-cache\t\(version)\nhead\t\(head.hex)\n")
            write("folder\t\(CacheLine.escaped(state.folder))\nnext-order\t\(state.nextOrder)\n")
            for string in table.strings { write("string\t\(CacheLine.escaped(string))\n") }
            for (path, index) in identities {
                write("identity\t\(index)\t\(table.number(path))\n")
            }
            for (index, history) in state.histories.enumerated() {
                for revision in history {
                    let numbers = fields(of: revision, in: &table)
                    write("revision\t\(index)\t" + numbers.joined(separator: "\t") + "\n")
                }
            }
        }
    }

    /// The fields of a revision line after the history index: string numbers, except the
    /// time and walk order, which are written as they are.
    private static func fields(of revision: RecordRevision, in table: inout StringTable)
        -> [String]
    {
        let texts = [
            revision.commit, revision.author.name, revision.author.email,
            revision.committer.name, revision.committer.email, revision.date,
        ]
        let more = [
            revision.summary, revision.change.rawValue, revision.path, revision.oldPath ?? "",
            revision.status?.name ?? "", revision.blob ?? "", revision.textHash ?? "",
        ]
        return texts.map { String(table.number($0)) } + [
            String(revision.time), String(revision.order),
        ]
            + more.map { String(table.number($0)) }
            + revision.trailers.flatMap {
                [String(table.number($0.key)), String(table.number($0.value))]
            }
    }

    /// Distinct strings in order of first use.
    private struct StringTable {
        private(set) var strings: [String] = []
        private var numbers: [String: Int] = [:]

        mutating func number(_ string: String) -> Int {
            if let known = numbers[string] { return known }
            numbers[string] = strings.count
            strings.append(string)
            return strings.count - 1
        }
    }

    /// Reads a cache file line by line, making a string only for each table entry.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        private var position = 0
        private var strings: [String] = []
        /// Field boundaries of the current line, reused.
        private var fields: [Range<Int>] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func read(folder: String) -> HistoryState? {
            guard nextLine(), fields.count == 2, text(0) == "adr-history-cache",
                text(1) == String(HistoryCache.version)
            else { return nil }
            var head: ObjectID?
            var storedFolder: String?
            var nextOrder: Int?
            var identities: [String: Int] = [:]
            var histories: [[RecordRevision]] = []
            while nextLine() {
                guard !fields.isEmpty else { continue }
                switch (kind, fields.count) {
                case (.revision, 2...):
                    guard let index = number(1), index <= histories.count,
                        let revision = revision()
                    else { return nil }
                    if index == histories.count { histories.append([]) }
                    histories[index].append(revision)
                case (.string, 2): strings.append(text(1))
                case (.identity, 3):
                    guard let index = number(1), let path = string(2) else { return nil }
                    identities[path] = index
                case (.head, 2): head = ObjectID(hex: text(1))
                case (.folder, 2): storedFolder = text(1)
                case (.nextOrder, 2): nextOrder = number(1)
                default: return nil
                }
            }
            guard let head, let storedFolder, storedFolder == folder, let nextOrder else {
                return nil
            }
            return HistoryState(
                head: head,
                folder: storedFolder,
                identities: identities,
                histories: histories,
                nextOrder: nextOrder
            )
        }

        /// Splits the next non-empty line into `fields`; `false` at the end of the file.
        private mutating func nextLine() -> Bool {
            fields.removeAll(keepingCapacity: true)
            guard position < bytes.count else { return false }
            let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var start = position
            for index in position...end where index == end || bytes[index] == UInt8(ascii: "\t") {
                fields.append(start..<index)
                start = index + 1
            }
            if end == position { fields.removeAll() }
            position = end + 1
            return true
        }

        private enum Kind {
            case revision, string, identity, head, folder, nextOrder, other
        }

        private var kind: Kind {
            let field = bytes[fields[0]]
            if field.elementsEqual("revision".utf8) { return .revision }
            if field.elementsEqual("string".utf8) { return .string }
            if field.elementsEqual("identity".utf8) { return .identity }
            if field.elementsEqual("head".utf8) { return .head }
            if field.elementsEqual("folder".utf8) { return .folder }
            if field.elementsEqual("next-order".utf8) { return .nextOrder }
            return .other
        }

        private func text(_ field: Int) -> String {
            CacheLine.unescaped(bytes[fields[field]])
        }

        /// A non-negative decimal number, read from the bytes.
        private func number(_ field: Int) -> Int? {
            let digits = bytes[fields[field]]
            guard !digits.isEmpty, digits.count <= 18 else { return nil }
            var value = 0
            for digit in digits {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
            }
            return value
        }

        /// The table string a field names.
        private func string(_ field: Int) -> String? {
            guard let number = number(field), number < strings.count else { return nil }
            return strings[number]
        }

        /// The revision on the current line, its fields starting at the third.
        private func revision() -> RecordRevision? {
            let count = fields.count - 2
            guard count >= 15, (count - 15) % 2 == 0 else { return nil }
            func text(_ index: Int) -> String? { string(index + 2) }
            guard let commit = text(0), let authorName = text(1), let authorEmail = text(2),
                let committerName = text(3), let committerEmail = text(4), let date = text(5),
                let time = Int64(CacheLine.unescaped(bytes[fields[8]])),
                let order = number(9), let summary = text(8),
                let change = text(9).flatMap(RecordChange.init(rawValue:)),
                let path = text(10), let oldPath = text(11), let status = text(12),
                let blob = text(13), let textHash = text(14)
            else { return nil }
            var trailers: [CommitTrailer] = []
            for index in stride(from: 15, to: count, by: 2) {
                guard let key = text(index), let value = text(index + 1) else { return nil }
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
                oldPath: oldPath.isEmpty ? nil : oldPath,
                status: status.isEmpty ? nil : RecordStatus(name: status),
                trailers: trailers,
                textHash: textHash.isEmpty ? nil : textHash,
                blob: blob.isEmpty ? nil : blob,
                time: time,
                order: order
            )
        }
    }
}

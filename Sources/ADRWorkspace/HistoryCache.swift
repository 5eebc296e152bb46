import ADRCore
import ADRGit
import Foundation

/// The scan state saved in the git directory, so the next run walks only new commits.
///
/// Anything unexpected (another version, a corrupt file, another log folder) means "no
/// cache": a full scan is always correct, only slower.
enum HistoryCache {
    /// Bumped whenever the stored shape or what the scanner records changes.
    static let version = 3

    static func path(in repository: Repository) -> String {
        repository.gitDirectory + "adr/history-cache"
    }

    /// The cache is a small line format rather than JSON: Foundation's JSON decoder took
    /// most of a warm `adr log`. Line 1 is `adr-history-cache VERSION`, then `head`,
    /// `folder` and `next-order` lines, `identity` lines (`identity\tINDEX\tPATH`) and
    /// one `revision` line per revision (`revision\tHISTORY\tFIELDS…`). Fields are
    /// tab-separated with `\\`, `\t` and `\n` escaped.
    static func load(from path: String, folder: String) -> HistoryState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var head: ObjectID?
        var storedFolder: String?
        var nextOrder: Int?
        var identities: [String: Int] = [:]
        var histories: [[RecordRevision]] = []
        var sawHeader = false
        let ok = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            // Field boundaries of the current line, reused: a warm run reads every line of a
            // megabyte-sized file, so nothing is allocated per line but the values.
            var fields: [String] = []
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                defer { lineStart = lineEnd + 1 }
                guard lineEnd > lineStart else { continue }
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                for index in lineStart...lineEnd
                where index == lineEnd || bytes[index] == UInt8(ascii: "\t") {
                    fields.append(CacheLine.unescaped(bytes[fieldStart..<index]))
                    fieldStart = index + 1
                }
                let kind = fields[0]
                if !sawHeader {
                    guard kind == "adr-history-cache", fields.count == 2,
                        fields[1] == String(version)
                    else { return false }
                    sawHeader = true
                    continue
                }
                switch (kind, fields.count) {
                case ("revision", 2...):
                    guard let index = Int(fields[1]), index >= 0, index <= histories.count,
                        let revision = revision(from: fields)
                    else { return false }
                    if index == histories.count { histories.append([]) }
                    histories[index].append(revision)
                case ("identity", 3):
                    guard let index = Int(fields[1]) else { return false }
                    identities[fields[2]] = index
                case ("head", 2): head = ObjectID(hex: fields[1])
                case ("folder", 2): storedFolder = fields[1]
                case ("next-order", 2): nextOrder = Int(fields[1])
                default: return false
                }
            }
            return true
        }
        guard ok, let head, let storedFolder, storedFolder == folder, let nextOrder else {
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

    /// Writes through a temporary file renamed over the cache, so a reader never sees half
    /// a file; a failure to write only costs the next run a full scan.
    static func save(_ state: HistoryState, to path: String) {
        guard let head = state.head else { return }
        var text = "adr-history-cache\t\(version)\nhead\t\(head.hex)\n"
        text += "folder\t\(CacheLine.escaped(state.folder))\nnext-order\t\(state.nextOrder)\n"
        for (path, index) in state.identities.sorted(by: { $0.key < $1.key }) {
            text += "identity\t\(index)\t\(CacheLine.escaped(path))\n"
        }
        for (index, history) in state.histories.enumerated() {
            for revision in history {
                text +=
                    "revision\t\(index)\t"
                    + fields(of: revision).map(CacheLine.escaped).joined(separator: "\t")
                text += "\n"
            }
        }
        try? FileStore.createDirectory(PathText.parent(path))
        try? FileStore.replace(path, with: text)
    }

    private static func fields(of revision: RecordRevision) -> [String] {
        [
            revision.commit, revision.author.name, revision.author.email,
            revision.committer.name, revision.committer.email, revision.date,
            String(revision.time), String(revision.order), revision.summary,
            revision.change.rawValue, revision.path, revision.oldPath ?? "",
            revision.status?.name ?? "", revision.blob ?? "", revision.textHash ?? "",
        ] + revision.trailers.flatMap { [$0.key, $0.value] }
    }

    /// The revision whose fields start at `fields[2]`, after the kind and history index.
    private static func revision(from fields: [String]) -> RecordRevision? {
        let values = fields.dropFirst(2)
        func value(_ index: Int) -> String { values[values.startIndex + index] }
        guard values.count >= 15, (values.count - 15) % 2 == 0,
            let time = Int64(value(6)), let order = Int(value(7)),
            let change = RecordChange(rawValue: value(9))
        else { return nil }
        let trailers = stride(from: 15, to: values.count, by: 2).map {
            CommitTrailer(key: value($0), value: value($0 + 1))
        }
        return RecordRevision(
            commit: value(0),
            author: Person(name: value(1), email: value(2)),
            committer: Person(name: value(3), email: value(4)),
            date: value(5),
            summary: value(8),
            change: change,
            path: value(10),
            oldPath: value(11).isEmpty ? nil : value(11),
            status: value(12).isEmpty ? nil : RecordStatus(name: value(12)),
            trailers: trailers,
            textHash: value(14).isEmpty ? nil : value(14),
            blob: value(13).isEmpty ? nil : value(13),
            time: time,
            order: order
        )
    }
}

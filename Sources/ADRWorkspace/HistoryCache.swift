import ADRCore
import ADRGit
import Foundation

/// The scan state saved in the git directory, so the next run walks only new commits.
///
/// Anything unexpected (another version, a corrupt file, another log folder) means "no
/// cache": a full scan is always correct, only slower.
enum HistoryCache {
    /// Bumped whenever the stored shape or what the scanner records changes.
    static let version = 1

    static func path(in repository: Repository) -> String {
        repository.gitDirectory + "adr/history-cache.json"
    }

    static func load(from path: String, folder: String) -> HistoryState? {
        guard let data = FileManager.default.contents(atPath: path),
            let stored = try? JSONDecoder().decode(StoredState.self, from: data),
            stored.version == version, stored.folder == folder,
            let head = ObjectID(hex: stored.head)
        else { return nil }
        return HistoryState(
            head: head,
            folder: stored.folder,
            identities: stored.identities,
            histories: stored.histories.map { $0.map(\.revision) },
            nextOrder: stored.nextOrder
        )
    }

    /// Writes through a temporary file renamed over the cache, so a reader never sees half
    /// a file; a failure to write only costs the next run a full scan.
    static func save(_ state: HistoryState, to path: String) {
        guard let head = state.head else { return }
        let stored = StoredState(
            version: version,
            head: head.hex,
            folder: state.folder,
            identities: state.identities,
            histories: state.histories.map { $0.map(StoredRevision.init) },
            nextOrder: state.nextOrder
        )
        guard let data = try? JSONEncoder().encode(stored) else { return }
        let folder = PathText.parent(path)
        try? FileManager.default.createDirectory(
            atPath: folder,
            withIntermediateDirectories: true
        )
        let temporary = folder + "/.history-cache.\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}

private struct StoredState: Codable {
    var version: Int
    var head: String
    var folder: String
    var identities: [String: Int]
    var histories: [[StoredRevision]]
    var nextOrder: Int
}

private struct StoredRevision: Codable {
    var commit: String
    var authorName: String
    var authorEmail: String
    var committerName: String
    var committerEmail: String
    var date: String
    var time: Int64
    var order: Int
    var summary: String
    var change: String
    var path: String
    var oldPath: String?
    var status: String?
    var trailers: [[String]]
    var blob: String?

    init(_ revision: RecordRevision) {
        commit = revision.commit
        authorName = revision.author.name
        authorEmail = revision.author.email
        committerName = revision.committer.name
        committerEmail = revision.committer.email
        date = revision.date
        time = revision.time
        order = revision.order
        summary = revision.summary
        change = revision.change.rawValue
        path = revision.path
        oldPath = revision.oldPath
        status = revision.status?.name
        trailers = revision.trailers.map { [$0.key, $0.value] }
        blob = revision.blob
    }

    var revision: RecordRevision {
        RecordRevision(
            commit: commit,
            author: Person(name: authorName, email: authorEmail),
            committer: Person(name: committerName, email: committerEmail),
            date: date,
            summary: summary,
            change: RecordChange(rawValue: change) ?? .modified,
            path: path,
            oldPath: oldPath,
            status: status.map { RecordStatus(name: $0) },
            trailers: trailers.compactMap { pair in
                pair.count == 2 ? CommitTrailer(key: pair[0], value: pair[1]) : nil
            },
            blob: blob,
            time: time,
            order: order
        )
    }
}

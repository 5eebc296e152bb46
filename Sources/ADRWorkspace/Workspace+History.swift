public import ADRCore
import ADRGit
public import ADRHistory
import Foundation

extension Workspace {
    /// Reads the history of the log from `HEAD`: from the cache in the git directory plus
    /// the commits made since, or with `useCache` false by a full scan that leaves the
    /// cache alone; `textHashes` says which revisions of such a scan get their
    /// decision-text hash (see ``ADRHistory/HistoryReader``).
    /// - Throws: ``WorkspaceError/noRepository(path:)`` outside a git repository,
    ///   ``WorkspaceError/git(_:)`` when git data cannot be read (naming the object).
    public func readHistory(useCache: Bool = true, textHashes: TextHashes = .all)
        throws(WorkspaceError) -> LogHistory
    {
        var opened: Repository?
        do {
            PhaseTimer.mark("start")
            let repository = try Repository(discoveringFrom: options.workingDirectory)
            opened = repository
            PhaseTimer.mark("repository open")
            guard let workdir = repository.workdir else {
                throw WorkspaceError.noRepository(path: displayPath(options.workingDirectory))
            }
            return try HistoryReader.read(
                repository,
                folder: historyFolder(inWorkdir: workdir),
                useCache: useCache,
                textHashes: textHashes
            )
        } catch let error as WorkspaceError {
            throw error
        } catch let error as GitError {
            if case .notARepository = error {
                throw .noRepository(path: displayPath(options.workingDirectory))
            }
            throw .git(error.description(inShallowRepository: opened?.isShallow ?? true))
        } catch {
            throw .git("\(error)")
        }
    }

    /// The log folder relative to the repository's working tree `workdir` (with its
    /// trailing slash), as the history records it: `""` for the top folder.
    func historyFolder(inWorkdir workdir: String) -> String {
        let folder = PathText.relative(
            Self.resolved(location.folder),
            to: Self.resolved(String(workdir.dropLast()))
        )
        return folder == "." ? "" : folder
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The text of the last revision of `history` that had one, read from git.
    public func lastText(of history: RecordHistory) throws(WorkspaceError) -> String {
        guard let blob = history.revisions.last(where: { $0.blob != nil })?.blob,
            let id = ObjectID(hex: blob)
        else { return "" }
        do {
            let repository = try Repository(discoveringFrom: options.workingDirectory)
            let (data, size) = try repository.blobPrefix(id, maximum: RecordLimit.bytes)
            // Shown, not edited: a deleted record is read only as far as the limit too.
            return size > RecordLimit.bytes
                ? RecordLimit.text(ofPrefix: data) : String(decoding: data, as: UTF8.self)
        } catch {
            throw .git("\(error)")
        }
    }
}

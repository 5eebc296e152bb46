import Foundation
import Testing

/// Plain snapshot files under `Snapshots/`, compared byte for byte. Set
/// `ADR_RECORD_SNAPSHOTS=1` to write them again; a recording run fails, so a recorded file
/// is always looked at before it is committed.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static func assert(
        _ actual: String,
        named name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ADR_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            Issue.record(
                "recorded \(name); run again without ADR_RECORD_SNAPSHOTS",
                sourceLocation: sourceLocation
            )
            return
        }
        guard let expected = try? Data(contentsOf: file) else {
            Issue.record(
                "no snapshot \(name): run with ADR_RECORD_SNAPSHOTS=1",
                sourceLocation: sourceLocation
            )
            return
        }
        #expect(
            Data(actual.utf8) == expected,
            "\(name) differs:\n\(actual)",
            sourceLocation: sourceLocation
        )
    }
}

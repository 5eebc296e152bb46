import ADRReport
import ADRSite
import Foundation
import Testing

/// Every page kind of a small fixture, compared byte for byte with the files under
/// `Snapshots/`. `ADR_RECORD_SNAPSHOTS=1 swift test --filter SiteSnapshotTests` writes them
/// anew, and that run fails so a recording is never mistaken for a pass.
@Suite struct SiteSnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots")
    static let recording = ProcessInfo.processInfo.environment["ADR_RECORD_SNAPSHOTS"] == "1"

    /// The theme's own files are checked against templates/site/ by another test.
    static func pages() throws -> [String: String] {
        var input = SiteFixture.input
        // As `adr site` writes it.
        input.dataWriter = Report.siteDataJSON
        let output = try Site.build(input)
        return output.files.filter { !SiteTheme.builtInFileNames.contains($0.key) }
    }

    @Test func everyPageKindMatchesItsSnapshot() throws {
        let pages = try Self.pages()
        let manager = FileManager.default
        if Self.recording {
            try? manager.removeItem(at: Self.folder)
            for (path, contents) in pages {
                let url = Self.folder.appendingPathComponent(path)
                try manager.createDirectory(
                    at: url.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                try Data(contents.utf8).write(to: url)
            }
            Issue.record(
                "snapshots recorded in \(Self.folder.path); run again without ADR_RECORD_SNAPSHOTS"
            )
            return
        }
        var onDisk: [String] = []
        if let walker = manager.enumerator(atPath: Self.folder.path) {
            for case let path as String in walker {
                var isFolder: ObjCBool = false
                if manager.fileExists(
                    atPath: Self.folder.appendingPathComponent(path).path,
                    isDirectory: &isFolder
                ), !isFolder.boolValue {
                    onDisk.append(path)
                }
            }
        }
        #expect(onDisk.sorted() == pages.keys.sorted(), "record with ADR_RECORD_SNAPSHOTS=1")
        for path in pages.keys.sorted() {
            let expected = try? String(
                contentsOf: Self.folder.appendingPathComponent(path),
                encoding: .utf8
            )
            #expect(expected == pages[path], "\(path) differs from its snapshot")
        }
    }

    @Test func theSiteIsTheSameOnEveryBuild() throws {
        #expect(try Site.build(SiteFixture.input) == Site.build(SiteFixture.input))
    }

    @Test func imagesAndAttachmentsThatRecordsLinkToAreCopied() throws {
        let output = try Site.build(SiteFixture.input)
        #expect(output.copies == ["files/main/doc/adr/diagram.png": "/repo/doc/adr/diagram.png"])
    }
}

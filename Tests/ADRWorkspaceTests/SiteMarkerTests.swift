import ADRSite
import Testing

@testable import ADRWorkspace

/// The `.adr-site` marker keeps what the next build needs: the key, the file hashes and each
/// record page's stamp with its links, whatever bytes their destinations hold.
@Suite struct SiteMarkerTests {
    @Test func aMarkerReadsBackAsItWasWritten() throws {
        var first = RecordPageStamp(key: "9f3a-120", links: [])
        for (destination, isImage) in [
            ("0002-use-a-queue.md#context", false), ("images/a b.png", true),
            ("odd\\name\nwith\rbreaks", false), ("", false), ("link: image: file: x", true),
            ("café/naïve.md", false),
        ] {
            first.appendLink(destination: destination, isImage: isImage)
        }
        let marker = SiteWriter.BuiltSite(
            key: "abc-12",
            records: 2,
            pages: 7,
            hasHistory: true,
            binary: "2049:1234:98505336:1764600000.5",
            pageStamps: [
                "main/0001-record.html": first,
                "a page with spaces.html": RecordPageStamp(key: "1-1", links: []),
            ],
            files: ["index.html": "ff-10", "main/0001-record.html": "ee-20", "a b.css": "dd-3"]
        )
        let read = try #require(SiteWriter.BuiltSite(parsing: Array(marker.text.utf8)))
        #expect(read == marker)
    }

    @Test func aMarkerWithoutItsKeyIsNoMarker() {
        #expect(SiteWriter.BuiltSite(parsing: Array("records: 2\npages: 7\n".utf8)) == nil)
        #expect(SiteWriter.BuiltSite(parsing: []) == nil)
    }

    /// A file's digest tells files apart by every byte, the last few of a length that is
    /// not a multiple of eight among them, and by length where the bytes are zeros.
    @Test func aFileDigestChangesWithAnyByteAndWithTheLength() {
        let page = String(repeating: "<p>A decision.</p>\n", count: 40) + "tail"
        var digests = Set<String>()
        digests.insert(SiteWriter.hash(page))
        #expect(SiteWriter.hash(page) == SiteWriter.hash(String(page)))
        for offset in [0, 7, 8, 400, page.utf8.count - 1] {
            var bytes = Array(page.utf8)
            bytes[offset] ^= 0x01
            digests.insert(SiteWriter.hash(String(decoding: bytes, as: UTF8.self)))
        }
        for zeros in 0...9 {
            digests.insert(SiteWriter.hash(String(repeating: "\u{0}", count: zeros)))
        }
        #expect(digests.count == 16)
        #expect(SiteWriter.hash(page).hasSuffix("-\(page.utf8.count)"))
    }
}

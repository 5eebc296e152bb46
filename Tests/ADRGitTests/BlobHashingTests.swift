import ADRGit
import Foundation
import TestSupport
import Testing

@Suite struct BlobHashingTests {
    @Test(arguments: ["", "# 1. Record\n\nBody.\n", "crlf\r\nand ünïcode\n"])
    func blobIDsMatchGitHashObject(contents: String) throws {
        let fixture = try GitFixture()
        try fixture.write("file.md", contents)
        let expected = try fixture.line("hash-object", "file.md")
        #expect(try ObjectID.blobID(hashing: Data(contents.utf8)).hex == expected)
    }

    @Test func aBlobPrefixIsAtMostTheMaximumAndGivesTheWholeSize() throws {
        let fixture = try GitFixture()
        try fixture.write("file.md", "0123456789")
        let id = try #require(ObjectID(hex: try fixture.line("hash-object", "-w", "file.md")))
        let repository = try Repository(at: fixture.path)
        let cut = try repository.blobPrefix(id, maximum: 4)
        #expect(cut.data == Data("0123".utf8))
        #expect(cut.size == 10)
        let whole = try repository.blobPrefix(id, maximum: 100)
        #expect(whole.data == Data("0123456789".utf8))
        #expect(whole.size == 10)
    }
}

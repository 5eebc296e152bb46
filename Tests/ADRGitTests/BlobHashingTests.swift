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
}

import Foundation
import Testing

@testable import ADRGit

/// How libgit2 failures become messages: the mapping is pure, so each case is fed the code,
/// class and message libgit2 gives, without needing a full disk or a broken repository.
@Suite struct GitErrorTests {
    // libgit2's error classes (git2/errors.h): GIT_ERROR_OS is 2, GIT_ERROR_ODB 9.
    private let osClass: Int32 = 2
    private let odbClass: Int32 = 9
    private let id = ObjectID(hex: "51655b219957b7c8e2e6350efc09f1371a619b86")!

    @Test func aFullDiskWhileWritingANoteSaysTheDiskIsFullNotFsck() {
        // What libgit2 1.5 says when `adr approve` writes the note's blob on a full tmpfs.
        let error = gitError(
            code: -1,
            errorClass: osClass,
            message: "failed to write out file: No space left on device",
            systemError: ENOSPC,
            context: .object(id)
        )
        #expect(error == .diskFull(detail: "failed to write out file: No space left on device"))
        #expect(error.description.contains("the disk is full"))
        #expect(!error.description.contains("fsck"))
    }

    @Test func aFullQuotaIsAFullDiskToo() {
        let error = gitError(
            code: -1,
            errorClass: osClass,
            message: "could not write: \(String(cString: strerror(EDQUOT)))",
            context: .none
        )
        #expect(error.description.hasPrefix("the disk is full"))
    }

    @Test func errnoAloneCountsOnlyForOperatingSystemErrors() {
        let os = gitError(
            code: -1,
            errorClass: osClass,
            message: "failed to write",
            systemError: ENOSPC
        )
        #expect(os == .diskFull(detail: "failed to write"))
        let odb = gitError(
            code: -1,
            errorClass: odbClass,
            message: "object corrupted",
            systemError: ENOSPC,
            context: .object(id)
        )
        #expect(
            odb == .unreadableObject(id, detail: "object corrupted", category: "object database")
        )
    }

    @Test func aMissingObjectOutsideAShallowCloneSuggestsFsckNotUnshallow() {
        let error = GitError.missingObject(id, detail: "object not found")
        #expect(error.description(inShallowRepository: true).contains("git fetch --unshallow"))
        let full = error.description(inShallowRepository: false)
        #expect(!full.contains("unshallow"))
        #expect(full.contains("git fsck"))
    }

    @Test func remoteMessagesNameTheRemote() {
        #expect(
            GitError.noSuchRemote(name: "nosuch", remotes: ["origin", "upstream"]).description
                == "no remote named 'nosuch' (remotes: origin, upstream); give one of them, a URL or a path"
        )
        #expect(
            GitError.remotePathNotFound(remote: "origin", path: "/gone").description
                .hasPrefix("remote 'origin' is the path /gone, which does not exist")
        )
    }

    @Test(arguments: [
        ("https://example.com/x.git", true), ("git@github.com:o/r.git", true),
        ("ssh://host/r", true), ("../remote.git", false), ("/srv/r.git", false),
        ("origin", false), ("./a:b", false),
    ])
    func remoteAddressesAreToldFromPaths(address: String, isURL: Bool) {
        #expect(RemoteAddress.isURL(address) == isURL)
    }
}

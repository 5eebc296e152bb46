import Foundation
import Testing

/// The harness itself: the binary is found and runs in an isolated environment.
@Suite struct HarnessTests {
    @Test func theBinaryUnderTestIsFound() {
        #expect(
            FileManager.default.isExecutableFile(atPath: ADRBinary.url.path),
            "no adr binary at \(ADRBinary.url.path); build it or set ADR_BINARY"
        )
    }

    @Test func theTemporaryRepositoryIsAGitRepositoryWithItsOwnHome() throws {
        let repo = try TestRepository()
        #expect(repo.exists(".git"))
        let env = try repo.runTool("/usr/bin/env", [])
        #expect(env.stdout.contains("HOME=\(repo.root.path)\n"), "\(env)")
        #expect(!env.stdout.contains("VISUAL="))
        #expect(!env.stdout.contains("EDITOR="))
        #expect(env.stdout.contains("TZ=UTC\n"))
    }
}

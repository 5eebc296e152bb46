import Foundation
import Testing

/// libgit2's set-up only notes the CA bundle; a remote operation decodes it (decision 21).
/// Seen from outside with strace: which commands open the bundle file.
@Suite struct CertificateBundleTests {
    private static let strace = "/usr/bin/strace"
    private static let bundle = "/etc/ssl/certs/ca-certificates.crt"

    /// The files `arguments` opened, as strace saw them.
    private func openedFiles(_ repo: TestRepository, _ arguments: [String]) throws -> String {
        let trace = repo.url("strace.txt").path
        let result = try repo.runTool(
            Self.strace,
            ["-f", "-qq", "-e", "trace=openat,open", "-o", trace, ADRBinary.url.path] + arguments
        )
        #expect(result.status == 0, "\(result)")
        return try String(contentsOfFile: trace, encoding: .utf8)
    }

    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: strace)
                && FileManager.default.fileExists(atPath: bundle)
        )
    )
    func onlyARemoteOperationDecodesTheBundle() throws {
        let repo = try TestRepository.withCommittedRecord()
        for command in [["log"], ["show", "2"], ["audit"], ["approve", "2"]] {
            let opened = try openedFiles(repo, command)
            #expect(opened.contains("openat") && !opened.contains(Self.bundle), "\(command)")
        }
        try repo.git("init", "-q", "--bare", "remote.git")
        try repo.git("remote", "add", "origin", repo.url("remote.git").path)
        #expect(try openedFiles(repo, ["sync"]).contains(Self.bundle))
    }
}

import Foundation
import Testing

/// `adr audit` from the records cache (records and facts kept by blob) says what a run
/// without it says.
@Suite struct AuditCacheTests {
    @Test func aWarmAuditEqualsAColdOne() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.write(
            "doc/adr/0003-links.md",
            "# 4. Links\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\n"
                + "Amends [2. Postgres](0002-use-postgres.md), see [missing](0009-none.md),\n"
                + "[up](../README.md), [ref][r] and ![img](./img.png) and <https://x.org>.\n\n"
                + "[r]: 0001-record-architecture-decisions.md#context\n"
        )
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Links")
        let cold = try repo.adr("audit", "--format", "json")
        let warm = try repo.adr("audit", "--format", "json")
        #expect(warm.stdout == cold.stdout)
        #expect(warm.status == cold.status)
        #expect(cold.stdout.contains("0009-none.md"), "\(cold)")
        #expect(cold.stdout.contains("title-number-mismatch"), "\(cold)")
    }

    /// A warm audit takes the records the cache knows from it, without their blobs: with
    /// the blob of a committed record gone from the object database, the warm run still
    /// audits it, and says what the cold run said.
    @Test func aWarmAuditDoesNotReadTheBlobsOfCachedRecords() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.write(
            "doc/adr/0003-links.md",
            "# 3. Links\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\n"
                + "See [missing](0009-none.md) and <https://x.org>.\n"
        )
        try repo.write(
            "doc/adr/0004-autolink.md",
            "# 4. Autolink\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\nSee <https://x.org>.\n"
        )
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Links")
        let cold = try repo.adr("audit", "--format", "json")
        let blob = try repo.git("rev-parse", "HEAD:doc/adr/0003-links.md").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let object = repo.url(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        try FileManager.default.removeItem(at: object)
        let warm = try repo.adr("audit", "--format", "json")
        #expect(warm.stdout == cold.stdout, "\(warm)")
        #expect(warm.status == cold.status)
        #expect(cold.stdout.contains("0009-none.md"), "\(cold)")
        // Without the cache the blob is needed, and missing.
        try FileManager.default.removeItem(at: repo.url(".git/adr/committed-records-cache"))
        #expect(try repo.adr("audit").status == 2)
    }

    /// A record this branch rewrote is compared with the merge base's text even when an
    /// audit without `--base` put it in the cache first.
    @Test func aBaseAuditAfterAWarmOneStillComparesTheChangedTexts() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.git("branch", "-M", "main")
        try repo.git("checkout", "-q", "-b", "pr")
        let postgres = "doc/adr/0002-use-postgres.md"
        let text = try repo.read(postgres)
        try repo.write(
            postgres,
            text.replacingOccurrences(
                of: "## Decision\n\n",
                with: "## Decision\n\nWe will use MySQL.\n\n"
            )
        )
        try repo.git("commit", "-q", "-am", "Rewrite 2")
        #expect(try repo.adr("audit").status == 0)
        let warm = try repo.adr("audit", "--base", "main", "--format", "json")
        #expect(warm.status == 1, "\(warm)")
        #expect(warm.stdout.contains("decided-record-changed"), "\(warm)")
        try FileManager.default.removeItem(at: repo.url(".git/adr/committed-records-cache"))
        let cold = try repo.adr("audit", "--base", "main", "--format", "json")
        #expect(warm.stdout == cold.stdout)
    }
}

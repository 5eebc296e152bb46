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
}

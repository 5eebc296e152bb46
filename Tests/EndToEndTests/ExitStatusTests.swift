import Foundation
import Testing

/// Help, version, and the documented exit statuses: 0 ok, 2 operational error, 64 usage.
@Suite struct ExitStatusTests {
    @Test(arguments: [["-h"], ["--help"], ["new", "-h"], ["help"], ["--version"]])
    func helpAndVersionSucceed(arguments: [String]) throws {
        let repo = try TestRepository()
        let result = try repo.adr(arguments: arguments)
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.isEmpty, "\(result)")
    }

    @Test func helpMentionsTheExitStatuses() throws {
        let repo = try TestRepository()
        let result = try repo.adr("--help")
        #expect(result.stdout.contains("64"), "\(result)")
    }

    @Test(arguments: [["frobnicate"], ["list", "--no-such-option"], ["link", "1"]])
    func badUsageExitsWith64(arguments: [String]) throws {
        let repo = try TestRepository()
        try repo.adr("init")
        let result = try repo.adr(arguments: arguments)
        #expect(result.status == 64, "\(result)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func aReferenceMatchingNoRecordIsAnOperationalError() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        let result = try repo.adr("show", "42")
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("42"), "\(result)")
    }

    @Test func aReferenceMatchingSeveralRecordsIsRefusedAndListsThem() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write(
            "doc/adr/0002-use-postgres.md",
            "# 2. Use Postgres\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n"
        )
        try repo.write(
            "doc/adr/0002-use-redis.md",
            "# 2. Use Redis\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n"
        )
        let result = try repo.adr("show", "2")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("0002-use-postgres.md"), "\(result)")
        #expect(result.stderr.contains("0002-use-redis.md"), "\(result)")
        // A file name picks one of them.
        let byName = try repo.adr("show", "0002-use-redis.md")
        #expect(byName.status == 0, "\(byName)")
        #expect(byName.stdout.contains("Use Redis"))
    }

    @Test func anUnknownKeyInTheConfigurationIsReportedWithItsLine() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write(".adr.yml", "# project settings\nfrobnicate: true\n")
        let result = try repo.adr("list")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("frobnicate"), "\(result)")
        #expect(result.stderr.contains(":2") || result.stderr.contains("line 2"), "\(result)")
    }
}

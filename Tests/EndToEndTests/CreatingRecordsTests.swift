import Foundation
import Testing

/// `adr init` and `adr new`: numbering, file names, the default template's structure.
@Suite struct CreatingRecordsTests {
    @Test func initCreatesTheFirstRecordInDocAdr() throws {
        let repo = try TestRepository()
        let result = try repo.adr("init")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "doc/adr/0001-record-architecture-decisions.md\n")
        let record = try repo.read("doc/adr/0001-record-architecture-decisions.md")
        #expect(
            record.hasPrefix(
                "# 1. Record architecture decisions\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n"
            ),
            "\(record)"
        )
        #expect(record.contains("\n## Decision\n"))
        #expect(record.contains("\n## Consequences\n"))
        #expect(!repo.exists(".adr-dir"))
    }

    @Test func initWithAFolderRemembersItInAdrDir() throws {
        let repo = try TestRepository()
        let result = try repo.adr("init", "doc/architecture/decisions")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout == "doc/architecture/decisions/0001-record-architecture-decisions.md\n"
        )
        #expect(try repo.read(".adr-dir") == "doc/architecture/decisions\n")
        #expect(
            try repo.files(in: "doc/architecture/decisions") == [
                "0001-record-architecture-decisions.md"
            ]
        )

        let next = try repo.adr("new", "--no-edit", "Second Record")
        #expect(next.stdout == "doc/architecture/decisions/0002-second-record.md\n", "\(next)")
    }

    @Test func newRecordsAreNumberedOneAfterAnother() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        let second = try repo.adr("new", "--no-edit", "Second", "Record")
        let third = try repo.adr("new", "--no-edit", "Third Record")
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout == "doc/adr/0002-second-record.md\n")
        #expect(third.stdout == "doc/adr/0003-third-record.md\n")
        let record = try repo.read("doc/adr/0003-third-record.md")
        #expect(
            record.hasPrefix(
                "# 3. Third Record\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n"
            ),
            "\(record)"
        )
        #expect(
            try repo.files(in: "doc/adr") == [
                "0001-record-architecture-decisions.md", "0002-second-record.md",
                "0003-third-record.md",
            ]
        )
    }

    @Test func newWithoutInitStartsTheLogAtOne() throws {
        let repo = try TestRepository()
        let result = try repo.adr("new", "--no-edit", "First Record")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "doc/adr/0001-first-record.md\n")
        #expect(
            try repo.read("doc/adr/0001-first-record.md").hasPrefix(
                "# 1. First Record\n\nDate: 1992-01-12\n"
            )
        )
    }

    @Test func numbersWithLeadingZerosAreDecimalNotOctal() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write(
            "doc/adr/0008-eighth.md",
            "# 8. Eighth\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n"
        )
        try repo.write(
            "doc/adr/0009-ninth.md",
            "# 9. Ninth\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n"
        )
        let result = try repo.adr("new", "--no-edit", "Tenth")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "doc/adr/0010-tenth.md\n")
        #expect(try repo.read("doc/adr/0010-tenth.md").hasPrefix("# 10. Tenth\n"))
    }

    @Test(arguments: [
        ("Something About Node.JS", "something-about-node-js"),
        ("Slash/Slash/Slash/", "slash-slash-slash"),
        ("-Bar-", "bar"),
        ("Fish & Chips", "fish-chips"),
        ("This | That", "this-that"),
        ("It's \"quoted\"", "it-s-quoted"),
        ("Run $(whoami) `id`", "run-whoami-id"),
        ("Back\\slash\\", "back-slash"),
        ("Café au lait", "cafe-au-lait"),
        ("Ünïcödé résumé", "unicode-resume"),
    ])
    func titlesWithFunnyCharactersGiveSafeSlugsAndLiteralHeadings(title: String, slug: String)
        throws
    {
        let repo = try TestRepository()
        try repo.adr("init")
        let result = try repo.adr("new", "--no-edit", "--", title)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "doc/adr/0002-\(slug).md\n", "\(result)")
        let record = try repo.read("doc/adr/0002-\(slug).md")
        #expect(record.hasPrefix("# 2. \(title)\n\nDate: 1992-01-12\n"), "\(record)")
    }

    @Test func aVeryLongTitleIsKeptWholeInTheHeading() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        let title = (1...20).map { "word\($0)" }.joined(separator: " ")
        let result = try repo.adr("new", "--no-edit", title)
        #expect(result.status == 0, "\(result)")
        let printed = result.stdout.trimmingCharacters(in: .newlines)
        #expect(printed.hasPrefix("doc/adr/0002-word1-word2-word3"))
        #expect(printed.hasSuffix(".md"))
        #expect(try repo.read(printed).hasPrefix("# 2. \(title)\n"))
    }

    @Test func aMissingTitleIsAUsageErrorAndCreatesNothing() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        let before = try repo.snapshot()
        let result = try repo.adr("new", "--no-edit")
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
        #expect(try repo.snapshot() == before)
    }
}

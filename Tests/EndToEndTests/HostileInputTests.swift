import Foundation
import Testing

/// Bytes, titles, numbers, dates and paths a hostile or careless hand put in: nothing is
/// lost or repaired behind the user's back, nothing traps, nothing leaves the repository.
@Suite struct HostileInputTests {
    private static let latin1Record: [UInt8] =
        Array(
            "# 2. Use a queue\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\nCaf"
                .utf8
        )
        + [0xE9] + Array(" au lait.\n".utf8)

    private func repositoryWithLatin1Record() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        try Data(Self.latin1Record).write(to: repo.url("doc/adr/0002-use-a-queue.md"))
        return repo
    }

    /// `text` encoded as UTF-8 with the Latin-1 `é` of the record put back.
    private static func latin1(_ text: String) -> Data {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar == "é" { bytes.append(0xE9) } else { bytes += Array(String(scalar).utf8) }
        }
        return Data(bytes)
    }

    @Test func aRecordThatIsNotUTF8IsEditedAroundTheEditByteForByte() throws {
        let repo = try repositoryWithLatin1Record()
        let status = try repo.adr("status", "2", "deprecated")
        #expect(status.status == 0, "\(status)")
        let path = repo.url("doc/adr/0002-use-a-queue.md")
        #expect(
            try Data(contentsOf: path)
                == Self.latin1(
                    "# 2. Use a queue\n\nDate: 1992-01-12\n\n## Status\n\nDeprecated\n\n## Context\n\nCafé au lait.\n"
                )
        )
        let link = try repo.adr("link", "2", "Amends", "1", "Amended by")
        #expect(link.status == 0, "\(link)")
        #expect(
            try Data(contentsOf: path)
                == Self.latin1(
                    "# 2. Use a queue\n\nDate: 1992-01-12\n\n## Status\n\nDeprecated\n\n"
                        + "Amends [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n"
                        + "## Context\n\nCafé au lait.\n"
                )
        )
    }

    @Test func anEditOfTheUndecodableBytesThemselvesIsRefused() throws {
        let repo = try repositoryWithLatin1Record()
        let before = try repo.snapshot()
        // Renumbering writes the whole record anew, its undecodable byte included.
        let result = try repo.adr("renumber", "2", "--to", "7")
        #expect(result.status == 2, "\(result)")
        #expect(
            result.stderr.hasPrefix("adr: error: doc/adr/0002-use-a-queue.md:11: not UTF-8"),
            "\(result)"
        )
        #expect(try repo.snapshot() == before)
        #expect(
            try Data(contentsOf: repo.url("doc/adr/0002-use-a-queue.md")) == Data(Self.latin1Record)
        )
    }

    @Test func aRecordTitledLikeATemplateIsARecordAndKeepsItsNumber() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write("doc/adr/0000-template.md", "# NUMBER. TITLE\n")
        try repo.write("doc/adr/adr-template.md", "# TITLE\n")
        #expect(try repo.adr("new", "--no-edit", "Template for emails").status == 0)
        #expect(try repo.adr("new", "--no-edit", "Emails use the template").status == 0)
        let listed = try repo.adr("list").stdoutLines
        #expect(
            listed == [
                "doc/adr/0001-record-architecture-decisions.md",
                "doc/adr/0002-template-for-emails.md",
                "doc/adr/0003-emails-use-the-template.md",
            ]
        )
    }

    @Test func aTemplateTheConfigurationNamesIsNoRecord() throws {
        let repo = try TestRepository()
        try repo.write(".adr.yml", "log: doc/adr\ntemplate: doc/adr/0099-our-template.md\n")
        try repo.write("doc/adr/0099-our-template.md", "# NUMBER. TITLE\n\nDate: DATE\n")
        #expect(try repo.adr("new", "--no-edit", "First").status == 0)
        #expect(try repo.adr("list").stdoutLines == ["doc/adr/0001-first.md"])
    }

    @Test func aTitleIsOneLine() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        #expect(try repo.adr("new", "--no-edit", "Two\nlines\tand  spaces").status == 0)
        let text = try repo.read("doc/adr/0002-two-lines-and-spaces.md")
        #expect(text.hasPrefix("# 2. Two lines and spaces\n\nDate:"), "\(text)")
    }

    @Test(arguments: ["Ring \u{07} the bell", "Red \u{1B}[31m title", "Delete \u{7F} it"])
    func aTitleWithAControlCharacterIsRefused(title: String) throws {
        let repo = try TestRepository()
        try repo.adr("init")
        let before = try repo.snapshot()
        let result = try repo.adr("new", "--no-edit", title)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("control character U+00"), "\(result)")
        #expect(try repo.snapshot() == before)
    }

    @Test func showPassesARecordsBodyThroughTheSanitiser() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        var bytes = Array(
            "# 2. Loud\n\n## Status\n\nAccepted\r\n\n\u{1B}[2J\u{1B}]0;pwned\u{07}".utf8
        )
        bytes += [0x00, 0x01, 0xFF, 0x9B, 0x0A, 0x09, 0x41, 0x0D, 0x42, 0x0A]
        try Data(bytes).write(to: repo.url("doc/adr/0002-loud.md"))
        let result = try repo.adr("show", "2")
        #expect(result.status == 0, "\(result)")
        let controls = result.stdout.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r")
                || (0x7F...0x9F).contains($0.value)
        }
        #expect(controls.isEmpty, "\(controls.map(\.value))")
        #expect(result.stdout.contains("?[2J?]0;pwned?"), "\(result)")
        #expect(result.stdout.contains("Accepted\r\n"), "CRLF line ends are kept")
        #expect(result.stdout.contains("\tA?B\n"), "a carriage return inside a line is shown")
    }

    @Test(arguments: ["9223372036854775807", "1000000000", "0", "-3"])
    func anOutOfRangeNumberIsRefused(number: String) throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        let before = try repo.snapshot()
        let result = try repo.adr("renumber", "2", "--to", number)
        #expect(result.status == 2 || result.status == 64, "\(result)")
        #expect(result.stderr.contains("out of range") || result.status == 64, "\(result)")
        #expect(try repo.snapshot() == before)
    }

    @Test func hugeNumbersInFilesNeverTrap() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write("doc/adr/9223372036854775807-huge.md", "# 9223372036854775807. Huge\n")
        try repo.write("doc/adr/0003-x.md", "# 9223372036854775807. Heading number\n")
        let new = try repo.adr("new", "--no-edit", "After the huge one")
        #expect(new.status == 0, "\(new)")
        #expect(new.stdout == "doc/adr/0004-after-the-huge-one.md\n", "\(new)")
        let linked = try repo.adr("new", "--no-edit", "-l", "1:Amends:Amended by", "Linked")
        #expect(linked.status == 0, "\(linked)")
        #expect(try repo.adr("renumber", "4").status == 0)

        try repo.write("doc/adr/999999999-last.md", "# 999999999. Last\n")
        let full = try repo.adr("new", "--no-edit", "One too many")
        #expect(full.status == 2, "\(full)")
        #expect(full.stderr.contains("no record number left"), "\(full)")
        let renumber = try repo.adr("renumber", "4")
        #expect(renumber.status == 2, "\(renumber)")
    }

    @Test func upgradeRepositoryLeavesImpossibleDatesWithAWarning() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write("doc/adr/0002-a.md", "# 2. A\n\nDate: 31/02/2016\n\n## Status\n\nAccepted\n")
        try repo.write("doc/adr/0003-b.md", "# 3. B\n\nDate: 29/02/2016\n\n## Status\n\nAccepted\n")
        let result = try repo.adr("upgrade-repository")
        #expect(result.status == 0, "\(result)")
        #expect(try repo.read("doc/adr/0002-a.md").contains("Date: 31/02/2016\n"))
        #expect(try repo.read("doc/adr/0003-b.md").contains("Date: 2016-02-29\n"))
        #expect(
            result.stderr.contains("doc/adr/0002-a.md:3: impossible date \"31/02/2016\""),
            "\(result)"
        )
        let list = try repo.adr("list")
        #expect(list.stderr.contains("impossible date \"31/02/2016\""), "\(list)")
    }

    @Test func aRecordLinkingOutOfTheRepositoryIsNotShown() throws {
        let outside = try TestRepository()
        try outside.write("secret.md", "# Secret\n\nroot:x:0:0:the secret\n")
        let repo = try TestRepository()
        try repo.adr("init")
        try FileManager.default.createSymbolicLink(
            atPath: repo.url("doc/adr/0002-passwd.md").path,
            withDestinationPath: outside.url("secret.md").path
        )
        let show = try repo.adr("show", "2")
        #expect(!show.stdout.contains("the secret"), "\(show)")
        #expect((show.stdout + show.stderr).contains("outside the repository"), "\(show)")
        let list = try repo.adr("list")
        #expect(list.status == 0, "\(list)")
        let status = try repo.adr("status", "2", "deprecated", "--force")
        #expect(status.status == 2, "\(status)")
        #expect(try outside.read("secret.md") == "# Secret\n\nroot:x:0:0:the secret\n")
        #expect(FileManager.default.fileExists(atPath: repo.url("doc/adr/0002-passwd.md").path))
    }

    @Test func aRecordThatIsALinkInsideTheRepositoryIsEditedWhereItLeads() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write(
            "shared/queue.md",
            "# 2. Use a queue\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\nX\n"
        )
        try FileManager.default.createSymbolicLink(
            atPath: repo.url("doc/adr/0002-use-a-queue.md").path,
            withDestinationPath: "../../shared/queue.md"
        )
        let result = try repo.adr("status", "2", "deprecated")
        #expect(result.status == 0, "\(result)")
        let link = try FileManager.default.destinationOfSymbolicLink(
            atPath: repo.url("doc/adr/0002-use-a-queue.md").path
        )
        #expect(link == "../../shared/queue.md")
        #expect(try repo.read("shared/queue.md").statusSection.hasPrefix("Deprecated"))
    }

    @Test(arguments: ["../elsewhere", "/tmp/adr-outside-the-repository"])
    func aConfiguredLogOutsideTheRepositoryIsRefused(folder: String) throws {
        let repo = try TestRepository()
        try repo.write(".adr.yml", "# decisions\nlog: \(folder)\n")
        let result = try repo.adr("new", "--no-edit", "Escape")
        #expect(result.status == 2, "\(result)")
        #expect(
            result.stderr.hasPrefix(
                "adr: error: .adr.yml:2: log folder \"\(folder)\" is outside the repository"
            ),
            "\(result)"
        )
        let absolute = PathText.absolute(folder, from: repo.root.path)
        #expect(!FileManager.default.fileExists(atPath: absolute))
    }
}

@Suite struct LinkArgumentTests {
    @Test(arguments: [
        ["link", "2", "", "1", "Amended by"],
        ["link", "2", "Amends", "1", " "],
        ["link", "2", "Amends", "2", "Amended by"],
        ["link", "2", "Two\nlines", "1", "Amended by"],
        ["new", "--no-edit", "-l", "1::Amended by", "Empty link"],
        ["new", "--no-edit", "-l", "1:Amends:", "Empty reverse"],
    ])
    func aLinkNothingCouldReadIsRefused(arguments: [String]) throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        let before = try repo.snapshot()
        let result = try repo.adr(arguments: arguments)
        #expect(result.status == 2, "\(result)")
        #expect(try repo.snapshot() == before)
    }

    @Test func linkingTwiceWritesOneLine() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        try repo.adr("link", "2", "Amends", "1", "Amended by")
        let once = try repo.snapshot()
        #expect(try repo.adr("link", "2", "Amends", "1", "Amended by").status == 0)
        #expect(try repo.snapshot() == once)
    }
}

/// Path arithmetic for the tests, as adr does it.
private enum PathText {
    static func absolute(_ path: String, from base: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base + "/")).standardizedFileURL
            .path
    }
}

@Suite struct RealLogNamingTests {
    @Test func newRecordsFollowTheLogsNamingAndListInNumberOrder() throws {
        let repo = try TestRepository()
        for name in ["00-zero.md", "01-one.md", "10-ten.md"] {
            try repo.write("doc/adr/" + name, "# X\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n")
        }
        let new = try repo.adr("new", "--no-edit", "-l", "1:Amends:Amended by", "Eleven")
        #expect(new.stdout == "doc/adr/11-eleven.md\n", "\(new)")
        try repo.write("doc/adr/9-nine.md", "# 9. Nine\n")
        #expect(
            try repo.adr("list").stdoutLines == [
                "doc/adr/00-zero.md", "doc/adr/01-one.md", "doc/adr/9-nine.md", "doc/adr/10-ten.md",
                "doc/adr/11-eleven.md",
            ]
        )
    }

    @Test func listWarnsAboutRecordsSharingANumber() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write("doc/adr/0001-other.md", "# 1. Other\n\n## Status\n\nAccepted\n")
        let list = try repo.adr("list")
        #expect(list.status == 0, "\(list)")
        #expect(
            list.stderr.contains(
                "doc/adr/0001-other.md: number 1 is also taken by 0001-record-architecture-decisions.md"
            ),
            "\(list)"
        )
    }

    @Test func aTopLevelLogIsTheDefaultBesideNamedLogs() throws {
        let repo = try TestRepository()
        try repo.write(".adr.yml", "log: docs/adr\nlogs:\n  - name: a\n    log: pkg/a/adr\n")
        try repo.makeDirectory("docs/adr")
        try repo.makeDirectory("pkg/a/adr")
        #expect(try repo.adr("new", "--no-edit", "Top").stdout == "docs/adr/0001-top.md\n")
        #expect(
            try repo.adr("--log", "a", "new", "--no-edit", "In a").stdout
                == "pkg/a/adr/0001-in-a.md\n"
        )
    }
}

import Foundation
import Testing

/// `adr list`, finding the log from anywhere in the project, and `upgrade-repository`.
@Suite struct FindingTheLogTests {
    @Test func listPrintsOnePathPerLineInOrder() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Second Record")
        try repo.adr("new", "--no-edit", "Third Record")
        let result = try repo.adr("list")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout
                == "doc/adr/0001-record-architecture-decisions.md\ndoc/adr/0002-second-record.md\ndoc/adr/0003-third-record.md\n"
        )
    }

    @Test func listWithoutALogSaysTheFolderDoesNotExist() throws {
        let repo = try TestRepository()
        let result = try repo.adr("list")
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("The doc/adr directory does not exist"), "\(result)")
    }

    @Test func theLogIsFoundFromASubfolderAndPathsAreRelativeToIt() throws {
        let repo = try TestRepository()
        try repo.adr("new", "--no-edit", "First Record")
        try repo.makeDirectory("subdir/deeper")
        let new = try repo.adr("new", "--no-edit", "Second Record", in: "subdir")
        #expect(new.status == 0, "\(new)")
        #expect(new.stdout == "../doc/adr/0002-second-record.md\n")
        let list = try repo.adr("list", in: "subdir/deeper")
        #expect(
            list.stdout
                == "../../doc/adr/0001-first-record.md\n../../doc/adr/0002-second-record.md\n",
            "\(list)"
        )
        let fromRoot = try repo.adr("list")
        #expect(fromRoot.stdout == "doc/adr/0001-first-record.md\ndoc/adr/0002-second-record.md\n")
        #expect(!repo.exists("subdir/doc"))
    }

    @Test func theLogNamedInAdrDirIsFoundFromASubfolder() throws {
        let repo = try TestRepository()
        try repo.adr("init", "architecture-log")
        try repo.makeDirectory("subdir")
        let new = try repo.adr("new", "--no-edit", "Second Record", in: "subdir")
        #expect(new.status == 0, "\(new)")
        #expect(new.stdout == "../architecture-log/0002-second-record.md\n")
        let list = try repo.adr("list", in: "subdir")
        #expect(
            list.stdout
                == "../architecture-log/0001-record-architecture-decisions.md\n../architecture-log/0002-second-record.md\n"
        )
        #expect(!repo.exists("doc"))
    }

    @Test func aHandWrittenAdrDirIsHonoured() throws {
        let repo = try TestRepository()
        try repo.write(".adr-dir", "docs/architecture\n")
        let new = try repo.adr("new", "--no-edit", "First Record")
        #expect(new.status == 0, "\(new)")
        #expect(new.stdout == "docs/architecture/0001-first-record.md\n")
        #expect(repo.exists("docs/architecture/0001-first-record.md"))
    }

    @Test func upgradeRepositoryRewritesOldDatesToIso() throws {
        let repo = try TestRepository()
        try repo.adr("new", "--no-edit", "First Record")
        try repo.adr("new", "--no-edit", "Second Record")
        let first = try repo.read("doc/adr/0001-first-record.md")
        let second = try repo.read("doc/adr/0002-second-record.md")
        try repo.write(
            "doc/adr/0001-first-record.md",
            first.replacingOccurrences(of: "Date: 1992-01-12", with: "Date: 12/01/1992")
        )
        try repo.write(
            "doc/adr/0002-second-record.md",
            second.replacingOccurrences(of: "Date: 1992-01-12", with: "Date: 03/11/2004")
        )
        let result = try repo.adr("upgrade-repository")
        #expect(result.status == 0, "\(result)")
        #expect(try repo.read("doc/adr/0001-first-record.md") == first)
        #expect(
            try repo.read("doc/adr/0002-second-record.md")
                == second.replacingOccurrences(of: "Date: 1992-01-12", with: "Date: 2004-11-03")
        )
    }
}

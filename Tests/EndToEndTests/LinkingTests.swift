import Foundation
import Testing

/// Supersede and link paragraphs in the Status section, byte-compatible with adr-tools.
@Suite struct LinkingTests {
    private func header(_ number: Int, _ title: String, status: [String]) -> String {
        "# \(number). \(title)\n\nDate: 1992-01-12\n\n## Status\n\n"
            + status.map { $0 + "\n\n" }.joined() + "## Context\n"
    }

    @Test func supersedingARecordLinksBothWaysAndDropsAccepted() throws {
        let repo = try TestRepository()
        try repo.adr("new", "--no-edit", "First Record")
        try repo.adr("new", "--no-edit", "Second Record")
        let result = try repo.adr("new", "--no-edit", "-s", "2", "Third Record")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "doc/adr/0003-third-record.md\n")

        let old = try repo.read("doc/adr/0002-second-record.md")
        #expect(
            old.hasPrefix(
                header(
                    2,
                    "Second Record",
                    status: ["Superceded by [3. Third Record](0003-third-record.md)"]
                )
            ),
            "\(old)"
        )
        let new = try repo.read("doc/adr/0003-third-record.md")
        #expect(
            new.hasPrefix(
                header(
                    3,
                    "Third Record",
                    status: ["Accepted", "Supercedes [2. Second Record](0002-second-record.md)"]
                )
            ),
            "\(new)"
        )
        // Record 1 is untouched.
        #expect(
            try repo.read("doc/adr/0001-first-record.md").hasPrefix(
                header(1, "First Record", status: ["Accepted"])
            )
        )
    }

    @Test func supersedingSeveralRecordsAddsOneParagraphEachInArgumentOrder() throws {
        let repo = try TestRepository()
        try repo.adr("new", "--no-edit", "First Record")
        try repo.adr("new", "--no-edit", "Second Record")
        let result = try repo.adr("new", "--no-edit", "-s", "1", "-s", "2", "Third Record")
        #expect(result.status == 0, "\(result)")
        for (number, title, file) in [
            (1, "First Record", "0001-first-record.md"),
            (2, "Second Record", "0002-second-record.md"),
        ] {
            let old = try repo.read("doc/adr/\(file)")
            #expect(
                old.hasPrefix(
                    header(
                        number,
                        title,
                        status: ["Superceded by [3. Third Record](0003-third-record.md)"]
                    )
                ),
                "\(old)"
            )
        }
        let new = try repo.read("doc/adr/0003-third-record.md")
        #expect(
            new.hasPrefix(
                header(
                    3,
                    "Third Record",
                    status: [
                        "Accepted",
                        "Supercedes [1. First Record](0001-first-record.md)",
                        "Supercedes [2. Second Record](0002-second-record.md)",
                    ]
                )
            ),
            "\(new)"
        )
    }

    @Test func newWithLinkOptionsLinksBothWays() throws {
        let repo = try TestRepository()
        try repo.adr("new", "--no-edit", "First Record")
        try repo.adr("new", "--no-edit", "Second Record")
        let result = try repo.adr(
            "new",
            "--no-edit",
            "-l",
            "1:Amends:Amended by",
            "-l",
            "2:Clarifies:Clarified by",
            "Third Record"
        )
        #expect(result.status == 0, "\(result)")
        #expect(
            try repo.read("doc/adr/0001-first-record.md").hasPrefix(
                header(
                    1,
                    "First Record",
                    status: ["Accepted", "Amended by [3. Third Record](0003-third-record.md)"]
                )
            )
        )
        #expect(
            try repo.read("doc/adr/0002-second-record.md").hasPrefix(
                header(
                    2,
                    "Second Record",
                    status: ["Accepted", "Clarified by [3. Third Record](0003-third-record.md)"]
                )
            )
        )
        #expect(
            try repo.read("doc/adr/0003-third-record.md").hasPrefix(
                header(
                    3,
                    "Third Record",
                    status: [
                        "Accepted", "Amends [1. First Record](0001-first-record.md)",
                        "Clarifies [2. Second Record](0002-second-record.md)",
                    ]
                )
            )
        )
    }

    @Test func linkConnectsTwoExistingRecords() throws {
        let repo = try TestRepository()
        try repo.adr("new", "--no-edit", "First Record")
        try repo.adr("new", "--no-edit", "Second Record")
        try repo.adr("new", "--no-edit", "Third Record")
        let result = try repo.adr("link", "3", "Amends", "1", "Amended by")
        #expect(result.status == 0, "\(result)")
        #expect(
            try repo.read("doc/adr/0003-third-record.md").hasPrefix(
                header(
                    3,
                    "Third Record",
                    status: ["Accepted", "Amends [1. First Record](0001-first-record.md)"]
                )
            )
        )
        #expect(
            try repo.read("doc/adr/0001-first-record.md").hasPrefix(
                header(
                    1,
                    "First Record",
                    status: ["Accepted", "Amended by [3. Third Record](0003-third-record.md)"]
                )
            )
        )
        #expect(
            try repo.read("doc/adr/0002-second-record.md").hasPrefix(
                header(2, "Second Record", status: ["Accepted"])
            )
        )
    }

    @Test func supersedeCommandDoesExactlyWhatNewWithSupersedeDoes() throws {
        func build(_ command: [String]) throws -> [String: Data] {
            let repo = try TestRepository()
            try repo.adr("init")
            try repo.adr("new", "--no-edit", "Use a queue")
            // No VISUAL or EDITOR is set, so neither command opens an editor.
            let result = try repo.adr(arguments: command)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == "doc/adr/0003-use-a-better-queue.md\n", "\(result)")
            return try repo.snapshot()
        }
        let viaSupersede = try build(["supersede", "2", "Use", "a", "better", "queue"])
        let viaNew = try build(["new", "-s", "2", "Use", "a", "better", "queue"])
        #expect(viaSupersede == viaNew)
    }
}

/// Links in prose are plain references, apart from the typed links, in JSON.
@Suite struct ProseReferenceTests {
    @Test func aLinkInProseIsAReferenceInListAndShowJSON() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        let path = "doc/adr/0002-use-a-queue.md"
        try repo.write(
            path,
            try repo.read(path)
                + "\nAs discussed in [1](0001-record-architecture-decisions.md), we chose it.\n"
        )
        for arguments in [["list", "--format", "json"], ["show", "2", "--format", "json"]] {
            let result = try repo.adr(arguments: arguments)
            #expect(result.status == 0, "\(result)")
            let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let record = try #require(
                (parsed as? [[String: Any]])?.last ?? (parsed as? [String: Any]),
                "\(result)"
            )
            #expect((record["links"] as? [Any])?.isEmpty == true, "\(record)")
            let references = try #require(record["references"] as? [[String: String]])
            #expect(
                references == [
                    ["target": "doc/adr/0001-record-architecture-decisions.md", "text": "1"]
                ],
                "\(record)"
            )
        }
    }
}

import Foundation
import Testing

/// `adr site` and `adr why` run as a user would, in temporary git repositories.
@Suite struct SiteTests {
    @Test func aSiteIsBuiltWithHistoryAndApprovals() throws {
        let repo = try TestRepository.withCommittedRecord(
            trailer: "Approved-by: Bo Reviewer <bo@example.com>"
        )
        let result = try repo.adr("site")
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == ".adr/site")
        #expect(lines.last?.hasPrefix("2 records, 7 pages, ") == true, "\(result)")
        for page in [
            "index.html", "patterns.html", "timeline.html", "graph.html", "404.html",
            "adrs.json", "feed.xml", "badge.svg", "search-index.js", "search-text.js", "site.css",
            "site.js",
            "0001-record-architecture-decisions.html", "0002-use-postgres.html",
        ] {
            #expect(repo.exists(".adr/site/" + page), "\(page) is missing")
        }
        #expect(!repo.exists(".adr/site/sitemap.xml"))
        let record = try repo.read(".adr/site/0002-use-postgres.html")
        #expect(record.contains("Bo Reviewer &lt;bo@example.com&gt;"))
        #expect(record.contains("Add 0002"))
        #expect(record.contains("Content-Security-Policy"))
        let data = try JSONSerialization.jsonObject(
            with: Data(try repo.read(".adr/site/adrs.json").utf8)
        )
        let json = try #require(data as? [String: Any])
        #expect(json["version"] as? Int == 1)
        #expect((json["records"] as? [Any])?.count == 2)
    }

    /// The site reads every record's approvals in one pass over the repository; `adr show`
    /// reads one record's. Both must judge them the same: notes on a commit that touched
    /// several records, trailers, and an approval made stale by a later edit.
    @Test func theSiteShowsTheApprovalsAdrShowGivesForEveryRecord() throws {
        let repo = try TestRepository.withCommittedRecord(
            trailer: "Approved-by: Bo Reviewer <bo@example.com>"
        )
        try repo.adr("new", "--no-edit", "Use a queue")
        try repo.adr("new", "--no-edit", "Use streams")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Add 0003 and 0004")
        #expect(try repo.adr("approve", "3", "--by", "Cy <cy@example.com>").status == 0)
        #expect(try repo.adr("approve", "4", "--by", "Cy <cy@example.com>").status == 0)
        #expect(try repo.adr("approve", "4", "--by", "Di <di@example.com>").status == 0)
        let record = "doc/adr/0003-use-a-queue.md"
        try repo.write(record, try repo.read(record) + "\nA later thought.\n")
        try repo.git("commit", "-q", "-am", "Edit 0003")
        #expect(try repo.adr("site").status == 0)
        let site = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try repo.read(".adr/site/adrs.json").utf8)
            ) as? [String: Any]
        )
        let records = try #require(site["records"] as? [[String: Any]])
        var judged = 0
        for (number, entry) in zip(1...4, records) {
            let shown = try repo.adr("show", "\(number)", "--format", "json")
            let object = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8))
            let expected = ((object as? [String: Any])?["approvals"] as? [[String: Any]]) ?? []
            let found = entry["approvals"] as? [[String: Any]] ?? []
            #expect(found.count == expected.count, "record \(number)")
            for (site, show) in zip(found, expected) {
                #expect(site["approver"] as? String == show["by"] as? String)
                #expect(site["current"] as? Bool == show["current"] as? Bool)
                #expect(site["source"] as? String == show["source"] as? String)
                #expect(
                    (site["changedBy"] as? String).map { String($0.prefix(7)) }
                        == (show["changedBy"] as? String).map { String($0.prefix(7)) }
                )
                judged += 1
            }
        }
        // The trailer of the commit that added 0001 and 0002 (one for each), 0003's stale
        // note, 0004's two notes.
        #expect(judged == 5)
        #expect((records[2]["approvals"] as? [[String: Any]])?.first?["current"] as? Bool == false)
    }

    /// A note is read for each record its commit changed: what cannot be read in it is
    /// said once, and the rest of the note still counts.
    @Test func aBadLineOfANoteOnACommitOfTwoRecordsIsReportedOnce() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.adr("new", "--no-edit", "Use a queue")
        try repo.adr("new", "--no-edit", "Use streams")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Add 0003 and 0004")
        #expect(try repo.adr("approve", "3", "--by", "Cy <cy@example.com>").status == 0)
        let note = try repo.git("notes", "--ref", "refs/notes/adr", "show", "HEAD").stdout
        try repo.git(
            "notes",
            "--ref",
            "refs/notes/adr",
            "add",
            "-f",
            "-m",
            note + "\nadr-approval v1\nrecord: doc/adr/0004-use-streams.md\nbogus line\n"
        )
        let result = try repo.adr("site")
        #expect(result.status == 0, "\(result)")
        let warnings = result.stderr.split(separator: "\n").filter {
            $0.contains("warning: note on")
        }
        #expect(warnings.count == 1, "\(result)")
        #expect(
            try repo.read(".adr/site/0003-use-a-queue.html").contains("Cy &lt;cy@example.com&gt;")
        )
    }

    @Test func aRebuildReplacesTheSiteAndAFailedOneLeavesIt() throws {
        let repo = try TestRepository.withCommittedRecord()
        #expect(try repo.adr("site", "--base-url", "https://example.com/adr").status == 0)
        #expect(repo.exists(".adr/site/sitemap.xml"))
        #expect(try repo.adr("site").status == 0)
        #expect(!repo.exists(".adr/site/sitemap.xml"), "the old site was not replaced")
        let before = try repo.read(".adr/site/index.html")
        try repo.write(".adr.yml", "site:\n  theme: theme\n")
        try repo.makeDirectory("theme")
        try repo.write("theme/index.mustache", "{{#broken}}\n")
        let failed = try repo.adr("site")
        #expect(failed.status == 2, "\(failed)")
        #expect(failed.stderr.contains("index.mustache"), "\(failed)")
        #expect(try repo.read(".adr/site/index.html") == before)
        #expect(try repo.files(in: ".adr").sorted() == ["site"])
    }

    @Test func aRerunWithNothingChangedKeepsTheSiteAndAnEditRebuildsIt() throws {
        let repo = try TestRepository.withCommittedRecord()
        #expect(try repo.adr("site").status == 0)
        let marker = try repo.read(".adr/site/.adr-site")
        try repo.write(".adr/site/probe", "left alone\n")
        let again = try repo.adr("site")
        #expect(again.stdout.contains("2 records"), "\(again)")
        #expect(repo.exists(".adr/site/probe"), "an unchanged site was rebuilt")
        try repo.write(
            "doc/adr/0002-use-postgres.md",
            try repo.read("doc/adr/0002-use-postgres.md").replacingOccurrences(
                of: "# 2. Use Postgres",
                with: "# 2. Use PostgreSQL 16"
            )
        )
        #expect(try repo.adr("site").status == 0)
        #expect(!repo.exists(".adr/site/probe"))
        #expect(try repo.read(".adr/site/0002-use-postgres.html").contains("Use PostgreSQL 16"))
        #expect(try repo.read(".adr/site/.adr-site") != marker)
        #expect(try repo.adr("site", "--no-cache").status == 0)
    }

    @Test func aRebuildRendersOnlyThePagesAnEditChangesAndMatchesAFullBuild() throws {
        let repo = try TestRepository.withCommittedRecord()
        #expect(try repo.adr("new", "--no-edit", "Use a queue").status == 0)
        #expect(try repo.adr("new", "--no-edit", "-s", "3", "Use a log").status == 0)
        // Older than the records cache's racy window: the rebuilds take the records they
        // did not change from the cache, and must still match a build that parses them.
        for name in try repo.files(in: "doc/adr") where name.hasSuffix(".md") {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)],
                ofItemAtPath: repo.url("doc/adr/" + name).path
            )
        }
        #expect(try repo.adr("site").status == 0)

        // An edit to the first record's body shows on its page only.
        let first = "doc/adr/0001-record-architecture-decisions.md"
        try repo.write(first, try repo.read(first) + "\nOne more paragraph.\n")
        let edited = try repo.adr("site")
        #expect(edited.status == 0, "\(edited)")
        #expect(
            edited.stdout.contains("4 records, 9 pages (1 record page rendered, 3 kept), "),
            "\(edited)"
        )
        #expect(
            try repo.read(".adr/site/0001-record-architecture-decisions.html").contains(
                "One more paragraph."
            )
        )

        // A new title shows on the page of the record it superseded too.
        let third = "doc/adr/0003-use-a-queue.md"
        try repo.write(
            third,
            try repo.read(third).replacingOccurrences(of: "Use a queue", with: "Use a broker")
        )
        // A kept page that went missing from the site is rendered again.
        try FileManager.default.removeItem(at: repo.url(".adr/site/0002-use-postgres.html"))
        let renamed = try repo.adr("site")
        #expect(renamed.status == 0, "\(renamed)")
        #expect(try repo.read(".adr/site/0004-use-a-log.html").contains("Use a broker"))
        #expect(repo.exists(".adr/site/0002-use-postgres.html"))

        #expect(try repo.adr("site", "--no-cache", "--out", "full").status == 0)
        let files = try repo.snapshot()
        func site(_ prefix: String) -> [String: Data] {
            var result: [String: Data] = [:]
            for (path, bytes) in files where path.hasPrefix(prefix) && !path.hasSuffix(".adr-site")
            {
                result[String(path.dropFirst(prefix.count))] = bytes
            }
            return result
        }
        let kept = site(".adr/site/")
        let full = site("full/")
        #expect(kept.keys.sorted() == full.keys.sorted())
        for (path, bytes) in full where kept[path] != bytes {
            Issue.record("\(path) differs from a full build")
        }
    }

    @Test func imagesUnderTheLogAreCopiedAndSymbolicLinksAreNot() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.write("doc/adr/diagram.png", "PNG")
        try FileManager.default.createSymbolicLink(
            atPath: repo.url("doc/adr/secret.png").path,
            withDestinationPath: "/etc/passwd"
        )
        let record = "doc/adr/0002-use-postgres.md"
        try repo.write(record, try repo.read(record) + "\n![a](diagram.png) ![b](secret.png)\n")
        #expect(try repo.adr("site").status == 0)
        let page = try repo.read(".adr/site/0002-use-postgres.html")
        #expect(page.contains("<img src=\"files/doc/adr/diagram.png\" alt=\"a\" />"))
        #expect(!page.contains("secret.png"))
        #expect(try repo.read(".adr/site/files/doc/adr/diagram.png") == "PNG")
        #expect(!repo.exists(".adr/site/files/doc/adr/secret.png"))
    }

    @Test func aFolderAdrDidNotBuildIsNeverReplaced() throws {
        let repo = try TestRepository.withCommittedRecord()
        try repo.makeDirectory("public")
        try repo.write("public/keep.txt", "mine\n")
        let result = try repo.adr("site", "--out", "public")
        #expect(result.status == 2)
        #expect(result.stderr.contains("refusing to replace it"), "\(result)")
        #expect(try repo.read("public/keep.txt") == "mine\n")
    }

    @Test func outsideGitTheSiteHasNoHistoryAndSaysSoOnce() throws {
        let repo = try TestRepository()
        try FileManager.default.removeItem(at: repo.url(".git"))
        try repo.adr("init")
        let result = try repo.adr("site", "--out", "out")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.components(separatedBy: "without history").count == 2, "\(result)")
        #expect(
            !(try repo.read("out/0001-record-architecture-decisions.html")).contains(
                "id=\"history\""
            )
        )
    }

    @Test func aMonorepoSiteHasAFolderPerNamedLog() throws {
        let repo = try TestRepository()
        try repo.write(
            ".adr.yml",
            "logs:\n  - name: api\n    log: services/api/adr\n  - name: web\n    log: web/adr\n"
        )
        try repo.adr("new", "--log", "api", "--no-edit", "Use gRPC")
        try repo.adr("new", "--log", "web", "--no-edit", "Use React")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Two logs")
        let result = try repo.adr("site")
        #expect(result.status == 0, "\(result)")
        #expect(repo.exists(".adr/site/api/0001-use-grpc.html"))
        #expect(repo.exists(".adr/site/web/0001-use-react.html"))
        let index = try repo.read(".adr/site/index.html")
        #expect(index.contains("<option value=\"api\">api</option>"))
        #expect(index.contains("href=\"web/0001-use-react.html\""))
    }

    @Test func includedCheckoutsJoinTheSiteLabelledWithTheirRepository() throws {
        let repo = try TestRepository.withCommittedRecord()
        let other = try TestRepository.withCommittedRecord()
        let result = try repo.adr("site", "--include", other.root.path)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("4 records"), "\(result)")
        let name = other.root.lastPathComponent
        #expect(repo.exists(".adr/site/\(name)/0002-use-postgres.html"))
        #expect(repo.exists(".adr/site/main/0002-use-postgres.html"))
    }

    @Test func anExportedAdrsJSONJoinsTheSiteWithItsHistory() throws {
        let other = try TestRepository.withCommittedRecord(
            trailer: "Approved-by: Bo Reviewer <bo@example.com>"
        )
        #expect(try other.adr("site", "--title", "Billing decisions").status == 0)
        let repo = try TestRepository.withCommittedRecord()
        let result = try repo.adr(
            "site",
            "--include",
            other.url(".adr/site/adrs.json").path
        )
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("4 records"), "\(result)")
        let page = try repo.read(".adr/site/billing-decisions/0002-use-postgres.html")
        #expect(page.contains("Use Postgres"))
        #expect(page.contains("Add 0002"), "the history came along")
        #expect(page.contains("Bo Reviewer"), "the approvals came along")
        let bad = try repo.adr("site", "--include", "nothing.json")
        #expect(bad.status == 2)
    }

    @Test func whyNamesTheDecisionThatHoldsAndTheOnesBeforeIt() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write(
            "doc/adr/0002-poll.md",
            "# Poll\n\n- Status: superseded by [Queue](0003-queue.md)\n- Tags: messaging\n\n## Rationale\n\nSimple.\n"
        )
        try repo.write(
            "doc/adr/0003-queue.md",
            "# Queue\n\n- Status: accepted\n- Date: 2025-02-01\n- Tags: messaging\n\n## Rationale\n\nIt decouples.\n\n## Links\n\n- Supersedes [Poll](0002-poll.md)\n"
        )
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Records")
        let text = try repo.adr("why", "messaging")
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("Holds now: 3. Queue (accepted, 2025-02-01)"), "\(text)")
        #expect(text.stdout.contains("why: It decouples."))
        #expect(text.stdout.contains("Before it:\n  2. Poll (superseded"), "\(text)")
        let json = try repo.adr("why", "mess", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
        let holding = (object as? [String: Any])?["holding"] as? [String: Any]
        #expect(holding?["title"] as? String == "Queue")
        let unknown = try repo.adr("why", "nothing")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no record names the topic \"nothing\""), "\(unknown)")
    }
}

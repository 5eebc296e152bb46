import Foundation
import Testing

/// `adr audit` in repositories with a `main` branch and a pull-request branch made with
/// the git CLI, one per scenario.
@Suite struct AuditTests {
    private let postgres = "doc/adr/0002-use-postgres.md"

    /// `main` with records 1 and 2 (accepted), and the branch `pr` checked out from it.
    private func pullRequest() throws -> TestRepository {
        let repo = try TestRepository.withCommittedRecord()
        try repo.git("branch", "-M", "main")
        try repo.git("checkout", "-q", "-b", "pr")
        return repo
    }

    private func commit(_ repo: TestRepository, _ message: String) throws {
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", message)
    }

    @Test func aCleanLogPassesWithoutFindings() throws {
        let repo = try pullRequest()
        let result = try repo.adr("audit", "--base", "main", "--strict")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("0 errors, 0 warnings, 0 notes in 2 records"), "\(result)")
    }

    @Test func rewritingAnAcceptedRecordFailsOnTheChangedLine() throws {
        let repo = try pullRequest()
        let text = try repo.read(postgres)
        try repo.write(
            postgres,
            text.replacingOccurrences(
                of: "## Decision\n\n",
                with: "## Decision\n\nWe will use MySQL.\n\n"
            )
        )
        try commit(repo, "Rewrite 2")
        let result = try repo.adr("audit", "--base", "main")
        #expect(result.status == 1, "\(result)")
        let line = try #require(text.lines.firstIndex(of: "## Decision")) + 3
        #expect(
            result.stdout.hasPrefix(
                "\(postgres):\(line):1: error: the decision text changed, but the record was accepted on main"
            ),
            "\(result)"
        )
        #expect(result.stdout.hasSuffix("[decided-record-changed]\n"))
        // Without --base the log itself is fine.
        #expect(try repo.adr("audit").status == 0)
    }

    @Test func aStatusOnlyChangeAndASupersedePass() throws {
        let repo = try pullRequest()
        try repo.adr("new", "--no-edit", "-s", "2", "Use MySQL")
        try commit(repo, "Supersede 2")
        let result = try repo.adr("audit", "--base", "main")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test func deletingARecordFails() throws {
        let repo = try pullRequest()
        try repo.git("rm", "-q", postgres)
        try repo.git("commit", "-q", "-m", "Drop 2")
        let result = try repo.adr("audit", "--base", "main", "--format", "json")
        #expect(result.status == 1, "\(result)")
        let object =
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        #expect(findings.map { $0["rule"] as? String } == ["record-deleted"])
        #expect(findings.first?["path"] as? String == postgres)
        #expect((object?["summary"] as? [String: Int])?["error"] == 1)
    }

    @Test func aNumberTakenOnBothBranchesFailsNamingRenumber() throws {
        let repo = try pullRequest()
        try repo.adr("new", "--no-edit", "Use Redis")
        try commit(repo, "Add 3 on the branch")
        try repo.git("checkout", "-q", "main")
        try repo.adr("new", "--no-edit", "Use Kafka")
        try commit(repo, "Add 3 on main")
        try repo.git("checkout", "-q", "pr")
        let result = try repo.adr("audit", "--base", "main")
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdout.contains(
                "doc/adr/0003-use-redis.md:1:1: error: number 3 was taken on main by doc/adr/0003-use-kafka.md"
            ),
            "\(result)"
        )
        #expect(result.stdout.contains("adr renumber 3"))
    }

    @Test func aBaseThatIsMissingIsAnOperationalErrorNamingTheFetch() throws {
        let repo = try pullRequest()
        let result = try repo.adr("audit", "--base", "origin/main")
        #expect(result.status == 2, "\(result)")
        #expect(
            result.stderr.contains(
                "adr: error: base \"origin/main\" not found; fetch it first: git fetch origin main"
            ),
            "\(result)"
        )
        #expect(result.stderr.contains("fetch-depth: 0"))
    }

    @Test func aShallowCloneWithoutTheMergeBaseNamesTheFix() throws {
        let repo = try pullRequest()
        try repo.adr("new", "--no-edit", "Use Redis")
        try commit(repo, "Add 3")
        try repo.git("checkout", "-q", "main")
        try repo.adr("new", "--no-edit", "Use Kafka")
        try commit(repo, "Add 4 on main")
        try repo.git(
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            "-b",
            "pr",
            "file://" + repo.root.path,
            "clone"
        )
        let result = try repo.adr("audit", "--base", "origin/main", in: "clone")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("shallow clone"), "\(result)")
        #expect(result.stderr.contains("fetch-depth: 0"), "\(result)")
    }

    @Test func theWorktreeIsAuditedForAPreCommitHook() throws {
        let repo = try pullRequest()
        try repo.write(postgres, try repo.read(postgres) + "\nSee [the spec](../spec.md).\n")
        #expect(try repo.adr("audit").status == 0)
        let result = try repo.adr("audit", "--worktree")
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdout.contains("error: link to ../spec.md: no such file [dangling-link]"),
            "\(result)"
        )
        try repo.write("doc/spec.md", "# Spec\n")
        #expect(try repo.adr("audit", "--worktree").status == 0)
    }

    @Test func warningsFailOnlyWithStrictAndRulesCanBeTurnedOff() throws {
        let repo = try pullRequest()
        try repo.write(
            postgres,
            try repo.read(postgres).replacingOccurrences(of: "Date: \(testDate)\n\n", with: "")
        )
        try commit(repo, "Drop the date")
        let result = try repo.adr("audit")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "\(postgres):1:1: warning: no date [missing-date]\n", "\(result)")
        #expect(try repo.adr("audit", "--strict").status == 1)
        let off = try repo.adr("audit", "--strict", "--rule", "missing-date=off")
        #expect(off.status == 0 && off.stdout.isEmpty, "\(off)")
        try repo.write(".adr.yml", "audit:\n  missing-date: error\n")
        #expect(try repo.adr("audit").status == 1)
    }

    @Test func aBadRuleIsAUsageError() throws {
        let repo = try pullRequest()
        #expect(try repo.adr("audit", "--rule", "no-such-rule=off").status == 64)
        #expect(try repo.adr("audit", "--rule", "missing-date=loud").status == 64)
        try repo.write(".adr.yml", "audit:\n  no-such-rule: off\n")
        let configured = try repo.adr("audit")
        #expect(configured.status == 2, "\(configured)")
        #expect(configured.stderr.contains("unknown rule \"no-such-rule\""))
    }

    @Test func githubAnnotationsComeErrorsFirstWithASummary() throws {
        let repo = try pullRequest()
        try repo.write(
            postgres,
            try repo.read(postgres).replacingOccurrences(of: "Date: \(testDate)\n\n", with: "")
                + "\n[x](0009-gone.md)\n"
        )
        try commit(repo, "Break 2")
        let result = try repo.adr(
            "audit",
            "--format",
            "github",
            "--summary",
            "summary.md",
            "--base",
            "main"
        )
        #expect(result.status == 1, "\(result)")
        let lines = result.stdout.lines
        #expect(
            lines.first?.hasPrefix("::error file=doc/adr/0002-use-postgres.md,line=") == true,
            "\(result)"
        )
        #expect(
            lines.last
                == "::warning file=doc/adr/0002-use-postgres.md,line=1,col=1,title=missing-date::no date"
        )
        let summary = try repo.read("summary.md")
        #expect(
            summary.contains("| error | `dangling-link` | doc/adr/0002-use-postgres.md |"),
            "\(summary)"
        )
        try repo.adr("audit", "--summary", "summary.md")
        #expect(try repo.read("summary.md").components(separatedBy: "### adr audit").count == 3)
    }

    @Test func aBaselineKeepsOldFindingsFromFailing() throws {
        let repo = try pullRequest()
        try repo.write(postgres, try repo.read(postgres) + "\n[x](0009-gone.md)\n")
        try commit(repo, "Break 2")
        #expect(try repo.adr("audit").status == 1)
        let written = try repo.adr("audit", "--write-baseline", ".adr-baseline")
        #expect(written.status == 0, "\(written)")
        let baselined = try repo.adr("audit", "--baseline", ".adr-baseline")
        #expect(baselined.status == 0 && baselined.stdout.isEmpty, "\(baselined)")
        #expect(baselined.stderr.contains("1 in the baseline not shown"))
        try repo.write(postgres, "\n\n" + (try repo.read(postgres)) + "\n[y](0010-gone.md)\n")
        try commit(repo, "Break 2 again")
        let again = try repo.adr("audit", "--baseline", ".adr-baseline")
        #expect(again.status == 1, "\(again)")
        #expect(again.stdout.lines.count == 1, "\(again)")
        #expect(again.stdout.contains("0010-gone.md"))
    }

    @Test func historyReportsEveryRewriteWithWhoAndWhen() throws {
        let repo = try pullRequest()
        try repo.write(postgres, try repo.read(postgres) + "\nOne more consequence.\n")
        try commit(repo, "Edit 2 after acceptance")
        try repo.git("checkout", "-q", "main")
        try repo.git("merge", "-q", "--ff-only", "pr")
        let result = try repo.adr("audit", "--history")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("error: decision text rewritten in "), "\(result)")
        #expect(
            result.stdout.contains(
                "by Ada Tester <ada@example.com> on 1992-01-12 while the record was accepted [decided-record-changed]"
            )
        )
    }

    @Test func anAcceptedRecordNeedsTheApprovalsRequired() throws {
        let repo = try pullRequest()
        try repo.write(".adr.yml", "approvals:\n  required: 1\n  approvers: [bo@example.com]\n")
        try repo.adr("new", "--no-edit", "Use Redis")
        try commit(repo, "Add 3")
        let result = try repo.adr("audit", "--base", "main")
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdout.contains(
                "doc/adr/0003-use-redis.md:5:1: error: accepted with 0 of the 1 current approvals required"
            ),
            "\(result)"
        )
        try repo.git("commit", "-q", "--amend", "-m", "Add 3\n\nApproved-by: Bo <bo@example.com>")
        let approved = try repo.adr("audit", "--base", "main")
        #expect(approved.status == 0, "\(approved)")
    }

    @Test func sarifAndJUnitAndCodeQualityAreWrittenToAFile() throws {
        let repo = try pullRequest()
        try repo.write(postgres, try repo.read(postgres) + "\n[x](0009-gone.md)\n")
        try commit(repo, "Break 2")
        for format in ["sarif", "junit", "codequality"] {
            let result = try repo.adr("audit", "--format", format, "--output", "report.\(format)")
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(try repo.read("report.\(format)").contains("dangling-link"))
        }
    }

    @Test func thisRepositorysOwnDecisionsPassStrictly() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let repo = try TestRepository()
        let result = try repo.adr(
            "-C",
            root.path,
            "audit",
            "--worktree",
            "--strict",
            "--dir",
            "decisions"
        )
        #expect(result.status == 0, "\(result)")
    }

    @Test func logsShapedLikeRealOnesNeverGetAResolvableLinkCalledDangling() throws {
        let repo = try TestRepository()
        try repo.write(
            "docs/decisions/0001-use-markdown.md",
            "---\nstatus: superseded by ADR-0002\ndate: 2021-03-04\n---\n\n# Use Markdown\n\n"
                + "## Context and Problem Statement\n\nSee [the next one][next], ![the flow](0008-example.png) "
                + "and [the folder](./0003-use-go/).\n\n[next]: ./0002-use-asciidoc.md#decision-outcome\n"
        )
        try repo.write(
            "docs/decisions/0002-use-asciidoc.md",
            "\u{FEFF}---\r\nstatus: accepted\r\ndate: 2021-04-01\r\n---\r\n\r\n# Use AsciiDoc — très bien\r\n\r\n"
                + "## Decision Outcome\r\n\r\nChosen: [AsciiDoc](https://asciidoc.org), not [Markdown](0001-use-markdown.md \"title\").\r\n"
        )
        try repo.write(
            "docs/decisions/0003-use-go/index.md",
            "---\nstatus: accepted\ndate: 2021-05-01\n---\n\n# Use Go\n\nSee [the picture](diagram.png) and [our README](../../../README.md).\n"
        )
        try repo.write("docs/decisions/0003-use-go/diagram.png", "png")
        try repo.runTool("/bin/ln", ["-s", "index.md", "docs/decisions/0003-use-go/README.md"])
        try repo.write("docs/decisions/0008-example.png", "png")
        try repo.write("docs/decisions/README.md", "# Decisions\n\n[gone](0099-nope.md)\n")
        try repo.write("README.md", "# Project\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "A log")
        for arguments in [["audit"], ["audit", "--worktree"]] {
            let result = try repo.adr(arguments: arguments + ["--format", "json"])
            #expect(result.status == 0, "\(result)")
            let object =
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let rules = (object?["findings"] as? [[String: Any]] ?? []).compactMap {
                $0["rule"] as? String
            }
            #expect(rules.isEmpty, "\(result)")
        }
    }

    @Test func theWorktreeIsComparedWithTheBaseToo() throws {
        let repo = try pullRequest()
        let text = try repo.read(postgres)
        try repo.write(
            postgres,
            text.replacingOccurrences(of: "## Decision\n\n", with: "## Decision\n\nNo.\n\n")
        )
        #expect(try repo.adr("audit", "--base", "main").status == 0)
        let result = try repo.adr("audit", "--base", "main", "--worktree")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("[decided-record-changed]"), "\(result)")
    }
}

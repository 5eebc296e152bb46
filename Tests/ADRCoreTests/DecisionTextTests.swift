import ADRCore
import Testing

@Suite struct DecisionTextTests {
    private let nygard = """
        # 2. Use Postgres

        Date: 2026-01-01

        ## Status

        Proposed

        ## Context

        We need a database.

        ## Decision

        Use Postgres.

        """

    @Test func aStatusChangeLeavesTheDecisionTextAlone() {
        let accepted = RecordText.settingStatus("Accepted", in: nygard)
        #expect(accepted != nygard)
        #expect(DecisionText.normalized(accepted) == DecisionText.normalized(nygard))
    }

    @Test func aSupersedeLinkLeavesTheDecisionTextAlone() {
        let superseded = RecordText.addingLink(
            type: "Superseded by",
            text: "3. Use SQLite",
            target: "0003-use-sqlite.md",
            in: RecordText.removingAcceptedStatus(in: nygard)
        )
        #expect(superseded.contains("Superseded by [3. Use SQLite](0003-use-sqlite.md)"))
        #expect(DecisionText.normalized(superseded) == DecisionText.normalized(nygard))
    }

    @Test func anEditOfTheDecisionChangesTheText() {
        let edited = nygard.replacingOccurrences(of: "Use Postgres.", with: "Use MySQL.")
        #expect(DecisionText.normalized(edited) != DecisionText.normalized(nygard))
    }

    @Test func lineEndingsTrailingSpacesAndBlankRunsDoNotCount() {
        let messy = nygard.replacingOccurrences(of: "\n", with: "  \r\n")
            .replacingOccurrences(of: "## Decision", with: "\r\n\r\n## Decision")
        #expect(DecisionText.normalized(messy) == DecisionText.normalized(nygard))
    }

    @Test func frontMatterStatusAndStatusBulletAreLeftOut() {
        let madr4 = "---\nstatus: proposed\ndate: 2026-01-01\n---\n# Use Postgres\n\nBody.\n"
        let accepted = madr4.replacingOccurrences(of: "proposed", with: "accepted")
        #expect(DecisionText.normalized(accepted) == DecisionText.normalized(madr4))
        let madr2 = "# Use Postgres\n\n* Status: proposed\n* Date: 2026-01-01\n\nBody.\n"
        let superseded = madr2.replacingOccurrences(
            of: "proposed",
            with: "superseded by [ADR-0003](0003-x.md)"
        )
        #expect(DecisionText.normalized(superseded) == DecisionText.normalized(madr2))
        #expect(!DecisionText.normalized(madr2).contains("proposed"))
    }

    /// The history scan's shortcut must agree with the full parse and the plain
    /// normalisation on every form: front matter, status bullet, badge, section, none.
    @Test(arguments: [
        "---\nstatus: proposed\ndate: 2026-01-01\n---\n# Use Postgres\n\nBody.\n",
        "# Use Postgres\n\n* Status: superseded by [ADR-0003](0003-x.md)\n\nBody.\n",
        "# T\n\n## Status\n\n![Status: accepted](https://img.shields.io/badge/x)\n",
        "# T\n\n## Status\n\nSuperseded by [3. X](0003-x.md)\n\n## Context\n\n~~c~~ | a |\n",
        "---\nstatus: [broken\n---\n# T\n\nStatus: Accepted\n",
        "No heading, no status.\n",
    ])
    func statusAndDecisionTextAgreeWithTheFullParse(text: String) {
        let quick = DecisionRecord.statusAndDecisionText(text, path: "doc/adr/0002-t.md")
        #expect(quick.status == DecisionRecord(parsing: text, path: "doc/adr/0002-t.md").status)
        #expect(quick.decisionText == DecisionText.normalized(text))
        // Normalising is idempotent, so a history scan can hash the text it has as it is
        // and agree with a hash of the whole record.
        #expect(DecisionText.normalized(quick.decisionText) == quick.decisionText)
    }

    @Test func statusAndDecisionTextOfTheNygardSample() {
        let quick = DecisionRecord.statusAndDecisionText(nygard, path: "0002-use-postgres.md")
        #expect(quick.status == .proposed)
        #expect(quick.decisionText == DecisionText.normalized(nygard))
    }
}

@Suite struct ApprovalNoteTests {
    private let approval = Approval(
        record: "doc/adr/0002-x.md",
        textHash: "sha1:ab",
        approver: "Bo <bo@x.org>",
        date: "2026-01-01T00:00:00Z",
        comment: "fine\nby me",
        source: .note,
        commit: "c1"
    )

    @Test func aNoteReadsBackWhatWasWritten() {
        let text = ApprovalNote.text(for: [approval, approval])
        let read = ApprovalNote.approvals(in: text, commit: "c1")
        #expect(read.warnings.isEmpty)
        #expect(read.approvals.count == 2)
        #expect(read.approvals.first?.comment == "fine by me")
        #expect(read.approvals.first?.isSameApproval(as: approval) == true)
    }

    @Test func malformedBlocksAreSkippedWithAWarning() {
        let text =
            "hello\n\nadr-approval v9\nrecord: x\n\nadr-approval v1\nrecord: x\n\n"
            + ApprovalNote.text(for: [approval])
        let read = ApprovalNote.approvals(in: text, commit: "c1")
        #expect(read.approvals.count == 1)
        #expect(read.warnings.count == 3)
    }

    @Test func hugeNotesAreCut() {
        let text = ApprovalNote.text(for: [approval]) + "\n" + String(repeating: "x", count: 70_000)
        let read = ApprovalNote.approvals(in: text, commit: "c1")
        #expect(read.approvals.count == 1)
        #expect(read.warnings.contains { $0.contains("longer than") })
    }

    @Test func mergingKeepsOneEntryPerPersonAndText() {
        var other = approval
        other.approver = "Cy <cy@x.org>"
        var sameAgain = approval
        sameAgain.approver = "Bo B. <BO@x.org>"
        #expect(ApprovalNote.merging([approval], [sameAgain, other]) == [approval, other])
    }
}

@Suite struct ApprovalJudgingTests {
    private func revision(_ commit: String, _ hash: String) -> RecordRevision {
        RecordRevision(
            commit: commit,
            author: Person(name: "A", email: "a@x.org"),
            committer: Person(name: "A", email: "a@x.org"),
            date: "2026-01-01T00:00:00Z",
            summary: "",
            change: .modified,
            path: "doc/adr/0001-x.md",
            textHash: hash
        )
    }

    @Test func judgingAsksOnlyForTheHashesTheVerdictNeeds() {
        let revisions = [
            revision("c1", "h1"), revision("c2", "h1"), revision("c3", "h2"),
            revision("c4", "h3"),
        ]
        let approval = Approval(
            record: "doc/adr/0001-x.md",
            textHash: "h1",
            approver: "Bo <bo@x.org>",
            date: "2026-01-01T00:00:00Z",
            source: .trailer,
            commit: "c2"
        )
        var asked: [String] = []
        let states = ApprovalState.judging([approval], against: revisions) { revision in
            asked.append(revision.commit)
            return revision.textHash
        }
        #expect(states.first?.changedBy == "c3")
        #expect(asked == ["c2", "c3"])
    }
}

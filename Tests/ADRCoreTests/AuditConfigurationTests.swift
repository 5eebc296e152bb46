import ADRCore
import Testing

@Suite struct AuditConfigurationTests {
    @Test func auditLevelsAndApprovalRequirementsAreRead() throws {
        let configuration = try Configuration(
            parsing: """
                audit:
                  numbering-gap: off
                  duplicate-number: warning
                approvals:
                  required: 2
                  approvers: [ada@example.com, Bo Reviewer]
                  statuses: [accepted, approved]
                  distinct-approver: true
                """
        )
        #expect(configuration.audit.levels.map(\.rule) == ["numbering-gap", "duplicate-number"])
        #expect(configuration.audit.levels.map(\.level) == ["off", "warning"])
        #expect(configuration.approvals.requiredCount == 2)
        #expect(configuration.approvals.approvers == .list(["ada@example.com", "Bo Reviewer"]))
        #expect(configuration.approvals.statusesNeedingApproval == ["accepted", "approved"])
        #expect(configuration.approvals.requiresDistinctApprover)
    }

    @Test func approversMayBeAFile() throws {
        let configuration = try Configuration(
            parsing: "approvals:\n  approvers: .github/approvers\n"
        )
        #expect(configuration.approvals.approvers == .file(".github/approvers"))
        #expect(
            Approvers.names(inFile: "# who\nada@example.com\n\n Bo \n") == [
                "ada@example.com", "Bo",
            ]
        )
    }

    @Test func aLevelThatIsNoneIsAnErrorNamingTheLine() {
        #expect(throws: ConfigurationError.self) {
            try Configuration(parsing: "audit:\n  numbering-gap: loud\n")
        }
        #expect(throws: ConfigurationError.self) {
            try Configuration(parsing: "approvals:\n  required: many\n")
        }
    }
}

@Suite struct RecordFactsTests {
    private let record = """
        ---
        status: accepted
        ---
        # 7. Use Postgres

        Date: 2026-01-01

        ## Status

        Accepted

        Superseded by [8. Use MySQL](0008-use-mysql.md)

        ## Decision

        We will use   Postgres,
        see [the spec][spec] and ![a diagram](db.png).

        [spec]: ../spec.md
        """

    @Test func theDecisionWordsAreTheNormalisedTextsWordsWithoutTheTitlesNumber() {
        let normalized = DecisionText.normalized(record).split(whereSeparator: \.isWhitespace)
            .map(String.init)
        #expect(
            RecordFacts.decisionWords(in: record).map(\.text)
                == normalized.map { $0 == "7." ? nil : $0 }.compactMap { $0 }
        )
        #expect(
            RecordFacts.decisionWords(in: record).first(where: { $0.text == "Postgres," })?.line
                == 16
        )
    }

    @Test func linksImagesAndPlacesAreRead() {
        let facts = RecordFacts(parsing: record)
        #expect(facts.headingLine == 4)
        #expect(facts.headingNumber == 7)
        #expect(facts.statusLine == 2)
        #expect(facts.dateLine == 6)
        #expect(facts.links.map(\.destination) == ["0008-use-mysql.md", "../spec.md", "db.png"])
        #expect(facts.links.map(\.column) == [15, 5, 26])
        #expect(facts.links.last?.isImage == true)
    }

    @Test func onlyTextWithALinkOrAReferenceDefinitionMayHaveLinks() {
        #expect(RecordFacts.mayHaveLinks("See [x](y.md)."))
        #expect(RecordFacts.mayHaveLinks("See [x].\n\n[x]: y.md\n"))
        #expect(!RecordFacts.mayHaveLinks("# 1. Plain\n\nNo [brackets] that link.\n"))
        #expect(RecordFacts.number(inHeading: "ADR-004: Use X") == 4)
    }
}

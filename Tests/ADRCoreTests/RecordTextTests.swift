import ADRCore
import Testing

private let nygard = """
    # 2. Use MySQL

    Date: 2024-01-02

    ## Status

    Accepted

    ## Context

    Caf\u{E9} \u{6C7A}\u{5B9A}.

    """

@Test func settingTheStatusReplacesOnlyTheStatusParagraph() {
    let result = RecordText.settingStatus("Deprecated", in: nygard)
    #expect(result == nygard.replacing("\nAccepted\n", with: "\nDeprecated\n"))
}

@Test func settingTheStatusKeepsCRLFAndBOM() {
    let crlf = "\u{FEFF}" + nygard.replacing("\n", with: "\r\n")
    let result = RecordText.settingStatus("Deprecated", in: crlf)
    #expect(result == crlf.replacing("\r\nAccepted\r\n", with: "\r\nDeprecated\r\n"))
}

@Test func settingTheStatusEditsFrontMatterAsText() {
    let text = "---\n# keep me\nstatus: proposed # was draft\ndate: 2024-01-02\n---\n\n# T\n"
    let result = RecordText.settingStatus("Accepted", in: text)
    #expect(
        result == "---\n# keep me\nstatus: accepted # was draft\ndate: 2024-01-02\n---\n\n# T\n"
    )
}

@Test func settingTheStatusEditsAMADRTwoBullet() {
    let text = "# T\n\n- Status: proposed\n- Date: 2020-09-24\n"
    #expect(
        RecordText.settingStatus("Accepted", in: text)
            == "# T\n\n- Status: accepted\n- Date: 2020-09-24\n"
    )
}

@Test func settingTheStatusKeepsTheLightweightApprovedOnForm() {
    let text = "# ADR-001: T\n\n## Context\n\n## Status\nProposed on 2026-01-01\n"
    #expect(
        RecordText.settingStatus("Approved", date: "2026-02-08", in: text)
            == "# ADR-001: T\n\n## Context\n\n## Status\nApproved on 2026-02-08\n"
    )
}

@Test func aRecordWithoutStatusGetsAStatusSectionAfterItsDate() {
    let text = "# 1. T\n\nDate: 2024-01-02\n\n## Context\n"
    #expect(
        RecordText.settingStatus("Accepted", in: text)
            == "# 1. T\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n"
    )
}

@Test func aFrontMatterRecordWithoutStatusGetsAStatusKey() {
    let text = "---\ndate: 2024-01-02\n---\n# T\n"
    #expect(
        RecordText.settingStatus("accepted", in: text)
            == "---\ndate: 2024-01-02\nstatus: accepted\n---\n# T\n"
    )
}

@Test func addingALinkInsertsAParagraphBeforeTheNextHeading() {
    let result = RecordText.addingLink(
        type: "Superceded by",
        text: "3. Use PostgreSQL",
        target: "0003-use-postgresql.md",
        in: nygard
    )
    #expect(
        result
            == nygard.replacing(
                "Accepted\n\n## Context",
                with:
                    "Accepted\n\nSuperceded by [3. Use PostgreSQL](0003-use-postgresql.md)\n\n## Context"
            )
    )
}

@Test func addingALinkAtTheEndWhenStatusIsTheLastSectionKeepsCRLF() {
    let text = "# ADR-001: T\r\n\r\n## Status\r\nApproved on 2026-02-08"
    #expect(
        RecordText.addingLink(type: "Amends", text: "ADR-000", target: "adr-000.md", in: text)
            == "# ADR-001: T\r\n\r\n## Status\r\nApproved on 2026-02-08\r\n\r\nAmends [ADR-000](adr-000.md)\r\n"
    )
}

@Test func addingALinkToAMADRTwoRecordUsesTheLinksSection() {
    let text = "# T\n\n- Status: accepted\n\n## Links\n\n- Refines [a](a.md)\n\n## More\n"
    #expect(
        RecordText.addingLink(type: "Supersedes", text: "b", target: "b.md", in: text)
            == "# T\n\n- Status: accepted\n\n## Links\n\n- Refines [a](a.md)\n- Supersedes [b](b.md)\n\n## More\n"
    )
    let bare = "# T\n\n- Status: accepted\n"
    #expect(
        RecordText.addingLink(type: "Supersedes", text: "b", target: "b.md", in: bare)
            == "# T\n\n- Status: accepted\n\n## Links\n\n- Supersedes [b](b.md)\n"
    )
}

@Test func removingAcceptedLeavesOneBlankLine() {
    let linked = RecordText.addingLink(
        type: "Superceded by",
        text: "3. X",
        target: "0003-x.md",
        in: nygard
    )
    #expect(
        RecordText.removingAcceptedStatus(in: linked)
            == nygard.replacing(
                "Accepted\n\n## Context",
                with: "Superceded by [3. X](0003-x.md)\n\n## Context"
            )
    )
    #expect(
        RecordText.removingAcceptedStatus(in: "# T\n\n## Status\n\nAccepted.\n")
            == "# T\n\n## Status\n\nAccepted.\n"
    )
}

@Test func markingSupersededUsesEachRecordsForm() {
    let madr4 = "---\nstatus: accepted\n---\n# T\n"
    #expect(
        RecordText.markingSuperseded(in: madr4, byText: "x", target: "0123-x.md", number: 123)
            == "---\nstatus: superseded by ADR-0123\n---\n# T\n"
    )
    let madr2 = "# T\n\n- Status: accepted\n"
    #expect(
        RecordText.markingSuperseded(in: madr2, byText: "use-x", target: "0004-use-x.md", number: 4)
            == "# T\n\n- Status: superseded by [use-x](0004-use-x.md)\n"
    )
}

@Test func rewritingLinksRenamesTargetsAndMatchingHeadings() {
    let text = """
        Supersedes [3. Old](0003-old.md)
        See [the old one](./0003-old.md#context) and [other](0004-x.md).

        [ref]: ../adr/0003-old.md
        """
    let result = RecordText.rewritingLinks(
        in: text,
        from: "0003-old.md",
        to: "0005-old.md",
        oldHeading: "3. Old",
        newHeading: "5. Old"
    )
    #expect(
        result == """
            Supersedes [5. Old](0005-old.md)
            See [the old one](./0005-old.md#context) and [other](0004-x.md).

            [ref]: ../adr/0005-old.md
            """
    )
}

@Test func editsRoundTripTextTheyDoNotTouch() {
    let text = "\u{FEFF}# T\r\n\r\nno status here\u{A0}\r\n"
    #expect(RecordText.rewritingLinks(in: text, from: "a.md", to: "b.md") == text)
    #expect(RecordText.removingAcceptedStatus(in: text) == text)
}

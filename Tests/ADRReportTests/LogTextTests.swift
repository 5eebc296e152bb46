import ADRCore
import Testing

@testable import ADRReport

/// `adr log`'s text: one line per event, and nothing from git or a note reaches a terminal
/// raw.
@Suite struct LogTextTests {
    private func revision(summary: String, path: String = "doc/adr/0001-a.md") -> RecordRevision {
        RecordRevision(
            commit: "0123456789abcdef0123456789abcdef01234567",
            author: Person(name: "Ann\u{1b}[2J", email: "ann@example.com"),
            committer: Person(name: "Ann", email: "ann@example.com"),
            date: "2026-03-01T10:00:00+01:00",
            summary: summary,
            change: .added,
            path: path,
            status: .proposed
        )
    }

    @Test func controlCharactersFromGitAndNotesAreShownAsQuestionMarks() {
        let created = LogEvent(kind: .created, revision: revision(summary: "Add\u{7}\tit\u{9b}"))
        let approval = Approval(
            record: "doc/adr/0001-a.md",
            textHash: "sha1:ab",
            approver: "Bo\u{1b}]8;;x <bo@example.com>",
            date: "2026-03-02\u{0}T00:00:00Z",
            source: .note,
            commit: "0123456789abcdef0123456789abcdef01234567"
        )
        let approved = LogEvent(
            kind: .approved,
            revision: revision(summary: "Add", path: "doc/adr/0001-\u{85}.md"),
            approval: approval
        )
        let text = Report.text(for: [created, approved])
        #expect(
            text == """
                2026-03-01  0123456  doc/adr/0001-a.md  created (proposed)  by Ann?[2J  Add?\tit?
                2026-03-02  0123456  doc/adr/0001-?.md  approved (note)  by Bo?]8;;x <bo@example.com>  Add

                """
        )
    }

    @Test func sanitisingKeepsTabsAndTextAndReplacesEveryControl() {
        #expect(Terminal.sanitized("plain José\ttext") == "plain José\ttext")
        #expect(Terminal.sanitized("a\u{0}b\u{1f}c\u{7f}d\u{80}e\u{9f}f") == "a?b?c?d?e?f")
    }
}

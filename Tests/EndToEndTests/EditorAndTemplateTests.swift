import Foundation
import Testing

/// Which editor `adr new` opens, and which template it fills in.
@Suite struct EditorAndTemplateTests {
    /// An editor script that says who it is on stdout and logs `NAME ARGS` to `editor.log`.
    private func fakeEditor(_ repo: TestRepository, named name: String) throws -> String {
        try repo.writeScript(
            "bin/\(name)",
            "echo \"\(name) opened $*\"\necho \"\(name) $*\" >> \"\(repo.url("editor.log").path)\"\n"
        )
    }

    /// The file the editor was given, resolved against the repository root when relative.
    private func editedPath(_ repo: TestRepository, logLine: String) -> String {
        let argument = logLine.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
        return argument.hasPrefix("/") ? argument : repo.url(argument).path
    }

    @Test func visualIsPreferredOverEditorAndGetsTheNewFile() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        let visual = try fakeEditor(repo, named: "visual")
        let editor = try fakeEditor(repo, named: "editor")
        let result = try repo.adr(
            "new",
            "Edited Record",
            environment: ["VISUAL": visual, "EDITOR": editor]
        )
        #expect(result.status == 0, "\(result)")
        let log = try repo.read("editor.log").lines
        #expect(log.count == 1, "\(log)")
        #expect(log.first?.hasPrefix("visual ") == true, "\(log)")
        #expect(editedPath(repo, logLine: log[0]) == repo.url("doc/adr/0002-edited-record.md").path)
        // The editor's own output goes through, then the path is printed.
        #expect(result.stdoutLines.last == "doc/adr/0002-edited-record.md", "\(result)")
        #expect(result.stdout.contains("visual opened"), "\(result)")
    }

    @Test func editorIsUsedWhenVisualIsUnset() throws {
        let repo = try TestRepository()
        let editor = try fakeEditor(repo, named: "editor")
        let result = try repo.adr("new", "First Record", environment: ["EDITOR": editor])
        #expect(result.status == 0, "\(result)")
        let log = try repo.read("editor.log").lines
        #expect(log.count == 1 && log[0].hasPrefix("editor "), "\(log)")
        #expect(editedPath(repo, logLine: log[0]) == repo.url("doc/adr/0001-first-record.md").path)
    }

    @Test func anEmptyVisualFallsBackToEditor() throws {
        let repo = try TestRepository()
        let editor = try fakeEditor(repo, named: "editor")
        let result = try repo.adr(
            "new",
            "First Record",
            environment: ["VISUAL": "", "EDITOR": editor]
        )
        #expect(result.status == 0, "\(result)")
        let log = try repo.read("editor.log").lines
        #expect(log.count == 1 && log[0].hasPrefix("editor "), "\(log)")
    }

    @Test func noEditSkipsTheEditor() throws {
        let repo = try TestRepository()
        let visual = try fakeEditor(repo, named: "visual")
        let result = try repo.adr(
            "new",
            "--no-edit",
            "First Record",
            environment: ["VISUAL": visual, "EDITOR": visual]
        )
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "doc/adr/0001-first-record.md\n")
        #expect(!repo.exists("editor.log"))
    }

    @Test func aProjectTemplateReplacesTheDefault() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write(
            "doc/adr/templates/template.md",
            "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Our own heading\n\nHouse text.\n"
        )
        let result = try repo.adr("new", "--no-edit", "Use Custom Template")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "doc/adr/0002-use-custom-template.md\n")
        #expect(
            try repo.read("doc/adr/0002-use-custom-template.md")
                == "# 2. Use Custom Template\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Our own heading\n\nHouse text.\n"
        )
    }

    @Test func aProjectTemplateWithoutPlaceholdersIsCopiedAsIs() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write("doc/adr/templates/template.md", "Nothing to fill in here.\n")
        let result = try repo.adr("new", "--no-edit", "Plain")
        #expect(result.status == 0, "\(result)")
        #expect(try repo.read("doc/adr/0002-plain.md") == "Nothing to fill in here.\n")
    }

    @Test func adrTemplateInTheEnvironmentChoosesTheTemplate() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.write(
            "elsewhere/my-template.md",
            "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## From env\n"
        )
        let result = try repo.adr(
            "new",
            "--no-edit",
            "From The Environment",
            environment: ["ADR_TEMPLATE": repo.url("elsewhere/my-template.md").path]
        )
        #expect(result.status == 0, "\(result)")
        #expect(
            try repo.read("doc/adr/0002-from-the-environment.md")
                == "# 2. From The Environment\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## From env\n"
        )
    }

    @Test func adrDateSetsTheDateOfNewRecords() throws {
        let repo = try TestRepository()
        let result = try repo.adr(
            "new",
            "--no-edit",
            "Dated",
            environment: ["ADR_DATE": "2001-02-03"]
        )
        #expect(result.status == 0, "\(result)")
        #expect(try repo.read("doc/adr/0001-dated.md").contains("\nDate: 2001-02-03\n"))
    }

    @Test func sourceDateEpochIsADayInUTC() throws {
        let repo = try TestRepository()
        for (epoch, day, number) in [("86399.9", "1970-01-01", 1), ("86400", "1970-01-02", 2)] {
            let result = try repo.adr(
                arguments: ["new", "--no-edit", "At \(epoch)"],
                environment: ["SOURCE_DATE_EPOCH": epoch, "TZ": "Pacific/Kiritimati"],
                removing: ["ADR_DATE"]
            )
            #expect(result.status == 0, "\(result)")
            let name = try repo.files(in: "doc/adr").first { $0.hasPrefix("000\(number)-") }
            #expect(try repo.read("doc/adr/\(name ?? "?")").contains("\nDate: \(day)\n"))
        }
    }

    /// Without a date given, a new record carries today in the local time zone, as `date`
    /// says it (at UTC+14 and UTC-11 the day differs from UTC's for most of the day).
    @Test(arguments: ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
    func todayIsTheLocalDay(zone: String) throws {
        let repo = try TestRepository()
        let before = try repo.runTool("/usr/bin/env", ["TZ=\(zone)", "date", "+%F"]).stdout
        let result = try repo.adr(
            arguments: ["new", "--no-edit", "Today"],
            environment: ["TZ": zone],
            removing: ["ADR_DATE"]
        )
        let after = try repo.runTool("/usr/bin/env", ["TZ=\(zone)", "date", "+%F"]).stdout
        #expect(result.status == 0, "\(result)")
        let text = try repo.read("doc/adr/0001-today.md")
        let days = Set([before, after].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(days.contains { text.contains("\nDate: \($0)\n") }, "\(text) \(days)")
    }
}

import ADRCore
import ADRWorkspace
import ArgumentParser

/// Options `adr new` and `adr supersede` share.
struct NewRecordArguments: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("A record the new one supersedes (repeatable).", valueName: "ref")
    )
    var supersede: [String] = []

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Link to a record: TARGET:LINK:REVERSE-LINK (repeatable).",
            valueName: "link"
        )
    )
    var link: [String] = []

    @Option(help: "Template: a built-in name, a name under .adr/templates, or a path.")
    var template: String?

    @Option(help: "Initial status (default: the log's, Accepted in an adr-tools log).")
    var status: String?

    @Option(help: "Date of the record, YYYY-MM-DD (default: ADR_DATE or today).")
    var date: CalendarDate?

    @Flag(help: "Do not open $VISUAL or $EDITOR on the new record.")
    var noEdit = false

    @Argument(parsing: .remaining, help: "The title; the words are joined by one space.")
    var title: [String] = []

    func create(in workspace: Workspace, supersedingFirst extra: [String] = []) throws {
        // One line and exit 64, as adr-tools: not the usage screen a validation error gets.
        if title.joined(separator: " ").trimmingCharacters(in: .whitespaces).isEmpty {
            throw UsageError("a title is required (adr new TITLE...)")
        }
        let path = try workspace.newRecord(
            NewRecordOptions(
                title: title.joined(separator: " "),
                supersedes: extra + supersede,
                links: link,
                template: template,
                status: status,
                date: date
            )
        )
        if !noEdit { try workspace.openEditor(on: path) }
        Output.line(workspace.displayPath(path))
    }
}

extension ADR {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Create a new, numbered record and open it in your editor.",
            discussion: """
                Examples:
                  adr new Use PostgreSQL for persistence
                  adr new -s 9 Use MySQL instead            # supersedes record 9
                  adr new -l "3:Amends:Amended by" Cache invalidation
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var arguments: NewRecordArguments

        func run() throws {
            try arguments.create(in: try global.workspace())
        }
    }

    struct Supersede: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "supersede",
            abstract: "Create a record that supersedes another (adr new -s OLD)."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The record superseded.")
        var old: String

        @OptionGroup var arguments: NewRecordArguments

        func run() throws {
            try arguments.create(in: try global.workspace(), supersedingFirst: [old])
        }
    }
}

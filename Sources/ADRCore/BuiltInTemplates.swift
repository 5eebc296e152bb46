/// The ADR templates compiled into the binary from the top-level `templates/` folder.
public enum BuiltInTemplates {
    /// The names a user may pass to `--template`, in the order `--help` lists them.
    public static let names = ["nygard", "madr", "madr-minimal", "lightweight"]

    /// The template called `name`, or `nil` when there is none.
    public static func template(named name: String) -> RecordTemplate? {
        files["\(name).md"].map { RecordTemplate(text: $0 + "\n", name: name) }
    }

    /// The template for the first record `adr init` writes with template `name`: its own
    /// `<name>-init.md` where one exists, else the template itself.
    public static func initialTemplate(named name: String) -> RecordTemplate? {
        files["\(name)-init.md"].map { RecordTemplate(text: $0 + "\n", name: name) }
            ?? template(named: name)
    }

    /// The contents of a template file by its file name, for the staleness test.
    public static func fileContents(named fileName: String) -> String? {
        files[fileName].map { $0 + "\n" }
    }

    /// Every embedded file name, sorted.
    public static var fileNames: [String] { files.keys.sorted() }
}

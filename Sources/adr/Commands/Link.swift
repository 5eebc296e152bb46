import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Link two records both ways.",
            discussion: "Example: adr link 12 Amends 10 \"Amended by\""
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The record the link is written in.") var source: String
        @Argument(help: "The link's wording in SOURCE (Amends).") var link: String
        @Argument(help: "The record linked to.") var target: String
        @Argument(help: "The wording in TARGET (Amended by).") var reverseLink: String

        func run() throws {
            try global.workspace().link(
                source: source,
                type: link,
                target: target,
                reverse: reverseLink
            )
        }
    }
}

import ADRReport
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Why: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "why",
            abstract:
                "Why a pattern or topic was chosen: the decision that holds and those before it.",
            discussion: """
                TOPIC is a tag, the option a MADR record chose, or a value of a pattern: key; \
                a unique prefix or part of one is enough. The same as the site's patterns page.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A tag, a chosen option or a pattern.") var topic: String

        @Option(help: "text or json.") var format: OutputFormat = .text

        @OptionGroup var caching: CacheOptions

        func run() throws {
            let workspace = try global.workspace()
            let answer = try workspace.why(topic, useCache: caching.useCache)
            answer.warnings.filter { !$0.hasPrefix("warning: ") }.forEach { Output.warning($0) }
            switch format {
            case .text: Output.text(Report.whyText(answer.pattern))
            case .json: Output.line(Report.whyJSON(answer.pattern).rendered())
            }
        }
    }
}

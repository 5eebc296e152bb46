import ADRWorkspace
import ArgumentParser
import Foundation

extension ADR {
    struct Site: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "site",
            abstract: "Build the decision site: every record with its history and approvals.",
            discussion: """
                Builds static pages for every log of the repository (each named log of \
                .adr.yml) into DIR, default .adr/site, replacing the previous site only once \
                the new one is complete. The site works opened from disk.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The site folder (default .adr/site).", valueName: "dir"))
        var out: String?

        @Option(
            help: ArgumentHelp(
                "The site's address, for the sitemap and the feed.",
                valueName: "url"
            )
        )
        var baseURL: String?

        @Option(help: ArgumentHelp("The site's title.", valueName: "text"))
        var title: String?

        @Flag(help: "Build without history panels, reading no git history.")
        var noHistory = false

        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp("Other checkouts whose logs join the site.", valueName: "path")
        )
        var include: [String] = []

        @OptionGroup var caching: CacheOptions

        func run() throws {
            let started = Date()
            let workspace = try global.workspace()
            let summary = try workspace.buildSite(
                SiteRequest(
                    output: out,
                    baseURL: baseURL,
                    title: title,
                    includeHistory: !noHistory,
                    useCache: caching.useCache,
                    includes: include
                )
            )
            summary.warnings.forEach { Output.warning($0) }
            if noHistory { Output.warning("note: built without history panels (--no-history)") }
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            Output.line(summary.folder)
            Output.line("\(summary.records) records, \(summary.pages) pages, \(seconds) s")
        }
    }
}

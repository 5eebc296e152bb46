import ADRWorkspace
import ArgumentParser
import Foundation

/// The options `adr site` and `adr site serve` share: what to build and where.
struct SiteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The site folder (default .adr/site).", valueName: "dir"))
    var out: String?

    @Option(
        help: ArgumentHelp("The site's address, for the sitemap and the feed.", valueName: "url")
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

    var request: SiteRequest {
        SiteRequest(
            output: out,
            baseURL: baseURL,
            title: title,
            includeHistory: !noHistory,
            useCache: caching.useCache,
            includes: include
        )
    }
}

extension ADR {
    struct Site: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "site",
            abstract: "Build the decision site: every record with its history and approvals.",
            discussion: """
                Builds static pages for every log of the repository (each named log of \
                .adr.yml) into DIR, default .adr/site, replacing the previous site only once \
                the new one is complete. The site works opened from disk.
                """,
            subcommands: [Serve.self]
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var site: SiteOptions

        func run() throws {
            let started = Date()
            let summary = try global.workspace().buildSite(site.request)
            Self.report(summary, noHistory: site.noHistory)
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            Output.line(summary.folder)
            var pages = "\(summary.pages) pages"
            if summary.keptRecordPages > 0 {
                let rendered = summary.records - summary.keptRecordPages
                let noun = rendered == 1 ? "record page" : "record pages"
                pages += " (\(rendered) \(noun) rendered, \(summary.keptRecordPages) kept)"
            }
            Output.line("\(summary.records) records, \(pages), \(seconds) s")
        }

        static func report(_ summary: SiteSummary, noHistory: Bool) {
            summary.warnings.forEach { Output.warning($0) }
            if noHistory { Output.warning("note: built without history panels (--no-history)") }
        }
    }
}

extension ADR.Site {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the site on 127.0.0.1 and rebuild it when the log changes.",
            discussion: """
                Rebuilds when a record, .adr.yml, a theme file or HEAD changes; open pages \
                reload themselves. Stop it with Ctrl-C.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var site: SiteOptions

        @Option(help: "The port on 127.0.0.1.") var port = 4004

        @Flag(help: "Open the site in the default browser.") var open = false

        func run() throws {
            var first = true
            try global.workspace().serveSite(site.request, port: port) { event in
                switch event {
                case .rebuilt(let summary):
                    ADR.Site.report(summary, noHistory: site.noHistory && first)
                    Output.line("built \(summary.records) records in \(summary.folder)")
                    first = false
                case .serving(let url, _):
                    Output.line("serving \(url) (Ctrl-C to stop)")
                    if open { Browser.open(url) }
                case .failed(let error):
                    Output.error(error.description)
                }
                fflush(nil)
            }
        }
    }
}

/// Opens a URL with the desktop's opener, when there is one; a missing one is not an error.
enum Browser {
    static func open(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}

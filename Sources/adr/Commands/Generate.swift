import ADRCore
import ADRWorkspace
import ArgumentParser

extension ADR {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate a table of contents, an index or a graph of the log.",
            subcommands: [Toc.self, Index.self, Graph.self]
        )

        struct Toc: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "toc",
                abstract: "Print a Markdown table of contents of the log."
            )

            @OptionGroup var global: GlobalOptions
            @Option(name: .short, help: "A file whose text comes before the list.") var intro:
                String?
            @Option(name: .short, help: "A file whose text comes after the list.") var outro:
                String?
            @Option(name: .short, help: "A prefix for every link.") var prefix: String = ""
            @Flag(help: "Add each record's status.") var status = false

            func run() throws {
                let workspace = try global.workspace()
                let log = try workspace.readLog(texts: false)
                let options = TableOfContentsOptions(
                    intro: try intro.map { try workspace.readArgumentFile($0) },
                    outro: try outro.map { try workspace.readArgumentFile($0) },
                    linkPrefix: prefix,
                    includesStatus: status
                )
                Output.text(log.tableOfContents(options))
            }
        }

        struct Index: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "index",
                abstract: "Keep a generated list of records inside a README or index file.",
                discussion: """
                    The list sits between <!-- adr-index:start --> and <!-- adr-index:end -->; \
                    the text around it is never touched. Without --write the list is printed.
                    """
            )

            @OptionGroup var global: GlobalOptions
            @Flag(help: "Write the list into the file.") var write = false
            @Option(help: "The file (default: README.md in the log folder).") var file: String?
            @Option(name: .short, help: "A prefix for every link.") var prefix: String?

            func run() throws {
                let workspace = try global.workspace()
                if write {
                    let path = file ?? workspace.location.folder + "/README.md"
                    let changed = try workspace.writeIndex(at: path, linkPrefix: prefix)
                    Output.line(
                        workspace.displayPath(
                            path.hasPrefix("/")
                                ? path : workspace.options.workingDirectory + "/" + path
                        ) + (changed ? "" : " (unchanged)")
                    )
                } else {
                    Output.text(
                        try workspace.readLog(texts: false).recordList(
                            linkPrefix: prefix ?? "",
                            includesStatus: true
                        )
                    )
                }
            }
        }

        struct Graph: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "graph",
                abstract: "Print the graph of records and their links (Graphviz or Mermaid)."
            )

            @OptionGroup var global: GlobalOptions
            @Option(name: .short, help: "A prefix for every link.") var prefix: String = ""
            @Option(
                name: [.customShort("e"), .customLong("extension")],
                help: "The extension of link targets."
            )
            var linkExtension: String = ".html"
            @Option(help: "dot (Graphviz) or mermaid.") var format: GraphFormatOption = .dot

            func run() throws {
                let log = try global.workspace().readLog(texts: false)
                let graphFormat: GraphFormat = format == .dot ? .dot : .mermaid
                Output.text(
                    log.graph(format: graphFormat, linkPrefix: prefix, linkExtension: linkExtension)
                )
            }
        }
    }
}

enum GraphFormatOption: String, ExpressibleByArgument, CaseIterable {
    case dot
    case mermaid
}

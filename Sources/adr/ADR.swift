import ADRWorkspace
import ArgumentParser

struct ADR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adr",
        abstract: "Create, link, list and supersede Architecture Decision Records.",
        discussion: """
            A drop-in replacement for adr-tools that also reads MADR, log4brains and \
            ADR-001 style logs.

            Exit status: 0 success, 1 the audit found errors, 2 an operational error \
            (bad input, missing file, failed write), 64 a usage error.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, New.self, Supersede.self, Link.self, List.self, Show.self, Log.self,
            Status.self, Generate.self, Renumber.self, UpgradeRepository.self, Approve.self,
            Sync.self, Audit.self, Site.self, Why.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
}

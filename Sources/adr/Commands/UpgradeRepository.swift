import ADRWorkspace
import ArgumentParser

extension ADR {
    struct UpgradeRepository: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "upgrade-repository",
            abstract: "Upgrade records to the current format (Date: dd/mm/yyyy becomes ISO)."
        )

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let workspace = try global.workspace()
            _ = try workspace.upgradeDates { Output.warning($0) }
        }
    }
}

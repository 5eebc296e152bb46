import ADRCore
import ArgumentParser

// Values of options, checked while the command line is parsed: a bad one is a usage error
// (exit 64) naming the option, before anything is read or written.

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}

extension Person: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

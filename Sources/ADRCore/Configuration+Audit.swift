import Yams

/// The `audit:` section of `.adr.yml`: a level for any rule of `adr audit`.
///
/// ```yaml
/// audit:
///   numbering-gap: off
///   duplicate-number: warning
/// ```
/// Levels are checked here; rule ids by the audit, which knows them.
public struct AuditSettings: Sendable, Hashable {
    /// Each `rule: level` pair in the order written.
    public var levels: [RuleLevel]

    public init(levels: [RuleLevel] = []) {
        self.levels = levels
    }

    /// A level set for one rule, with the line it was set on.
    public struct RuleLevel: Sendable, Hashable {
        public var rule: String
        /// `off`, `note`, `warning` or `error`.
        public var level: String
        public var line: Int?

        public init(rule: String, level: String, line: Int? = nil) {
            self.rule = rule
            self.level = level
            self.line = line
        }
    }

    public static let levelNames = ["off", "note", "warning", "error"]

    init(parsing node: Node) throws(ConfigurationError) {
        guard let mapping = node.mapping else {
            throw ConfigurationError(
                line: node.mark?.line,
                message: "expected \"audit\" to be a mapping of rule ids to levels"
            )
        }
        var levels: [RuleLevel] = []
        for (key, value) in mapping {
            // YAML reads a bare `off` as false.
            let written = value.scalar?.string.lowercased() ?? ""
            guard Self.levelNames.contains(written) else {
                throw ConfigurationError(
                    line: value.mark?.line ?? key.mark?.line,
                    message:
                        "\"\(key.string ?? "?")\" must be one of \(Self.levelNames.joined(separator: ", "))"
                )
            }
            levels.append(RuleLevel(rule: key.string ?? "", level: written, line: key.mark?.line))
        }
        self.levels = levels
    }
}

/// Who may approve, for `adr audit`'s approval rules.
public enum Approvers: Sendable, Hashable {
    /// Names or emails as listed in `.adr.yml`.
    case list([String])
    /// A file of them, one a line, relative to the `.adr.yml` that names it.
    case file(String)

    /// The approvers in a file's text: one a line, `#` comments and blank lines ignored.
    public static func names(inFile text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}

extension Configuration {
    /// The approval keys only `adr audit` reads: `required`, `approvers`, `statuses`.
    static func readAuditApprovalKey(
        _ key: String,
        _ value: Node,
        into settings: inout ApprovalSettings
    ) throws(ConfigurationError) -> Bool {
        switch key {
        case "required":
            guard let count = value.int, count >= 0 else {
                throw ConfigurationError(
                    line: value.mark?.line,
                    message: "\"required\" must be a number of approvals"
                )
            }
            settings.requiredCount = count
        case "approvers":
            if let sequence = value.sequence {
                settings.approvers = .list(sequence.compactMap { $0.scalar?.string })
            } else if let file = value.scalar?.string {
                settings.approvers = .file(file)
            } else {
                throw ConfigurationError(
                    line: value.mark?.line,
                    message: "\"approvers\" must be a list of names or emails, or a file"
                )
            }
        case "statuses":
            if let sequence = value.sequence {
                settings.statusesNeedingApproval = sequence.compactMap {
                    $0.scalar?.string.lowercased()
                }
            } else if let one = value.scalar?.string {
                settings.statusesNeedingApproval = [one.lowercased()]
            }
        default:
            return false
        }
        return true
    }
}

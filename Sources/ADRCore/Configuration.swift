import Yams

/// The contents of a repository's `.adr.yml`.
///
/// ```yaml
/// log: docs/decisions          # the log folder, relative to this file
/// template: madr               # built-in name or a path
/// status: proposed             # initial status of new records
/// links: superseded            # or the adr-tools spelling: superceded
/// tags: [security, data]       # the allowed tags, when set
/// logs:                        # several named logs (a monorepo)
///   - name: api
///     log: services/api/docs/adr
///     template: nygard
/// approvals:
///   trailers: [Approved-by, Reviewed-by, Acked-by]
///   notes-ref: refs/notes/adr
///   distinct-approver: true    # the record's last author may not approve it
/// ```
/// Unknown keys are an error naming the key and its line, so a typo never goes unnoticed.
public struct Configuration: Sendable, Hashable {
    public var log: LogSettings
    public var logs: [LogSettings]
    public var tags: [String]?
    public var approvals: ApprovalSettings
    /// The `audit:` severities, rule by rule.
    public var audit = AuditSettings()
    /// The `site:` section, for `adr site` (see ``SiteConfiguration``).
    public var site = SiteConfiguration()

    public init(
        log: LogSettings = LogSettings(),
        logs: [LogSettings] = [],
        tags: [String]? = nil,
        approvals: ApprovalSettings = ApprovalSettings()
    ) {
        self.log = log
        self.logs = logs
        self.tags = tags
        self.approvals = approvals
    }

    /// Settings of one log; the top level of the file is the default log.
    public struct LogSettings: Sendable, Hashable {
        public var name: String?
        public var folder: String?
        public var template: String?
        public var initialStatus: String?
        public var linkSpelling: LinkSpelling?

        public init(
            name: String? = nil,
            folder: String? = nil,
            template: String? = nil,
            initialStatus: String? = nil,
            linkSpelling: LinkSpelling? = nil
        ) {
            self.name = name
            self.folder = folder
            self.template = template
            self.initialStatus = initialStatus
            self.linkSpelling = linkSpelling
        }
    }

    public struct ApprovalSettings: Sendable, Hashable {
        public var trailerKeys: [String]
        public var notesReference: String
        public var requiresDistinctApprover: Bool
        /// `required: N`: how many current approvals `adr audit` asks of a record.
        public var requiredCount: Int?
        /// `approvers:` as a list of names or emails, or a file of them (one a line).
        public var approvers: Approvers?
        /// `statuses:` which statuses need approvals (lower case; default accepted).
        public var statusesNeedingApproval = ["accepted"]

        public init(
            trailerKeys: [String] = ["Approved-by", "Reviewed-by", "Acked-by"],
            notesReference: String = "refs/notes/adr",
            requiresDistinctApprover: Bool = false
        ) {
            self.trailerKeys = trailerKeys
            self.notesReference = notesReference
            self.requiresDistinctApprover = requiresDistinctApprover
        }
    }
}

/// How supersede links are spelled.
extension Configuration {
    /// The folders adr looks for, in order, when nothing names the log.
    public static let conventionalFolders = [
        "doc/adr", "docs/adr", "docs/decisions", "docs/architecture/decisions", "decisions", "adr",
    ]
}

public enum LinkSpelling: String, Sendable, Hashable, CaseIterable {
    /// `Superseded by` / `Supersedes`.
    case superseded
    /// adr-tools' `Superceded by` / `Supercedes`, kept in logs that already use it.
    case superceded

    public var forward: String { self == .superseded ? "Supersedes" : "Supercedes" }
    public var reverse: String { self == .superseded ? "Superseded by" : "Superceded by" }

    /// The reverse wording of any link type (`Supersedes` -> `Superseded by`, `Amends` ->
    /// `Amended by`, `Amended by` -> `Amend`), for a link known only from the other side.
    public static func inverse(of type: String) -> String {
        let lower = type.lowercased()
        if lower.hasSuffix(" by") { return String(type.dropLast(3)) }
        for spelling in allCases where lower == spelling.forward.lowercased() {
            return spelling.reverse
        }
        if lower.hasSuffix("s") { return String(type.dropLast()) + "d by" }
        return "linked from (\(type))"
    }
}

/// A problem in a configuration file, with the line where it is.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public var description: String {
        if let line { return "\(line): \(message)" }
        return message
    }
}

extension Configuration {
    /// Reads `.adr.yml` text; throws ``ConfigurationError`` naming the line of the problem.
    public init(parsing text: String) throws(ConfigurationError) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(line: Self.line(of: error), message: "invalid YAML")
        } catch {
            throw ConfigurationError(line: nil, message: "invalid YAML: \(error)")
        }
        self.init()
        guard let node else { return }
        let root = try Self.mapping(node, name: "the file")
        var logSettings = LogSettings()
        for (key, value) in root {
            let keyName = key.string ?? ""
            if try Self.readLogKey(keyName, value, into: &logSettings) { continue }
            switch keyName {
            case "logs":
                guard let sequence = value.sequence else {
                    throw Self.wrongType(value, key: keyName, expected: "a list of logs")
                }
                for entry in sequence {
                    var settings = LogSettings()
                    for (entryKey, entryValue) in try Self.mapping(entry, name: "a log") {
                        let entryName = entryKey.string ?? ""
                        if entryName == "name" {
                            settings.name = try Self.string(entryValue, key: entryName)
                        } else if try !Self.readLogKey(entryName, entryValue, into: &settings) {
                            throw Self.unknownKey(
                                entryKey,
                                in: "logs",
                                expected: "log, template, status, links"
                            )
                        }
                    }
                    guard settings.folder != nil else {
                        throw ConfigurationError(
                            line: Self.line(entry),
                            message: "a log in \"logs\" needs a \"log\" folder"
                        )
                    }
                    logs.append(settings)
                }
            case "tags":
                tags = try Self.strings(value, key: keyName)
            case "audit":
                audit = try AuditSettings(parsing: value)
            case "approvals":
                for (approvalKey, approvalValue) in try Self.mapping(value, name: keyName) {
                    switch approvalKey.string ?? "" {
                    case "trailers":
                        approvals.trailerKeys = try Self.strings(approvalValue, key: "trailers")
                    case "notes-ref":
                        approvals.notesReference = try Self.string(approvalValue, key: "notes-ref")
                    case "distinct-approver":
                        guard let flag = approvalValue.bool else {
                            throw Self.wrongType(
                                approvalValue,
                                key: "distinct-approver",
                                expected: "true or false"
                            )
                        }
                        approvals.requiresDistinctApprover = flag
                    case let key:
                        guard try Self.readAuditApprovalKey(key, approvalValue, into: &approvals)
                        else {
                            throw Self.unknownKey(
                                approvalKey,
                                in: "approvals",
                                expected: "trailers, notes-ref, distinct-approver, required, "
                                    + "approvers, statuses"
                            )
                        }
                    }
                }
            case "site":
                site = try SiteConfiguration(node: value)
            default:
                throw Self.unknownKey(
                    key,
                    in: nil,
                    expected: "log, template, status, links, tags, logs, approvals, audit, site"
                )
            }
        }
        log = logSettings
    }

    /// The settings of the log named `name`, or the default log.
    public func settings(forLogNamed name: String?) -> LogSettings? {
        guard let name else { return log }
        return logs.first { $0.name == name }
    }

    private static func readLogKey(
        _ key: String,
        _ value: Node,
        into settings: inout LogSettings
    ) throws(ConfigurationError) -> Bool {
        switch key {
        case "log", "folder", "directory":
            settings.folder = try string(value, key: key)
        case "template":
            settings.template = try string(value, key: key)
        case "status":
            settings.initialStatus = try string(value, key: key)
        case "links":
            let spelling = try string(value, key: key)
            guard let parsed = LinkSpelling(rawValue: spelling.lowercased()) else {
                throw ConfigurationError(
                    line: line(value),
                    message:
                        "unknown link spelling \"\(spelling)\" (expected superseded or superceded)"
                )
            }
            settings.linkSpelling = parsed
        default:
            return false
        }
        return true
    }

    private static func mapping(_ node: Node, name: String) throws(ConfigurationError)
        -> Node.Mapping
    {
        guard let mapping = node.mapping else {
            throw ConfigurationError(
                line: line(node),
                message: "expected \(name) to be a mapping of keys"
            )
        }
        return mapping
    }

    private static func string(_ node: Node, key: String) throws(ConfigurationError) -> String {
        guard let scalar = node.scalar else {
            throw wrongType(node, key: key, expected: "a single value")
        }
        return scalar.string
    }

    private static func strings(_ node: Node, key: String) throws(ConfigurationError) -> [String] {
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else {
            throw wrongType(node, key: key, expected: "a list")
        }
        var values: [String] = []
        for item in sequence {
            values.append(try string(item, key: key))
        }
        return values
    }

    private static func wrongType(_ node: Node, key: String, expected: String) -> ConfigurationError
    {
        ConfigurationError(line: line(node), message: "\"\(key)\" must be \(expected)")
    }

    private static func unknownKey(_ key: Node, in section: String?, expected: String)
        -> ConfigurationError
    {
        let name = key.string ?? "?"
        let place = section.map { " in \"\($0)\"" } ?? ""
        return ConfigurationError(
            line: line(key),
            message: "unknown key \"\(name)\"\(place) (expected \(expected))"
        )
    }

    /// The log folder a `.log4brains.yml` names (`project.adrFolder`), if it names one.
    public static func log4brainsFolder(parsing text: String) -> String? {
        guard let yaml = try? Yams.compose(yaml: text),
            let project = yaml.mapping?["project"],
            let folder = project.mapping?["adrFolder"]?.string
        else { return nil }
        return folder
    }

    private static func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }
}

public import ADRAudit

/// The audit's findings in each format CI systems read. Pure: values in, text out.
public enum AuditReport {
    /// The formats of `adr audit --format`.
    public enum Format: String, Sendable, CaseIterable {
        case text
        case json
        case github
        case sarif
        case junit
        case codequality
    }

    /// What every format may need besides the findings.
    public struct Context: Sendable {
        /// A path relative to the repository root as the user should read it: relative to
        /// the working directory. Used by `text` and `json` only; the CI formats want
        /// paths from the repository root.
        public var displayPath: @Sendable (String) -> String
        public var toolVersion: String

        public init(
            displayPath: @escaping @Sendable (String) -> String = { $0 },
            toolVersion: String
        ) {
            self.displayPath = displayPath
            self.toolVersion = toolVersion
        }
    }

    /// The report of `result` in `format`, ending with a newline (empty for text without
    /// findings).
    public static func render(_ result: AuditResult, as format: Format, context: Context)
        -> String
    {
        switch format {
        case .text: text(result, context: context)
        case .json: json(result, context: context)
        case .github: github(result)
        case .sarif: sarif(result, context: context)
        case .junit: junit(result)
        case .codequality: codeQuality(result)
        }
    }

    // MARK: text

    /// `path:line:column: severity: message [rule-id]`, one finding a line.
    public static func text(_ result: AuditResult, context: Context) -> String {
        result.findings.map {
            "\(context.displayPath($0.path)):\($0.line):\($0.column): \($0.severity.rawValue): "
                + "\(oneLine($0.message)) [\($0.rule)]\n"
        }.joined()
    }

    /// `3 errors, 1 warning, 0 notes in 12 records`, for stderr.
    public static func summaryLine(_ result: AuditResult) -> String {
        func count(_ number: Int, _ word: String) -> String {
            "\(number) \(word)\(number == 1 ? "" : "s")"
        }
        var line =
            "\(count(result.count(.error), "error")), \(count(result.count(.warning), "warning")), "
            + "\(count(result.count(.note), "note")) in \(count(result.records.count, "record"))"
        if result.baselined > 0 { line += " (\(result.baselined) in the baseline not shown)" }
        return line
    }

    // MARK: json

    /// `{"version": 1, "findings": [...], "summary": {"error", "warning", "note"}}`.
    public static func json(_ result: AuditResult, context: Context) -> String {
        let findings = result.findings.map {
            JSONText.object([
                ("rule", JSONText.quoted($0.rule)),
                ("severity", JSONText.quoted($0.severity.rawValue)),
                ("path", JSONText.quoted(context.displayPath($0.path))),
                ("line", "\($0.line)"),
                ("column", "\($0.column)"),
                ("message", JSONText.quoted($0.message)),
                ("fingerprint", JSONText.quoted($0.fingerprint)),
            ])
        }
        let summary = JSONText.object([
            ("error", "\(result.count(.error))"),
            ("warning", "\(result.count(.warning))"),
            ("note", "\(result.count(.note))"),
        ])
        return "{\n  \"version\": 1,\n  \"findings\": \(JSONText.array(findings, indent: "  ")),\n"
            + "  \"summary\": \(summary)\n}\n"
    }

    // MARK: github

    /// GitHub Actions workflow commands, errors first: a step shows only about ten
    /// annotations of each kind.
    public static func github(_ result: AuditResult) -> String {
        let ordered = [AuditSeverity.error, .warning, .note].flatMap { severity in
            result.findings.filter { $0.severity == severity }
        }
        return ordered.map { finding in
            let command =
                switch finding.severity {
                case .error: "error"
                case .warning: "warning"
                default: "notice"
                }
            let properties = [
                "file=" + githubProperty(finding.path),
                "line=\(finding.line)",
                "col=\(finding.column)",
                "title=" + githubProperty(finding.rule),
            ]
            return "::\(command) \(properties.joined(separator: ","))::"
                + githubData(finding.message) + "\n"
        }.joined()
    }

    /// A workflow command's message: `%`, CR and LF escaped.
    public static func githubData(_ text: String) -> String {
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// A workflow command's property value: as a message, and `:` and `,` too.
    public static func githubProperty(_ text: String) -> String {
        githubData(text).replacingColonsAndCommas()
    }

    /// A Markdown table of the findings for `$GITHUB_STEP_SUMMARY`.
    public static func markdownSummary(_ result: AuditResult) -> String {
        var text = "### adr audit\n\n" + summaryLine(result) + "\n"
        guard !result.findings.isEmpty else { return text + "\n" }
        text += "\n| Severity | Rule | File | Line | Message |\n| --- | --- | --- | --- | --- |\n"
        for finding in result.findings {
            let cells = [
                finding.severity.rawValue, "`\(finding.rule)`", finding.path,
                "\(finding.line)", finding.message,
            ].map(markdownCell)
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return text + "\n"
    }

    /// One line, with `|` escaped and `<`, `>`, `&` as entities, so no text becomes HTML.
    private static func markdownCell(_ text: String) -> String {
        oneLine(text).replacingPipes()
    }

    // MARK: sarif

    /// SARIF 2.1.0, as GitHub code scanning reads it.
    public static func sarif(_ result: AuditResult, context: Context) -> String {
        let rules = AuditRule.all
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let ruleObjects = rules.map { rule in
            JSONText.object([
                ("id", JSONText.quoted(rule.id)),
                ("name", JSONText.quoted(camelCase(rule.id))),
                ("shortDescription", JSONText.object([("text", JSONText.quoted(rule.summary))])),
                ("fullDescription", JSONText.object([("text", JSONText.quoted(rule.explanation))])),
                ("help", JSONText.object([("text", JSONText.quoted(rule.help))])),
                (
                    "defaultConfiguration",
                    JSONText.object([("level", JSONText.quoted(sarifLevel(rule.defaultSeverity)))])
                ),
            ])
        }
        let results = result.findings.map { finding in
            JSONText.object([
                ("ruleId", JSONText.quoted(finding.rule)),
                ("ruleIndex", "\(ruleIndex[finding.rule] ?? 0)"),
                ("level", JSONText.quoted(sarifLevel(finding.severity))),
                ("message", JSONText.object([("text", JSONText.quoted(finding.message))])),
                (
                    "locations",
                    "["
                        + JSONText.object([
                            (
                                "physicalLocation",
                                JSONText.object([
                                    (
                                        "artifactLocation",
                                        JSONText.object([
                                            ("uri", JSONText.quoted(uriEncoded(finding.path))),
                                            ("uriBaseId", JSONText.quoted("%SRCROOT%")),
                                        ])
                                    ),
                                    (
                                        "region",
                                        JSONText.object([
                                            ("startLine", "\(finding.line)"),
                                            ("startColumn", "\(finding.column)"),
                                        ])
                                    ),
                                ])
                            )
                        ]) + "]"
                ),
                (
                    "partialFingerprints",
                    JSONText.object([
                        ("primaryLocationLineHash", JSONText.quoted(finding.fingerprint))
                    ])
                ),
            ])
        }
        let driver = JSONText.object([
            ("name", JSONText.quoted("adr")),
            ("version", JSONText.quoted(context.toolVersion)),
            ("rules", JSONText.array(ruleObjects, indent: "          ")),
        ])
        return """
            {
              "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
              "version": "2.1.0",
              "runs": [
                {
                  "tool": {"driver": \(driver)},
                  "columnKind": "unicodeCodePoints",
                  "results": \(JSONText.array(results, indent: "      "))
                }
              ]
            }

            """
    }

    private static func sarifLevel(_ severity: AuditSeverity) -> String {
        switch severity {
        case .off: "none"
        case .note: "note"
        case .warning: "warning"
        case .error: "error"
        }
    }

    /// `decided-record-changed` as `DecidedRecordChanged`, SARIF's rule name style.
    private static func camelCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative URI reference: each path component percent-encoded where RFC 3986 asks.
    static func uriEncoded(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80,
                scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar)
                    || "-._~/!$&'()*+,;=:@".unicodeScalars.contains(scalar)
            {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return result
    }

    // MARK: junit

    /// One test suite, a test case per record (and per other path with findings), a
    /// failure per error finding; warnings and notes go to the case's `system-out`.
    public static func junit(_ result: AuditResult) -> String {
        var byPath: [String: [AuditFinding]] = [:]
        for finding in result.findings { byPath[finding.path, default: []].append(finding) }
        let paths = Set(result.records).union(byPath.keys).sorted()
        let failures = result.count(.error)
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="adr audit" tests="\(paths.count)" failures="\(failures)" errors="0">
              <testsuite name="adr audit" tests="\(paths.count)" failures="\(failures)" errors="0" skipped="0">

            """
        for path in paths {
            let findings = byPath[path] ?? []
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            let name = String(path.split(separator: "/").last ?? Substring(path))
            let opening =
                "    <testcase classname=\"\(xmlEscaped(folder.isEmpty ? "." : folder))\" "
                + "name=\"\(xmlEscaped(name))\" file=\"\(xmlEscaped(path))\""
            guard !findings.isEmpty else {
                xml += opening + "/>\n"
                continue
            }
            xml += opening + ">\n"
            for finding in findings where finding.severity == .error {
                xml +=
                    "      <failure message=\"\(xmlEscaped(oneLine(finding.message)))\" "
                    + "type=\"\(xmlEscaped(finding.rule))\">"
                    + xmlEscaped(
                        "\(finding.path):\(finding.line):\(finding.column): \(finding.message)"
                    )
                    + "</failure>\n"
            }
            let others = findings.filter { $0.severity != .error }
            if !others.isEmpty {
                let lines = others.map {
                    "\($0.path):\($0.line):\($0.column): \($0.severity.rawValue): "
                        + "\(oneLine($0.message)) [\($0.rule)]"
                }
                xml +=
                    "      <system-out>" + xmlEscaped(lines.joined(separator: "\n"))
                    + "</system-out>\n"
            }
            xml += "    </testcase>\n"
        }
        return xml + "  </testsuite>\n</testsuites>\n"
    }

    /// Text for an XML attribute or element; characters XML 1.0 forbids are dropped.
    static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    // MARK: codequality

    /// GitLab Code Quality: an array of issues with `description`, `check_name`,
    /// `fingerprint`, `severity` and `location.path` / `location.lines.begin`.
    public static func codeQuality(_ result: AuditResult) -> String {
        let issues = result.findings.map { finding in
            JSONText.object([
                ("description", JSONText.quoted(finding.message)),
                ("check_name", JSONText.quoted(finding.rule)),
                ("fingerprint", JSONText.quoted(finding.fingerprint)),
                ("severity", JSONText.quoted(codeQualitySeverity(finding.severity))),
                (
                    "location",
                    JSONText.object([
                        ("path", JSONText.quoted(finding.path)),
                        ("lines", JSONText.object([("begin", "\(finding.line)")])),
                    ])
                ),
            ])
        }
        return JSONText.array(issues, indent: "") + "\n"
    }

    private static func codeQualitySeverity(_ severity: AuditSeverity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        default: "info"
        }
    }

    // MARK: Helpers

    static func oneLine(_ text: String) -> String {
        // Most messages are ASCII without a line break: nothing to split.
        if !text.utf8.contains(where: { (0x0A...0x0D).contains($0) || $0 >= 0x80 }) { return text }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension String {
    fileprivate func replacingColonsAndCommas() -> String {
        var result = ""
        for character in unicodeScalars {
            switch character {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    fileprivate func replacingPipes() -> String {
        var result = ""
        for character in self {
            switch character {
            case "|": result += "\\|"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.append(character)
            }
        }
        return result
    }
}

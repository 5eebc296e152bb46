/// What `adr new` should write.
public struct NewRecordRequest: Sendable, Hashable {
    public var title: String
    public var template: RecordTemplate
    public var date: String
    public var status: String
    /// Records the new one supersedes, in argument order.
    public var supersedes: [LogEntry]
    /// Links from the new record: `type` in the new record, `reverse` in the target.
    public var links: [RecordLinkRequest]
    public var spelling: LinkSpelling

    public init(
        title: String,
        template: RecordTemplate,
        date: String,
        status: String,
        supersedes: [LogEntry] = [],
        links: [RecordLinkRequest] = [],
        spelling: LinkSpelling = .superceded
    ) {
        self.title = title
        self.template = template
        self.date = date
        self.status = status
        self.supersedes = supersedes
        self.links = links
        self.spelling = spelling
    }
}

/// A link between two records, written in both (`-l 1:Amends:Amended by`).
public struct RecordLinkRequest: Sendable, Hashable {
    public var target: LogEntry
    public var type: String
    public var reverse: String

    public init(target: LogEntry, type: String, reverse: String) {
        self.target = target
        self.type = type
        self.reverse = reverse
    }
}

/// A status change the lifecycle does not allow without `--force`.
public struct LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var from: RecordStatus?
    public var to: RecordStatus

    public var description: String {
        let allowed = from.map { RecordStatus.allowedTransitions(from: $0).map(\.name) } ?? []
        let hint =
            allowed.isEmpty
            ? "no further change is allowed" : "allowed: \(allowed.joined(separator: ", "))"
        return
            "cannot change status from \(from?.name ?? "none") to \(to.name) (\(hint); use --force to override)"
    }
}

extension DecisionLog {
    /// Plans a new record numbered `number` in `folder` (log-relative, usually empty), named
    /// as `naming` says, with its supersede and link paragraphs written both ways.
    public func planningNewRecord(
        _ request: NewRecordRequest,
        number: Int,
        folder: String = "",
        naming: RecordFileName.Naming = .adrTools
    ) -> (fileName: String, changes: ChangeSet) {
        let fileName =
            folder + naming.fileName(number: number, title: request.title, date: request.date)
        var text = request.template.rendered(
            number: number,
            title: request.title,
            date: request.date,
            status: request.status
        )
        let parsed = DecisionRecord(parsing: text, path: fileName)
        let newLinkText = parsed.heading ?? parsed.title
        var changes = ChangeSet()
        var pending: [(fileName: String, text: String)] = []
        func current(_ entry: LogEntry) -> String {
            pending.last { $0.fileName == entry.fileName }?.text ?? entry.text
        }
        for old in request.supersedes {
            text = RecordText.addingLink(
                type: request.spelling.forward,
                text: old.linkText,
                target: Self.linkDestination(from: fileName, to: old.fileName),
                in: text
            )
            let destination = Self.linkDestination(from: old.fileName, to: fileName)
            var updated = RecordText.markingSuperseded(
                in: current(old),
                byText: newLinkText,
                target: destination,
                number: number
            )
            // A record whose status line now carries the link (MADR 2) needs no second one.
            if !updated.contains("](\(destination))") {
                updated = RecordText.addingLink(
                    type: request.spelling.reverse,
                    text: newLinkText,
                    target: destination,
                    in: updated
                )
            }
            pending.append((old.fileName, updated))
        }
        for link in request.links {
            text = RecordText.addingLink(
                type: link.type,
                text: link.target.linkText,
                target: Self.linkDestination(from: fileName, to: link.target.fileName),
                in: text
            )
            let updated = RecordText.addingLink(
                type: link.reverse,
                text: newLinkText,
                target: Self.linkDestination(from: link.target.fileName, to: fileName),
                in: current(link.target)
            )
            pending.append((link.target.fileName, updated))
        }
        changes.changes.append(.create(path: fileName, contents: text))
        for entry in entries {
            if let updated = pending.last(where: { $0.fileName == entry.fileName }) {
                changes.update(entry.fileName, from: entry.text, to: updated.text)
            }
        }
        return (fileName, changes)
    }

    /// Plans `adr link SOURCE TYPE TARGET REVERSE`.
    public func planningLink(
        from source: LogEntry,
        type: String,
        to target: LogEntry,
        reverse: String
    ) -> ChangeSet {
        var changes = ChangeSet()
        let forwardText = RecordText.addingLink(
            type: type,
            text: target.linkText,
            target: Self.linkDestination(from: source.fileName, to: target.fileName),
            in: source.text
        )
        changes.update(source.fileName, from: source.text, to: forwardText)
        let targetText = source.fileName == target.fileName ? forwardText : target.text
        let reverseText = RecordText.addingLink(
            type: reverse,
            text: source.linkText,
            target: Self.linkDestination(from: target.fileName, to: source.fileName),
            in: targetText
        )
        changes.update(target.fileName, from: target.text, to: reverseText)
        return changes
    }

    /// Plans a status change, checking the lifecycle unless `force` is set.
    public func planningStatus(
        of entry: LogEntry,
        to status: RecordStatus,
        date: String?,
        force: Bool
    ) throws(LifecycleError) -> ChangeSet {
        let from = entry.record.status
        if !force, let from, from != status,
            !RecordStatus.allowedTransitions(from: from).contains(status)
        {
            throw LifecycleError(from: from, to: status)
        }
        let updated = RecordText.settingStatus(status.writtenName, date: date, in: entry.text)
        var changes = ChangeSet()
        changes.update(entry.fileName, from: entry.text, to: updated)
        return changes
    }

    /// Plans moving `entry` to `number`: a new file name, its own heading renumbered, and
    /// every link to it in the log rewritten.
    /// - Throws: ``RenumberError`` when `number` is the record's own, another record's, or
    ///   out of range.
    public func planningRenumber(
        of entry: LogEntry,
        to number: Int
    ) throws(RenumberError) -> (fileName: String, changes: ChangeSet) {
        guard RecordFileName.numbers.contains(number) else {
            throw .outOfRange(number)
        }
        guard number != entry.record.number else { throw .alreadyNumbered(number) }
        let holders = entries.filter {
            $0.record.number == number && $0.fileName != entry.fileName
        }
        guard holders.isEmpty else { throw .taken(number, by: holders.map(\.fileName)) }
        let folder = entry.fileName.split(separator: "/").dropLast().map { $0 + "/" }.joined()
        let oldName = String(entry.fileName.split(separator: "/").last ?? "")
        let newFileName = folder + RecordFileName.Naming.renaming(oldName, to: number)
        var renumbered = entry.text
        var newHeading = entry.linkText
        if let heading = entry.record.heading, let oldNumber = entry.record.number,
            let range = heading.range(of: String(oldNumber))
                ?? heading.range(of: RecordFileName.paddedNumber(oldNumber)),
            range.lowerBound == heading.startIndex
        {
            newHeading = heading.replacingCharacters(in: range, with: String(number))
            if let line = renumbered.range(of: "# " + heading) {
                renumbered.replaceSubrange(line, with: "# " + newHeading)
            }
        }
        var changes = ChangeSet([
            .delete(path: entry.fileName, contents: entry.text),
            .create(path: newFileName, contents: renumbered),
        ])
        let numberIsUnique =
            entry.record.number.map { number in
                entries.filter { $0.record.number == number }.count == 1
            } ?? false
        for source in entries where source.fileName != entry.fileName {
            var text = source.text
            if numberIsUnique, let old = entry.record.number {
                text = RecordText.rewritingSupersededNumber(in: text, from: old, to: number)
            }
            for link in source.record.links
            where target(of: link, from: source)?.fileName == entry.fileName {
                text = RecordText.rewritingLinks(
                    in: text,
                    from: link.target,
                    to: Self.linkDestination(from: source.fileName, to: newFileName),
                    oldHeading: entry.linkText,
                    newHeading: newHeading
                )
            }
            changes.update(source.fileName, from: source.text, to: text)
        }
        return (newFileName, changes)
    }

    /// Plans `adr upgrade-repository`: `Date: dd/mm/yyyy` lines become ISO dates. A date
    /// that is not on the calendar (`31/02/2016`) stays as it is, with a warning.
    public func planningDateUpgrade() -> (changes: ChangeSet, warnings: [SourceWarning]) {
        var changes = ChangeSet()
        var warnings: [SourceWarning] = []
        for entry in entries {
            let upgraded = entry.text.replacing(
                /(?m)^Date: (\d{2})\/(\d{2})\/(\d{4})(\r?)$/
            ) { match in
                guard let day = Int(match.1), let month = Int(match.2), let year = Int(match.3),
                    RecordDate.isOnTheCalendar(year: year, month: month, day: day)
                else {
                    let line = entry.text[..<match.range.lowerBound].count { $0 == "\n" } + 1
                    warnings.append(
                        SourceWarning(
                            path: entry.record.path,
                            line: line,
                            message:
                                "impossible date \"\(match.1)/\(match.2)/\(match.3)\" left as it is"
                        )
                    )
                    return String(match.0)
                }
                return "Date: \(match.3)-\(match.2)-\(match.1)\(match.4)"
            }
            changes.update(entry.fileName, from: entry.text, to: upgraded)
        }
        return (changes, warnings)
    }
}

extension RecordStatus {
    /// Parses a status name given on the command line.
    public init(name: String) {
        switch name.lowercased() {
        case "proposed": self = .proposed
        case "accepted": self = .accepted
        case "rejected": self = .rejected
        case "deprecated": self = .deprecated
        case "superseded", "superceded": self = .superseded
        default: self = .other(name.lowercased())
        }
    }

    /// The status as a word in a record: `Accepted`.
    public var writtenName: String { name.prefix(1).uppercased() + name.dropFirst() }

    /// proposed -> accepted | rejected; accepted -> deprecated | superseded. Draft-like words
    /// count as proposed and `approved` as accepted.
    public static func allowedTransitions(from status: RecordStatus) -> [RecordStatus] {
        switch status {
        case .proposed, .other("draft"), .other("pending"), .other("in progress"):
            [.accepted, .rejected]
        case .accepted, .other("approved"): [.deprecated, .superseded]
        default: []
        }
    }
}

/// Why a record cannot take the number asked for.
public enum RenumberError: Error, Sendable, Hashable, CustomStringConvertible {
    case outOfRange(Int)
    case alreadyNumbered(Int)
    case taken(Int, by: [String])

    public var description: String {
        switch self {
        case .outOfRange(let number):
            "number \(number) is out of range (1 to \(RecordFileName.numbers.upperBound))"
        case .alreadyNumbered(let number): "the record is already number \(number)"
        case .taken(let number, let holders):
            "number \(number) is taken by \(holders.joined(separator: ", "))"
        }
    }
}

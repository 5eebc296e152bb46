extension RecordStatus {
    /// Reads a status as people write it: any case, localised, with trailing text
    /// (`PROPOSED`, `Proposé.`, `Superceded by [3. …](…)`, `Approved on 2026-02-08`).
    ///
    /// The first meaningful word decides; a few two-word phrases (`on hold`, `in progress`,
    /// `partly superseded`) are kept whole. Returns `nil` when the text holds no word.
    public init?(parsing text: String) {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        guard let first = words.first else { return nil }
        let second = words.count > 1 ? words[1] : ""
        switch first {
        case _ where Self.supersededWords.contains(first): self = .superseded
        case _ where Self.acceptedWords.contains(first): self = .accepted
        case _ where Self.proposedWords.contains(first): self = .proposed
        case _ where Self.rejectedWords.contains(first): self = .rejected
        case _ where Self.deprecatedWords.contains(first): self = .deprecated
        case "partly" where Self.supersededWords.contains(second),
            "partially" where Self.supersededWords.contains(second):
            self = .other("partly superseded")
        case "on" where second == "hold": self = .other("on hold")
        case "in" where second == "progress": self = .other("in progress")
        case "work" where words.dropFirst().prefix(2) == ["in", "progress"]:
            self = .other("work in progress")
        default: self = .other(first)
        }
    }

    /// Whether this is a status the tool knows (the five standard ones, or a common extra
    /// such as `approved`, `draft`, `on hold`); audits warn about the others.
    public var isKnown: Bool {
        guard case .other(let word) = self else { return true }
        return Self.knownOtherWords.contains(word)
    }

    private static let supersededWords: Set<String> = [
        "superseded", "superceded", "supersedes", "replaced", "remplacé", "remplacée",
        "reemplazado", "sustituido", "ersetzt", "abgelöst", "sostituito",
    ]
    private static let acceptedWords: Set<String> = [
        "accepted", "accepté", "acceptée", "aceptado", "aceptada", "aceito", "akzeptiert",
        "angenommen", "accettato",
    ]
    private static let proposedWords: Set<String> = [
        "proposed", "proposé", "proposée", "propuesto", "propuesta", "proposto", "proposta",
        "vorgeschlagen",
    ]
    private static let rejectedWords: Set<String> = [
        "rejected", "rejeté", "rejetée", "refusé", "rechazado", "rechazada", "abgelehnt",
        "rifiutato",
    ]
    private static let deprecatedWords: Set<String> = [
        "deprecated", "obsolète", "obsoleto", "veraltet", "déprécié",
    ]
    private static let knownOtherWords: Set<String> = [
        "approved", "draft", "pending", "on hold", "partly superseded", "in progress",
        "inprogress", "work in progress", "wip", "implemented", "amended", "withdrawn",
    ]
}

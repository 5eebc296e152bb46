// Swift evaluates a regex literal by parsing its pattern at run time, every time the
// expression runs; parsing them once here made `adr list` over 1,000 records about 20 times
// faster. `Regex` is not `Sendable`, but these are never mutated after initialisation and
// the standard library compiles a regex's program with an atomic, race-free cache, so
// sharing them is safe.
enum RecordPatterns {
    nonisolated(unsafe) static let statusLabel = /(?i)\s*(?:status|statut|état|etat|estado|stand|stato)\s*:\s*/
    nonisolated(unsafe) static let dateLabel = /(?i)\s*(?:date|datum|fecha|data)\s*:\s*/
    nonisolated(unsafe) static let numberedName = /(adr[-_ ]?)?\d+[-_. ]/
    nonisolated(unsafe) static let numberedFolder = /(?i)(adr[-_ ]?)?\d+[-_. ]/
    nonisolated(unsafe) static let compactDatePrefix = /(\d{4})(\d{2})(\d{2})(?:[-_. ]|$)/
    nonisolated(unsafe) static let isoDatePrefix = /\d{4}-\d{2}-\d{2}-/
    nonisolated(unsafe) static let adrNumberPrefix = /(?i)adr[-_ ]?(\d+)(?:[-_. ]|$)/
    nonisolated(unsafe) static let numberPrefix = /(\d+)(?:[-_. ]|$)/
    nonisolated(unsafe) static let numberedStemPrefix = /(?i)(adr[-_ ]?)?\d+[-_. ]+/
    nonisolated(unsafe) static let adrNumberedHeading = /(?i)adr[-_ ]?(\d+)\s*[:.\-–—]?\s+(.+)/
    nonisolated(unsafe) static let numberedHeading = /(\d+)\s*[.:)\-–—]?\s+(.+)/
    nonisolated(unsafe) static let architectureDecisionRecordHeading = /(?i)architecture\s+decision\s+record\s*[:\-–—]\s*(.+)/
    nonisolated(unsafe) static let bulletOrBoldPrefix = /\s*(?:[-*+]\s+)?(?:\*\*)?/
    nonisolated(unsafe) static let listMarker = /(?:[-*+]|\d+[.)])\s+/
    nonisolated(unsafe) static let statusBadge = /(?i)status-([^-\/?]+)/
    nonisolated(unsafe) static let onDateSuffix = /(?i)\s+on\s+(\d.*)$/
    nonisolated(unsafe) static let yearFirstDate = /(\d{4})[-\/.](\d{1,2})[-\/.](\d{1,2})(?!\d)/
    nonisolated(unsafe) static let dayFirstDate = /(\d{1,2})[-\/.](\d{1,2})[-\/.](\d{4})(?!\d)/
    nonisolated(unsafe) static let frontMatterKey = /([A-Za-z_][\w-]*)\s*:/
    nonisolated(unsafe) static let linkLinePrefix = /\s*(?:[-*+]\s+)?(?:(?i)status\s*:\s*)?(\p{L}[\p{L}\- ]{0,60}?)\s*:?\s+\[/
}

// Swift evaluates a regex literal by parsing its pattern at run time, every time the
// expression runs; parsing them once here made `adr list` over 1,000 records about 20 times
// faster. `Regex` is not `Sendable`, but these are never mutated after initialisation and
// the standard library compiles a regex's program with an atomic, race-free cache, so
// sharing them is safe.
//
// The patterns run on every line of every record are hand-written matchers instead, in
// `RecordScan`: running even a parsed regex was about 40% of `adr list`.
enum RecordPatterns {
    nonisolated(unsafe) static let numberedStemPrefix = /(?i)(adr[-_ ]?)?\d+[-_. ]+/
    nonisolated(unsafe) static let bulletOrBoldPrefix = /\s*(?:[-*+]\s+)?(?:\*\*)?/
    nonisolated(unsafe) static let statusBadge = /(?i)status-([^-\/?]+)/
    nonisolated(unsafe) static let frontMatterKey = /([A-Za-z_][\w-]*)\s*:/
}

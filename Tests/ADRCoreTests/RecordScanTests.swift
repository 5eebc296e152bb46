import Testing

@testable import ADRCore

// The matchers in RecordScan replaced Swift Regex patterns; these tests hold each one to the
// pattern it replaced, on the forms records use and on the edges where the pattern
// backtracks.

private func remainder(_ text: String, _ pattern: Regex<Substring>) -> String? {
    text.prefixMatch(of: pattern).map { String(text[$0.range.upperBound...]) }
}

@Test(arguments: [
    "Status: Accepted", "status:accepted", "  STATUS :  Proposed", "État: Proposé",
    "ÉTAT : proposé", "etat: x", "Statut: Accepté", "Estado: Aceptado", "Stand: angenommen",
    "Stato: accettato", "Status", "Status - Accepted", "Statusx: y", "Stand-by: no",
    "Date: 2024-01-02", "Status:", "- Status: Accepted", "Statuses: many",
])
func statusLabelsMatchTheirPattern(text: String) {
    let pattern = /(?i)\s*(?:status|statut|état|etat|estado|stand|stato)\s*:\s*/
    #expect(RecordScan.afterStatusLabel(text).map(String.init) == remainder(text, pattern))
}

@Test(arguments: [
    "Date: 2024-01-02", "Date : 2024-01-02", "DATE:2024", "Datum: 2.1.2024", "Fecha: hoy",
    "Data: oggi", "  date  :  x", "Dates: x", "Date 2024", "Status: Accepted", "Dated: x",
])
func dateLabelsMatchTheirPattern(text: String) {
    let pattern = /(?i)\s*(?:date|datum|fecha|data)\s*:\s*/
    #expect(RecordScan.afterDateLabel(text).map(String.init) == remainder(text, pattern))
}

@Test(arguments: [
    "Superceded by [3. T](0003-t.md)", "Superseded by [3. T](0003-t.md)",
    "- Amends: [2. T](0002-t.md)", "* Amended by  [x](y.md)", "Status: [Accepted](x.md)",
    "- Status: Superseded by [x](y.md)", "Amends:[x](y.md)", "Amends :  [x](y.md)",
    "-Amends [x](y.md)", "Some context with a [link](http://example.com).", "[x](y.md)",
    "Clarifié par [x](y.md)", "Re-uses [x](y.md)", "Tab\tbefore [x](y.md)",
    "1. Amends [x](y.md)", String(repeating: "a", count: 61) + " [x](y.md)",
    String(repeating: "a", count: 62) + " [x](y.md)", "status : status: [x](y.md)",
])
func linkTypesMatchTheirPattern(line: String) {
    let pattern =
        /\s*(?:[-*+]\s+)?(?:(?i)status\s*:\s*)?(\p{L}[\p{L}\- ]{0,60}?)\s*:?\s+\[/
    let expected = line.prefixMatch(of: pattern).map { String($0.1) }
    #expect(RecordScan.linkType(line).map(String.init) == expected)
}

@Test(arguments: [
    "1. Use X", "0010. Use Kafka", "6 Use Rust", "ADR-004: Use Go", "adr 12 - Use Y",
    "ADR_7. Z", "ADR-4 :Title", "1 :x", "12", "12.", "1) T", "2 — Dash", "3 –T",
    "Architecture Decision Record: Use Nix", "architecture  decision record — T",
    "Architecture Decision Record:", "Architecture Decision Record: ", "Use Postgres",
    "ADR-4", "ADRx 4 T", "1.Title", "1:  T", "١. Arabic digit",
])
func headingsSplitAsTheirPatternsDid(heading: String) {
    var expected: (Int?, String)?
    if let match = heading.wholeMatch(of: /(?i)adr[-_ ]?(\d+)\s*[:.\-–—]?\s+(.+)/) {
        expected = (Int(match.1), match.2.trimmingWhitespace)
    } else if let match = heading.wholeMatch(of: /(\d+)\s*[.:)\-–—]?\s+(.+)/) {
        expected = (Int(match.1), match.2.trimmingWhitespace)
    } else if let match = heading.wholeMatch(
        of: /(?i)architecture\s+decision\s+record\s*[:\-–—]\s*(.+)/
    ) {
        expected = (nil, match.1.trimmingWhitespace)
    }
    let actual = RecordScan.splitHeading(heading)
    #expect(actual?.number == expected?.0)
    #expect(actual?.title == expected?.1)
}

@Test(arguments: [
    "0001-x.md", "005-x.md", "adr-001-x.md", "adr001-x.md", "ADR_12 x.md", "001. Title.md",
    "20200924-use-madr.md", "20201324-x.md", "2020-09-24-x.md", "2020-09-24", "use-x.md",
    "42", "0003-no-extension", "12345678", "adr-x.md", "1x.md",
])
func fileNumbersMatchTheirPatterns(name: String) {
    var expected: Int?
    if let match = name.prefixMatch(of: /(\d{4})(\d{2})(\d{2})(?:[-_. ]|$)/),
        let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
        (1900...2199).contains(year), (1...12).contains(month), (1...31).contains(day)
    {
        expected = nil
    } else if name.prefixMatch(of: /\d{4}-\d{2}-\d{2}-/) != nil {
        expected = nil
    } else if let match = name.prefixMatch(of: /(?i)adr[-_ ]?(\d+)(?:[-_. ]|$)/) {
        expected = Int(match.1)
    } else if let match = name.prefixMatch(of: /(\d+)(?:[-_. ]|$)/) {
        expected = Int(match.1)
    }
    #expect(DecisionRecord.number(fromFileName: name) == expected)
    let numbered = name.lowercased().prefixMatch(of: /(adr[-_ ]?)?\d+[-_. ]/) != nil
    #expect(RecordScan.hasNumberedPrefix(name.lowercased(), anyCase: false) == numbered)
    let folder = name.prefixMatch(of: /(?i)(adr[-_ ]?)?\d+[-_. ]/) != nil
    #expect(RecordScan.hasNumberedPrefix(name, anyCase: true) == folder)
}

@Test(arguments: [
    "2024-01-02", "2024/1/2", "2024.01.02T10:00", "2024-01-022", "20240-01-02", "24-09-2020",
    "24.9.2020", "9/24/2020", "24-09-20201", "2020-13-01", "soon", "",
])
func datesMatchTheirPatterns(text: String) {
    func parts(_ found: (year: Substring, month: Substring, day: Substring)?) -> [String]? {
        found.map { [String($0.year), String($0.month), String($0.day)] }
    }
    let yearFirst = text.prefixMatch(of: /(\d{4})[-\/.](\d{1,2})[-\/.](\d{1,2})(?!\d)/)
    let dayFirst = text.prefixMatch(of: /(\d{1,2})[-\/.](\d{1,2})[-\/.](\d{4})(?!\d)/)
    #expect(
        parts(RecordScan.datePrefix(text, yearFirst: true))
            == yearFirst.map { [String($0.1), String($0.2), String($0.3)] }
    )
    #expect(
        parts(RecordScan.datePrefix(text, yearFirst: false))
            == dayFirst.map { [String($0.3), String($0.2), String($0.1)] }
    )
}

@Test(arguments: [
    "Approved on 2026-02-08", "Accepted ON 1.2.2024", "Accepted", "Accepted on", "on 2024",
    "Accepted on  Monday", "Accepted  on\t2024-01-02 at noon", "Done once on 3", "Son 2",
])
func onDateSuffixesMatchTheirPattern(text: String) {
    let expected = text.firstMatch(of: /(?i)\s+on\s+(\d.*)$/).map { String($0.1) }
    #expect(RecordScan.onDateSuffix(text).map(String.init) == expected)
}

@Test(arguments: ["- Accepted", "* x", "+  y", "1. z", "12) w", "-x", "1.x", "Accepted", "1 x"])
func listMarkersMatchTheirPattern(text: String) {
    let expected = remainder(text, /(?:[-*+]|\d+[.)])\s+/)
    #expect(RecordScan.afterListMarker(text).map(String.init) == expected)
}

@Test(arguments: [
    "  a b  ", "\t\r\nx\r\n", "", "   ", "\u{A0}x\u{A0}", " \u{301}x", "x \u{301}", "état ",
    " x\u{2003}", "\r\n",
])
func trimmingMatchesCharacterWhitespace(text: String) {
    var expected = Substring(text)
    while let last = expected.last, last.isWhitespace { expected.removeLast() }
    #expect(text.trimmingTrailingWhitespace == String(expected))
    #expect(text.trimmingWhitespace == String(expected.drop { $0.isWhitespace }))
}

@Test func localisedAndSpacedLabelsAndLinkLinesAreRead() {
    let text = """
        # ADR-004: Use Go

        - Statut : Accepté
        - Date : 12.01.1992
        - Remplacé par : [5. T](0005-t.md)

        Body with a [link](https://example.com/x.md).

        """
    let record = DecisionRecord(parsing: text, path: "doc/adr/adr-004-use-go.md")
    #expect(record.number == 4)
    #expect(record.title == "Use Go")
    #expect(record.status == .accepted)
    #expect(record.date == "1992-01-12")
    #expect(record.links.map(\.type) == ["Remplacé par"])
    #expect(record.links.map(\.target) == ["0005-t.md"])
}

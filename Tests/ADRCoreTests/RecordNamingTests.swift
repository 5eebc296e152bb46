import Testing

@testable import ADRCore

@Suite struct RecordNamingTests {
    @Test(arguments: [
        (["0001-a.md", "0002-b.md"], "0003-new-one.md"),
        (["adr-001-a.md", "adr-002-b.md"], "adr-003-new-one.md"),
        (["ADR_01_a.md", "ADR_02_b.md"], "ADR_03_new-one.md"),
        (["00-a.md", "01-b.md", "10-c.md"], "03-new-one.md"),
        (["20240101-a.md", "20240202-b.md", "README.md"], "19920112-new-one.md"),
        ([], "0003-new-one.md"),
    ])
    func aNewRecordIsNamedAsTheLogNamesItsRecords(names: [String], expected: String) {
        let naming = RecordFileName.Naming(inferringFrom: names)
        #expect(naming.fileName(number: 3, title: "New one", date: "1992-01-12") == expected)
    }

    @Test func recordsSharingTheHighestNumberGiveTheNamingOfTheFirstInSortedOrder() {
        let names = ["adr-012-b.md", "0012-a.md", "0003-c.md", "ADR_12_d.md"]
        for order in [names, names.reversed(), names.sorted()] {
            let naming = RecordFileName.Naming(inferringFrom: order)
            #expect(naming.fileName(number: 13, title: "E", date: "") == "0013-e.md")
        }
    }

    @Test func aNumberLongerThanThePaddingKeepsItsDigits() {
        let naming = RecordFileName.Naming(inferringFrom: ["98-a.md", "99-b.md"])
        #expect(naming.fileName(number: 100, title: "C", date: "") == "100-c.md")
    }

    @Test(arguments: [
        ("0002-a.md", "0020-a.md"), ("adr-002-a.md", "adr-020-a.md"), ("02_a.md", "20_a.md"),
    ])
    func renumberingKeepsTheNamesShape(old: String, new: String) {
        #expect(RecordFileName.Naming.renaming(old, to: 20) == new)
    }
}

@Suite struct DuplicateNumberTests {
    private func entry(_ fileName: String, _ text: String) -> LogEntry {
        LogEntry(
            fileName: fileName,
            text: text,
            record: DecisionRecord(parsing: text, path: fileName)
        )
    }

    @Test func recordsSharingANumberAreDistinctGraphNodes() {
        let log = DecisionLog(entries: [
            entry("0037-a.md", "# 37. A\n"),
            entry("0037-b.md", "# 37. B\n\n## Status\n\nAccepted\n\nAmends [37. A](0037-a.md)\n"),
            entry("0038-c.md", "# 38. C\n"),
        ])
        #expect(log.duplicateNumbers == [37: ["0037-a.md", "0037-b.md"]])
        let graph = log.graph(format: .dot)
        #expect(graph.contains("    _0037_a [label=\"37. A\"; URL=\"0037-a.html\"];\n"))
        #expect(graph.contains("    _0037_b [label=\"37. B\"; URL=\"0037-b.html\"];\n"))
        #expect(graph.contains("    _38 [label=\"38. C\"; URL=\"0038-c.html\"];\n"))
        #expect(graph.contains("  _0037_b -> _0037_a [label=\"Amends\", weight=0]\n"))
    }
}

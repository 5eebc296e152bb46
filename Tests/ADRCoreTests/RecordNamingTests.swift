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

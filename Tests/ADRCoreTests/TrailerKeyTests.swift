import ADRCore
import Testing

/// Approval trailer keys match in any case, ASCII or not.
@Suite struct TrailerKeyTests {
    @Test func keysMatchInAnyCaseAndOnlyWhole() {
        let keys = TrailerKeys(["Approved-by", "Genehmigt-VÖN"])
        for key in ["Approved-by", "approved-by", "APPROVED-BY", "aPPROVED-bY"] {
            #expect(keys.contains(key), "\(key)")
        }
        for key in ["Approved", "Approved-by2", "Approved_by", "Reviewed-by", ""] {
            #expect(!keys.contains(key), "\(key)")
        }
        #expect(keys.contains("genehmigt-vön"))
        #expect(keys.contains("GENEHMIGT-VÖN"))
        #expect(!keys.contains("genehmigt-von"))
    }
}

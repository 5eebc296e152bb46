import Testing

@testable import ADRAudit

/// Which way a link type points, whatever its case and blanks: an ASCII type is read from
/// its bytes, any other by Foundation, and both agree.
@Suite struct SupersedeDirectionTests {
    @Test(
        arguments: [
            ("Supersedes", true), ("Superseded by", false), ("Superceded by", false),
            ("  SUPERSEDES\t", true), ("\tsuperseded BY ", false), ("Replaces", true),
            ("Replaced  by", false), ("Replaced by\u{A0}", false), ("Supersedes\u{2003}", true),
            ("Supersedé", true), ("Amends", nil), ("Amended by", nil), ("", nil), (" ", nil),
            ("by", nil), ("Supersed", true), ("Superseded\nby", true),
        ] as [(String, Bool?)]
    )
    func aLinkTypeSaysWhichWayItSupersedes(type: String, direction: Bool?) {
        #expect(LogRules.supersedeDirection(type) == direction)
    }
}

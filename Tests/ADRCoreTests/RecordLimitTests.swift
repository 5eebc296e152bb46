import ADRCore
import Testing

@Suite struct RecordLimitTests {
    @Test func aPrefixIsCutAfterItsLastLineBreak() {
        #expect(RecordLimit.text(ofPrefix: Array("# 1. Title\n\nSome te".utf8)) == "# 1. Title\n\n")
    }

    @Test func aPrefixCutInsideAUTF8SequenceKeepsNoHalfCharacter() {
        let bytes = Array("Café\nnaïve".utf8)
        #expect(RecordLimit.text(ofPrefix: bytes.dropLast(4)) == "Café\n")
    }

    @Test func aPrefixWithoutLineBreaksIsKeptWhole() {
        #expect(RecordLimit.text(ofPrefix: Array("abc".utf8)) == "abc")
    }

    @Test func theWarningGivesTheSizeAndTheLimit() {
        #expect(
            RecordLimit.warning(size: 52_428_800)
                == "52428800 bytes, larger than the 1 MiB limit for a record; only the first 1 MiB is read"
        )
    }
}

import Foundation
import Testing

@testable import ADRWorkspace

/// The JSON writer against a plain reading of its rules, and against Foundation's parser.
@Suite struct JSONWriterTests {
    /// Every byte the writer must escape, or that starts a sequence it must look at.
    private let specials: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C, 0x7F, 0xC2]

    private func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2
    }

    @Test func theWordAtATimeScanFindsEverySpecialByteAtEveryPosition() {
        // Neighbours that sit next to the thresholds of the word tests.
        let fillers: [UInt8] = [0x20, 0x21, 0x23, 0x41, 0x5B, 0x5D, 0x7E, 0x80, 0xFF]
        for length in 1...24 {
            for filler in fillers {
                var bytes = [UInt8](repeating: filler, count: length)
                let expectedClean = !needsEscape(filler)
                #expect(bytes.withUnsafeBufferPointer(JSONWriter.isPlain) == expectedClean)
                for position in 0..<length {
                    for special in specials {
                        bytes[position] = special
                        #expect(
                            bytes.withUnsafeBufferPointer(JSONWriter.isPlain) == false,
                            "byte \(special) at \(position) of \(length) among \(filler)"
                        )
                    }
                    bytes[position] = filler
                }
            }
        }
    }

    @Test func stringsAreEscapedSoNothingReachesATerminalRaw() {
        #expect(
            JSONWriter.quoted("plain text, longer than a word")
                == "\"plain text, longer than a word\""
        )
        #expect(JSONWriter.quoted("a \"quote\" and \\ back") == #""a \"quote\" and \\ back""#)
        #expect(JSONWriter.quoted("tab\there\nline\r") == #""tab\there\nline\r""#)
        #expect(
            JSONWriter.quoted("bell\u{07} esc\u{1B} del\u{7F} c1\u{9B}")
                == #""bell\u0007 esc\u001b del\u007f c1\u009b""#
        )
        // Non-ASCII text that is not a control character stays as it is.
        #expect(JSONWriter.quoted("José © 日本") == "\"José © 日本\"")
    }

    @Test func aStreamedDocumentIsTheSameAsOneKeptWhole() throws {
        let events = (0..<3000).map { index in
            JSONValue.object([
                ("index", .number(index)),
                ("name", .string("record \(index) \"quoted\"\n")),
                ("tags", .array(index % 3 == 0 ? [] : [.string("a"), .bool(true), .null])),
                ("empty", .object([])),
            ])
        }
        let document = JSONValue.array(events)
        var chunks: [[UInt8]] = []
        var writer = JSONWriter(sink: { chunks.append(Array($0)) })
        writer.value(document)
        writer.flush()
        let streamed = chunks.flatMap { $0 }
        #expect(chunks.count > 1)
        #expect(String(decoding: streamed, as: UTF8.self) == document.rendered())
        // Every chunk is valid UTF-8 on its own, and the whole is valid JSON.
        for chunk in chunks { #expect(String(validating: chunk, as: UTF8.self) != nil) }
        let parsed = try JSONSerialization.jsonObject(with: Data(streamed)) as? [[String: Any]]
        #expect(parsed?.count == 3000)
        #expect(parsed?[7]["name"] as? String == "record 7 \"quoted\"\n")
    }

    @Test func layoutIsTwoSpaceIndentedWithEmptyContainersOnOneLine() {
        let value = JSONValue.object([
            ("a", .array([.number(1), .object([("b", .null)])])),
            ("c", .array([])),
            ("d", .object([])),
        ])
        #expect(
            value.rendered() == """
                {
                  "a": [
                    1,
                    {
                      "b": null
                    }
                  ],
                  "c": [],
                  "d": {}
                }
                """
        )
    }
}

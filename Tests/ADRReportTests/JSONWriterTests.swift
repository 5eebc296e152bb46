import Foundation
import Testing

@testable import ADRReport

/// The JSON writer against a plain reading of its rules, and against Foundation's parser.
@Suite struct JSONWriterTests {
    @Test func everyControlCharacterIsEscapedAtEveryPosition() throws {
        let codes = Array(0..<0x20) + [0x7F] + Array(0x80...0x9F)
        let controls = codes.map { Unicode.Scalar(UInt8($0)) }
        for control in controls {
            for position in 0..<3 {
                var scalars = Array("abc".unicodeScalars)
                scalars.insert(control, at: position)
                let text = String(String.UnicodeScalarView(scalars))
                let quoted = JSONWriter.quoted(text)
                #expect(!quoted.unicodeScalars.contains(control), "U+\(control.value) raw")
                // Foundation reads back the same text.
                let parsed =
                    try JSONSerialization.jsonObject(
                        with: Data("[\(quoted)]".utf8)
                    ) as? [String]
                #expect(parsed == [text])
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

    @Test func compactLayoutHasNoSpacesOrLineBreaksAndLeavesAbsentMembersOut() {
        var writer = JSONWriter(compact: true)
        writer.object { writer in
            writer.member("a") { writer in
                writer.array { writer in
                    writer.element { $0.number(1) }
                    writer.element { $0.string("two words") }
                }
            }
            writer.member("b", ifPresent: nil)
            writer.member("c", ifPresent: "here")
            writer.member("d") { $0.object { _ in } }
            writer.member("e") { $0.null() }
        }
        #expect(writer.text == #"{"a":[1,"two words"],"c":"here","d":{},"e":null}"#)
    }
}

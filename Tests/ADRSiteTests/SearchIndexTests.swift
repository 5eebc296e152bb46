import Testing

@testable import ADRSite

@Suite struct SearchIndexTests {
    @Test func theIndexIsJSONInALiteralThatNothingEndsEarly() {
        // A backslash, an apostrophe and the line break between rows: each would end or
        // change the single-quoted literal were it copied as it is.
        let json = "{\"t\":\"a\\\"b'c\\\\\"},\n[\"\u{2028}é\"]"
        #expect(
            SearchIndex.parsing(json)
                == "JSON.parse('{\"t\":\"a\\\\\"b\\'c\\\\\\\\\"},\\\n[\"\u{2028}é\"]')"
        )
    }

    @Test func theIndexScriptParsesItsRows() {
        let script = SearchIndex.indexScript(for: SiteCatalog(logs: []), order: [])
        #expect(script.hasPrefix("window.ADR_INDEX=JSON.parse('{\"v\":2,\\\n\"status\":{"))
        #expect(script.hasSuffix("\"r\":[]}');\n"))
    }
}

import Testing

@testable import ADRCore

@Suite struct TypedLinkTests {
    private func links(_ body: String) -> [String] {
        DecisionRecord(parsing: "# 5. X\n\n" + body, path: "0005-x.md").links.map {
            "\($0.type) -> \($0.target)"
        }
    }

    @Test(arguments: [
        "Per [3. Queue](0003-queue.md) we use a queue.\n",
        "As discussed in [3. Queue](0003-queue.md), we chose it.\n",
        "We looked at it twice.\nIn [3. Queue](0003-queue.md)\nand elsewhere.\n",
        "Under [3](0003-queue.md) and [4](0004-x.md)\n",
    ])
    func aLinkInProseIsNoTypedLink(body: String) {
        #expect(links(body).isEmpty, "\(links(body))")
    }

    @Test func adrToolsLinesAndBulletsAreTypedLinks() {
        let body = """
            ## Status

            Accepted

            Supercedes [3. Queue](0003-queue.md)

            Amended by [4. X](0004-x.md)

            ## Links

            - Relates to [6. Y](0006-y.md)
            - Refines [7. Z](0007-z.md)

            """
        #expect(
            links(body) == [
                "Supercedes -> 0003-queue.md", "Amended by -> 0004-x.md", "Relates to -> 0006-y.md",
                "Refines -> 0007-z.md",
            ]
        )
    }

    @Test func aLinkInProseIsAReferenceAndATypedLinkIsNot() {
        let record = DecisionRecord(
            parsing: """
                # 5. X

                Supercedes [3. Queue](0003-queue.md)

                As discussed in [3. Queue](0003-queue.md), and per [the site](https://x.org/a.md),
                we chose [4](0004-x.md#why) over ![chart](0006-chart.md).

                """,
            path: "0005-x.md"
        )
        #expect(record.links.map(\.target) == ["0003-queue.md"])
        #expect(
            record.references == [
                RecordReference(text: "3. Queue", target: "0003-queue.md", line: 5),
                RecordReference(text: "4", target: "0004-x.md#why", line: 6),
            ]
        )
    }

    /// A record dense with links, in one paragraph and one list. Each line's link was once
    /// looked for among all the links of its block: with this many the parse took minutes
    /// instead of under a second.
    @Test func aRecordDenseWithLinksFindsEachLinesLink() {
        let count = 20_000
        let prose = (1...count).map { "See ![chart](c.png) and [\($0)](\($0)-x.md) here." }
        let list = (1...count).map { "- Relates to [\($0)](\($0)-y.md)" }
        let text =
            "# 5. X\n\n" + prose.joined(separator: "\n") + "\n\n" + list.joined(separator: "\n")
            + "\n"
        let record = DecisionRecord(parsing: text, path: "0005-x.md")
        #expect(record.references.count == count)
        #expect(
            record.references.last
                == RecordReference(text: "\(count)", target: "\(count)-x.md", line: 2 + count)
        )
        #expect(record.links.count == count)
        #expect(record.links.first?.target == "1-y.md")
        #expect(record.links.last?.line == 3 + 2 * count)
    }
}

import ADRCore
import ADRSite

/// A small site input: two logs, a supersede chain, history, approvals current and stale.
enum SiteFixture {
    static let ada = Person(name: "Ada Lovelace", email: "ada@example.com")
    static let grace = Person(name: "Grace Hopper", email: "grace@example.com")

    static func revision(
        _ commit: Character,
        _ date: String,
        _ author: Person,
        _ summary: String,
        _ path: String,
        change: RecordChange = .modified,
        status: RecordStatus? = .accepted,
        hash: String = "sha1:a",
        order: Int
    ) -> RecordRevision {
        RecordRevision(
            commit: String(repeating: commit, count: 40),
            author: author,
            committer: author,
            date: date,
            summary: summary,
            change: change,
            path: path,
            status: status,
            textHash: hash,
            time: 0,
            order: order
        )
    }

    static func record(
        _ folder: String,
        _ fileName: String,
        _ text: String,
        revisions: [RecordRevision] = [],
        approvals: [ApprovalState] = []
    ) -> SiteRecord {
        let path = folder + "/" + fileName
        return SiteRecord(
            entry: LogEntry(
                fileName: fileName,
                text: text,
                record: DecisionRecord(parsing: text, path: path)
            ),
            path: path,
            history: revisions.isEmpty ? nil : RecordHistory(revisions: revisions),
            approvals: approvals
        )
    }

    static let first = """
        # 1. Record architecture decisions

        Date: 2025-01-02

        ## Status

        Accepted

        ## Context

        We need to record the decisions made on this project.

        ## Decision

        We will use Architecture Decision Records.

        ## Consequences

        See [the next decision](0002-poll-the-ledger.md#context), and [a file](diagram.png).

        """

    static let second = """
        # Poll the ledger

        - Status: superseded by [Use a queue](0003-use-a-queue.md)
        - Deciders: Ada Lovelace
        - Date: 2025-01-05
        - Tags: messaging, ledger

        ## Context

        The service must learn about ledger entries within a minute.

        ## Decision

        Poll every 30 seconds.

        ## Rationale

        Polling needs no new infrastructure.

        """

    static let third = """
        # Use a queue

        - Status: accepted
        - Deciders: Ada Lovelace, Grace Hopper
        - Date: 2025-02-10
        - Tags: messaging, queue

        ## Context

        Polling overloads the ledger; consumers need a **retry** policy.

        ## Decision

        | Option | Latency |
        | --- | --- |
        | Queue | < 1 s |

        - [x] choose a broker

        ```swift
        let queue = Queue()
        ```

        ## Rationale

        A queue decouples producers from consumers.[^1]

        [^1]: Dead letters go elsewhere.

        ## Consequences

        Handlers must be idempotent. <script>alert(1)</script> [bad](javascript:alert(1))
        ![remote](https://example.com/x.png) ![local](diagram.png)

        ## Links

        - Supersedes [Poll the ledger](0002-poll-the-ledger.md)

        """

    static let api = """
        ---
        status: proposed
        date: 2025-03-01
        tags: [security]
        ---

        # Keep <card> data out of logs

        ## Decision Outcome

        Chosen option: "Redact in the library", because it protects every call site.

        See [the queue](../../../doc/adr/0003-use-a-queue.md) and [the design](design.md).

        """

    static var input: SiteInput {
        let folder = "doc/adr"
        let approval = Approval(
            record: "doc/adr/0003-use-a-queue.md",
            textHash: "sha1:b",
            approver: "Ada Lovelace <ada@example.com>",
            date: "2025-02-19T10:00:00Z",
            comment: "reviewed",
            source: .note,
            commit: String(repeating: "d", count: 40)
        )
        var stale = approval
        stale.approver = "Grace <grace@example.com>"
        stale.source = .trailer
        stale.textHash = "sha1:a"
        stale.comment = nil
        stale.commit = String(repeating: "c", count: 40)
        let main = SiteLog(
            label: "main",
            siteFolder: "main",
            folder: folder,
            sourceRoot: "/repo",
            introduction: "# Decisions\n\nHow the *payments* service is built.\n",
            records: [
                record(
                    folder,
                    "0001-record-architecture-decisions.md",
                    first,
                    revisions: [
                        revision(
                            "a",
                            "2025-01-02T10:00:00+00:00",
                            ada,
                            "Record decisions",
                            folder + "/0001-record-architecture-decisions.md",
                            change: .added,
                            order: 1
                        )
                    ]
                ),
                record(
                    folder,
                    "0002-poll-the-ledger.md",
                    second,
                    revisions: [
                        revision(
                            "b",
                            "2025-01-05T10:00:00+01:00",
                            ada,
                            "Poll the <ledger>",
                            folder + "/0002-poll.md",
                            change: .added,
                            order: 2
                        ),
                        revision(
                            "c",
                            "2025-02-10T10:00:00+00:00",
                            grace,
                            "Use a queue",
                            folder + "/0002-poll-the-ledger.md",
                            change: .renamed,
                            status: .superseded,
                            order: 3
                        ),
                    ]
                ),
                record(
                    folder,
                    "0003-use-a-queue.md",
                    third,
                    revisions: [
                        revision(
                            "c",
                            "2025-02-10T10:00:00+00:00",
                            grace,
                            "Use a queue",
                            folder + "/0003-use-a-queue.md",
                            change: .added,
                            order: 3
                        ),
                        revision(
                            "d",
                            "2025-02-18T10:00:00+00:00",
                            ada,
                            "Clarify retries",
                            folder + "/0003-use-a-queue.md",
                            hash: "sha1:b",
                            order: 4
                        ),
                    ],
                    approvals: [
                        ApprovalState(
                            approval: stale,
                            changedBy: String(repeating: "d", count: 40)
                        ),
                        ApprovalState(approval: approval, changedBy: nil),
                    ]
                ),
            ],
            files: ["doc/adr/diagram.png"]
        )
        let api = SiteLog(
            label: "api",
            siteFolder: "api",
            folder: "services/api/adr",
            sourceRoot: "/repo",
            records: [record("services/api/adr", "0001-keep-card-data-out-of-logs.md", api)]
        )
        return SiteInput(
            title: "Payments <decisions>",
            logs: [main, api],
            configuration: SiteConfiguration(repositoryURL: "https://github.com/acme/payments"),
            branch: "main",
            baseURL: "https://acme.example/adr",
            hasHistory: true
        )
    }
}

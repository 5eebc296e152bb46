import Foundation
import Testing

/// The kept output of `adr log` (decision 14): a rerun with nothing new prints it, and
/// anything new the log would show makes the command render again.
///
/// Each test first marks the kept output (`created` becomes `CREATED`, same length), so a
/// stale replay shows up in what the next run prints.
@Suite struct LogOutputCacheTests {
    private let keptJSON = ".git/adr/log-output-json"

    /// Record 2 committed with an approval trailer, and git's user set for `adr approve`.
    private func repository() throws -> TestRepository {
        try TestRepository.withCommittedRecord(trailer: "Reviewed-by: Bo <bo@example.com>")
    }

    private func log(_ repo: TestRepository, _ arguments: String...) throws -> String {
        let result = try repo.adr(arguments: ["log"] + arguments)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        return result.stdout
    }

    /// Turns every `created` of the kept output at `path` into `CREATED`, byte for byte (the
    /// file ends in binary numbers).
    private func mark(_ repo: TestRepository, _ path: String) throws {
        let url = repo.url(path)
        var bytes = try Data(contentsOf: url)
        var marked = 0
        while let range = bytes.range(of: Data("created".utf8)) {
            bytes.replaceSubrange(range, with: Data("CREATED".utf8))
            marked += 1
        }
        #expect(marked > 0)
        try bytes.write(to: url)
    }

    @Test func aRerunPrintsTheKeptOutputWhichEqualsAFullScan() throws {
        let repo = try repository()
        let full = try log(repo, "--format", "json", "--no-cache")
        #expect(!repo.exists(keptJSON), "--no-cache keeps nothing")
        #expect(try log(repo, "--format", "json") == full)
        #expect(repo.exists(keptJSON))
        #expect(try log(repo, "--format", "json") == full)
        let text = try log(repo, "--no-cache")
        #expect(try log(repo) == text)
        #expect(try log(repo) == text)
        #expect(repo.exists(".git/adr/log-output-text"))
        // What a rerun prints is the kept file: marking it shows.
        try mark(repo, keptJSON)
        #expect(
            try log(repo, "--format", "json")
                == full.replacingOccurrences(of: "created", with: "CREATED")
        )
        #expect(try log(repo, "--format", "json", "--no-cache") == full)
        // No temporary file is left beside it.
        #expect(try repo.files(in: ".git/adr").allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func aCommitANoteOrOtherSettingsMakeTheLogRenderAgain() throws {
        let repo = try repository()
        _ = try log(repo, "--format", "json")

        try mark(repo, keptJSON)
        try repo.adr("status", "2", "deprecated")
        try repo.git("commit", "-q", "-am", "Deprecate 0002")
        var output = try log(repo, "--format", "json")
        #expect(!output.contains("CREATED") && output.contains("Deprecate 0002"), "\(output)")

        try mark(repo, keptJSON)
        #expect(try repo.adr("approve", "2", "--by", "Cy <cy@example.com>").status == 0)
        output = try log(repo, "--format", "json")
        #expect(!output.contains("CREATED") && output.contains("\"source\": \"note\""), "\(output)")

        try mark(repo, keptJSON)
        try repo.write(".adr.yml", "approvals:\n  trailers: [Approved-by]\n")
        output = try log(repo, "--format", "json")
        #expect(!output.contains("CREATED") && !output.contains("\"source\": \"trailer\""))
        #expect(output == (try log(repo, "--format", "json", "--no-cache")))

        try mark(repo, keptJSON)
        output = try log(repo, "--format", "json", "--since", "1992-01-12")
        #expect(!output.contains("CREATED") && output.contains("created"), "\(output)")
    }

    @Test func aNewMailmapRenamesPeopleInTheCachedHistoryToo() throws {
        let repo = try repository()
        _ = try log(repo, "--format", "json")
        try repo.write(".mailmap", "Ada Lovelace <ada@example.com> Ada Tester <ada@example.com>\n")
        let output = try log(repo, "--format", "json")
        #expect(output.contains("Ada Lovelace") && !output.contains("Ada Tester"), "\(output)")
        // `adr show` reads the history cache alone, not the kept output.
        let show = try repo.adr("show", "2", "--format", "json")
        #expect(show.stdout.contains("Ada Lovelace") && !show.stdout.contains("Ada Tester"))
        #expect(output == (try log(repo, "--format", "json", "--no-cache")))
    }

    @Test func aReaderThatStopsEarlyLeavesNoPartialFileBehind() throws {
        let repo = try repository()
        // More output than a pipe holds, so `adr` is still writing when the reader goes.
        for number in 3...350 {
            try repo.write(
                "doc/adr/\(String(format: "%04d", number))-decision-\(number).md",
                "# \(number). Decision \(number)\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n"
                    + "## Context\n\nContext.\n\n## Decision\n\nDecision.\n"
            )
        }
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Many records")
        let full = try log(repo, "--format", "json", "--no-cache")
        #expect(full.utf8.count > 1 << 17)
        let adr = ADRBinary.url.path
        let piped = try repo.runTool("/bin/sh", ["-c", "'\(adr)' log --format json | head -c 100"])
        #expect(piped.stdout.utf8.count == 100, "\(piped)")
        // Whatever the stopped run left is either nothing or the whole output.
        #expect(try repo.files(in: ".git/adr").allSatisfy { !$0.hasPrefix(".") })
        #expect(try log(repo, "--format", "json") == full)
        #expect(try log(repo, "--format", "json") == full)
    }

    @Test func aDamagedKeptOutputIsOnlyRenderedAgain() throws {
        let repo = try repository()
        let full = try log(repo, "--format", "json", "--no-cache")
        _ = try log(repo, "--format", "json")
        let kept = try Data(contentsOf: repo.url(keptJSON))
        let damaged: [(String, Data)] = [
            ("cut in half", kept.prefix(kept.count / 2)),
            ("without its last byte", kept.dropLast()),
            ("with a byte more", kept + Data([0x20])),
            ("empty", Data()),
            ("of another version", Data("adr-log-output\t99".utf8) + kept.dropFirst(16)),
            (
                "with another key",
                Data(
                    String(decoding: kept, as: UTF8.self)
                        .replacingOccurrences(of: "\tjson\t", with: "\ttext\t").utf8
                )
            ),
        ]
        for (name, bytes) in damaged {
            try bytes.write(to: repo.url(keptJSON))
            #expect(try log(repo, "--format", "json") == full, "kept output \(name)")
            #expect(try log(repo, "--format", "json") == full, "kept output \(name), again")
        }
    }
}

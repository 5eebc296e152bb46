import Foundation
import Testing

/// Concurrent writers never share a number; a failed command leaves the tree byte-identical.
@Suite struct SafetyTests {
    @Test func twentyConcurrentNewCommandsTakeTwentyDistinctNumbers() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        let running = try (1...20).map { index in
            try repo.start(["new", "--no-edit", "Concurrent decision \(index)"])
        }
        let results = running.map { $0.finish() }
        for result in results {
            #expect(result.status == 0, "\(result)")
        }
        let printed = results.map { $0.stdout.trimmingCharacters(in: .newlines) }
        #expect(Set(printed).count == 20, "\(printed)")
        let files = try repo.files(in: "doc/adr").filter { $0.hasSuffix(".md") }
        #expect(files.count == 21, "\(files)")
        let numbers = Set(files.compactMap { Int($0.prefix(4)) })
        #expect(numbers == Set(1...21), "\(files)")
        for index in 1...20 {
            #expect(
                files.contains { $0.hasSuffix("-concurrent-decision-\(index).md") },
                "decision \(index) was lost"
            )
        }
        for path in printed {
            #expect(repo.exists(path), "\(path)")
        }
    }

    @Test func supersedingAMissingRecordChangesNothing() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        let before = try repo.snapshot()
        let result = try repo.adr("new", "--no-edit", "-s", "2", "-s", "99", "Use a better queue")
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("99"), "\(result)")
        #expect(try repo.snapshot() == before)
    }

    @Test func linkingToAMissingRecordChangesNothing() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        let before = try repo.snapshot()
        let viaLink = try repo.adr("link", "2", "Amends", "99", "Amended by")
        #expect(viaLink.status == 2, "\(viaLink)")
        #expect(try repo.snapshot() == before)
        let viaNew = try repo.adr("new", "--no-edit", "-l", "99:Amends:Amended by", "Amendment")
        #expect(viaNew.status == 2, "\(viaNew)")
        #expect(try repo.snapshot() == before)
    }

    @Test func renumberingOntoATakenNumberChangesNothing() throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        try repo.adr("new", "--no-edit", "-s", "2", "Use a better queue")
        let before = try repo.snapshot()
        let result = try repo.adr("renumber", "3", "--to", "2")
        #expect(result.status != 0, "\(result)")
        #expect(try repo.snapshot() == before)
    }
}

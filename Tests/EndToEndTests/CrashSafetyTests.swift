import Foundation
import Testing

/// Kill tests: a writing command stopped by SIGKILL at any moment leaves, once the next
/// command has run, every planned change either wholly there or wholly absent, no record
/// lost, no link to a missing file and no temporary file.
@Suite(.serialized) struct CrashSafetyTests {
    static let scenarios: [[String]] = [
        ["renumber", "2", "--to", "20"],
        [
            "new", "--no-edit", "-s", "2", "-l", "3:Amends:Amended by", "-l",
            "4:Relates to:Related to", "Use a better queue",
        ],
    ]

    /// SIGKILL after each write step in turn: the journal's, each file's, the folders'.
    @Test(arguments: scenarios)
    func aCommandKilledAfterAnyWriteStepIsUndoneByTheNextCommand(arguments: [String]) throws {
        let trial = try KillTrial(arguments: arguments)
        var step = 1
        while true {
            let run = try trial.repo.start(
                arguments,
                environment: ["ADR_TEST_CRASH_AT_STEP": String(step)]
            ).finish()
            if run.status == 0 { break }
            #expect(run.status == SIGKILL, "step \(step): \(run)")
            try trial.checkAfterCrash(label: "step \(step)")
            try trial.restore()
            step += 1
            if step > 200 { Issue.record("the command never completed"); break }
        }
        // Each file takes two or three steps, the journal three: a bound that fails if the
        // hook stops counting.
        #expect(step > 10, "only \(step - 1) crash points")
        print("kill test \(arguments[0]): \(step - 1) crash points, each rolled back")
    }

    /// SIGKILL at random moments, in microseconds, over the command's whole run: up to
    /// `ADR_KILL_TRIALS` (300) trials or `ADR_KILL_SECONDS` (10) seconds a scenario,
    /// whichever ends first, and never fewer than 50.
    @Test(arguments: scenarios)
    func aCommandKilledAtRandomMomentsIsWhollyDoneOrUndone(arguments: [String]) throws {
        let trial = try KillTrial(arguments: arguments)
        let environment = ProcessInfo.processInfo.environment
        let most = environment["ADR_KILL_TRIALS"].flatMap { Int($0) } ?? 300
        let budget = Duration.seconds(environment["ADR_KILL_SECONDS"].flatMap { Int($0) } ?? 10)
        let clock = ContinuousClock()
        let started = clock.now
        _ = try trial.repo.adr(arguments: arguments)
        let duration = clock.now - started
        let microseconds =
            Int(duration.components.seconds) * 1_000_000
            + Int(duration.components.attoseconds / 1_000_000_000_000)
        var outcomes: [String: Int] = [:]
        var trials = 0
        let firstTrial = clock.now
        while trials < most, trials < 50 || clock.now - firstTrial < budget {
            let index = trials
            trials += 1
            try trial.restore()
            // Half over the whole run, half over its last part, where the writes are.
            let delay =
                index.isMultiple(of: 2)
                ? Int.random(in: 0...microseconds * 11 / 10)
                : Int.random(in: microseconds / 2...microseconds * 11 / 10)
            let running = try trial.repo.start(arguments)
            usleep(UInt32(delay))
            running.kill()
            let run = running.finish()
            // A kill that left the log exactly as before or after, with nothing hidden,
            // gives the next command nothing to do; it still runs on every tenth trial.
            let outcome = try trial.checkAfterCrash(
                label: "trial \(index), \(delay) µs",
                alwaysRunNext: index.isMultiple(of: 10)
            )
            outcomes[run.status == 0 ? "finished first" : outcome, default: 0] += 1
        }
        print(
            "kill test \(arguments[0]): \(trials) trials over \(microseconds) µs runs: "
                + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", ")
        )
    }
}

/// One log, its state before and after the command, and the checks after a crash.
private struct KillTrial {
    let repo: TestRepository
    let before: [String: Data]
    let after: [String: Data]
    static let folder = "doc/adr"

    /// A log where record 2 is linked from ten others (records 3 to 12).
    init(arguments: [String]) throws {
        let repo = try TestRepository()
        try repo.adr("init")
        try repo.adr("new", "--no-edit", "Use a queue")
        for number in 3...12 {
            try repo.adr("new", "--no-edit", "-l", "2:Amends:Amended by", "Amendment \(number)")
        }
        self.repo = repo
        before = try Self.files(in: repo)
        let run = try repo.adr(arguments: arguments)
        #expect(run.status == 0, "\(run)")
        after = try Self.files(in: repo)
        #expect(after != before)
        try Self.write(before, to: repo)
    }

    /// Every name in the log folder, hidden ones included, with its bytes.
    static func files(in repo: TestRepository) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try repo.files(in: folder) {
            files[name] = try Data(contentsOf: repo.url(folder + "/" + name))
        }
        return files
    }

    static func write(_ files: [String: Data], to repo: TestRepository) throws {
        for name in try repo.files(in: folder) {
            try FileManager.default.removeItem(at: repo.url(folder + "/" + name))
        }
        for (name, data) in files { try data.write(to: repo.url(folder + "/" + name)) }
    }

    func restore() throws { try Self.write(before, to: repo) }

    /// Runs the next command and checks the log; returns which state it found.
    @discardableResult
    func checkAfterCrash(label: String, alwaysRunNext: Bool = true) throws -> String {
        let leftovers = try repo.files(in: Self.folder).filter { $0.hasPrefix(".") }
        var now = try Self.files(in: repo)
        if alwaysRunNext || !leftovers.isEmpty || (now != before && now != after) {
            let next = try repo.adr("list")
            #expect(next.status == 0, "\(label): \(next)")
            now = try Self.files(in: repo)
        }
        #expect(now == before || now == after, "\(label): \(now.keys.sorted())")
        #expect(!now.keys.contains { $0.hasPrefix(".") }, "\(label): \(now.keys.sorted())")
        for (name, data) in now {
            let text = String(decoding: data, as: UTF8.self)
            for match in text.matches(of: /\]\(([^)]+\.md)\)/) {
                #expect(now[String(match.1)] != nil, "\(label): \(name) links to \(match.1)")
            }
        }
        let state = now == before ? "unchanged" : "done"
        return leftovers.isEmpty ? state : state + " (after recovery)"
    }
}

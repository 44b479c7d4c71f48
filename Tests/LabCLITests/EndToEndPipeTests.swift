import Foundation
import LabTestSupport
import LabStore
import Testing

/// The built `lab` binary driven through pipes, as scripts and CI use it.
@Suite(.serialized) struct EndToEndPipeTests {
    func withHome<T>(_ body: (URL) throws -> T) throws -> T {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        return try body(home)
    }

    func env(_ home: URL) -> [String: String] {
        ["LAB_HOME": home.path, "LAB_CONTENT": LabBinary.repositoryRoot.path, "LAB_UNLOCK_ALL": "1"]
    }

    @Test func pipedCommandsRunWithoutPromptsAndSucceed() throws {
        try withHome { home in
            let result = try LabBinary.run([], stdin: "lessons\nopen 1\n", environment: env(home))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("lab>"), "no prompt echo from a pipe")
            #expect(result.stdout.contains("Why managed identities"))
            #expect(result.stdout.contains("Lesson 1 of"))
            #expect(!result.stdout.contains("\u{1B}["), "no colour into a pipe")
        }
    }

    @Test func exitStatusSaysWhetherEveryCommandSucceeded() throws {
        try withHome { home in
            let result = try LabBinary.run([], stdin: "lessons\nopen 42\nlessons\n", environment: env(home))
            #expect(result.status == 1)
            #expect(result.stderr.contains("no lesson '42'"))
            #expect(result.stdout.components(separatedBy: "Lessons (").count == 3, "later commands still ran")
        }
    }

    @Test func everyCommandIsASubcommand() throws {
        try withHome { home in
            let lessons = try LabBinary.run(["lessons"], environment: env(home))
            #expect(lessons.status == 0)
            #expect(lessons.stdout.contains("imds-token-flow"))
            let open = try LabBinary.run(["open", "imds-token-flow", "--width", "72"], environment: env(home))
            #expect(open.status == 0)
            #expect(open.stdout.contains("Getting a token from IMDS"))
            #expect(open.stdout.split(separator: "\n").allSatisfy { $0.count <= 72 || $0.hasPrefix("│ ") || $0.contains("http") })
            let last = try LabBinary.run(["open", "exam-traps"], environment: env(home))
            #expect(last.stdout.contains("the last one"))
            let next = try LabBinary.run(["next"], environment: env(home))
            #expect(next.status == 1, "after the last lesson there is no next")
            let prev = try LabBinary.run(["prev"], environment: env(home))
            #expect(prev.stdout.contains("Lesson 9 of 10"))
            let search = try LabBinary.run(["search", "X-Forwarded-For"], environment: env(home))
            #expect(search.status == 0 && search.stdout.contains("imds-token-flow"))
            let lint = try LabBinary.run(["lint"], environment: env(home))
            #expect(lint.status == 0 && lint.stdout.contains("0 errors"))
        }
    }

    @Test func helpVersionAndCompletionScripts() throws {
        let help = try LabBinary.run(["--help"])
        #expect(help.status == 0)
        for name in ["lessons", "open", "next", "prev", "search", "lint", "--plain", "--content"] { #expect(help.stdout.contains(name), "\(name)") }
        let openHelp = try LabBinary.run(["open", "--help"])
        #expect(openHelp.stdout.contains("USAGE: lab open"))
        for shell in ["bash", "zsh", "fish"] {
            let script = try LabBinary.run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.stdout.contains("lessons"), "\(shell)")
        }
    }

    @Test func unknownCommandSuggestsTheNearest() throws {
        let result = try LabBinary.run(["lesons"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown command 'lesons'. Did you mean 'lessons'?"))
    }

    @Test func missingContentSaysWhereItLooked() throws {
        try withHome { home in
            let result = try LabBinary.run(["lessons", "--content", home.path], environment: ["LAB_HOME": home.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("no Lessons/ folder found; looked in:"))
            #expect(result.stderr.contains(home.appendingPathComponent("Lessons").path))
            #expect(result.stderr.contains("--content DIR or LAB_CONTENT=DIR"))
        }
    }

    @Test func brokenLessonsAreListedAndTheOthersStillWork() throws {
        try withHome { home in
            let lessons = home.appendingPathComponent("content/Lessons")
            try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
            try "---\nid: good\ntitle: Good one\nobjective: o\nminutes: 5\n---\n# Good\n\nHello.\n".write(to: lessons.appendingPathComponent("01-good.md"), atomically: true, encoding: .utf8)
            try "---\nid: bad\ntitle: [oops\n---\n# Bad\n".write(to: lessons.appendingPathComponent("02-bad.md"), atomically: true, encoding: .utf8)
            try "---\nid: good\ntitle: Same id\nobjective: o\nminutes: 5\n---\n# Dup\n".write(to: lessons.appendingPathComponent("03-dup.md"), atomically: true, encoding: .utf8)
            try "---\nid: diagram\ntitle: Diagram\nobjective: o\nminutes: 5\n---\n# D\n\n```mermaid\nsequenceDiagram\n  A->>B no colon\n```\n".write(to: lessons.appendingPathComponent("04-diagram.md"), atomically: true, encoding: .utf8)
            let content = home.appendingPathComponent("content").path
            let list = try LabBinary.run(["lessons", "--content", content], environment: ["LAB_HOME": home.path])
            #expect(list.status == 0)
            #expect(list.stdout.contains("Good one"))
            #expect(list.stdout.components(separatedBy: "broken").count - 1 == 3, "\(list.stdout)")
            let open = try LabBinary.run(["open", "1", "--content", content], environment: ["LAB_HOME": home.path])
            #expect(open.status == 0 && open.stdout.contains("Hello."))
            let bad = try LabBinary.run(["open", "2", "--content", content], environment: ["LAB_HOME": home.path])
            #expect(bad.status == 1 && bad.stderr.contains("cannot be opened"))
            let lint = try LabBinary.run(["lint", lessons.path], environment: ["LAB_HOME": home.path])
            #expect(lint.status == 1)
            #expect(lint.stdout.contains("02-bad.md:4:1: error: front matter YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 3)"))
            #expect(lint.stdout.contains("03-dup.md:2:1: error: duplicate lesson id 'good'"))
            #expect(lint.stdout.contains("04-diagram.md:11:"))
        }
    }

    @Test func plainModeAndNoColor() throws {
        try withHome { home in
            let plain = try LabBinary.run(["open", "imds-token-flow", "--plain"], environment: env(home))
            #expect(plain.stdout.contains("Diagram, as numbered steps:"))
            #expect(plain.stdout.contains("1. "))
            #expect(!plain.stdout.contains("┌") && !plain.stdout.contains("│"))
            let noColour = try LabBinary.run(["lessons"], environment: env(home).merging(["NO_COLOR": "1", "TERM": "xterm-256color"]) { $1 })
            #expect(!noColour.stdout.contains("\u{1B}["))
        }
    }

    @Test func aDamagedProgressDatabaseIsKeptAsideAndTheLabStarts() throws {
        try withHome { home in
            try "garbage".write(to: home.appendingPathComponent("progress.sqlite"), atomically: true, encoding: .utf8)
            let result = try LabBinary.run(["lessons"], environment: env(home))
            #expect(result.status == 0)
            #expect(result.stderr.contains("the progress database was damaged"))
            #expect(result.stderr.contains("progress.sqlite.corrupt-"))
            let kept = try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0.hasPrefix("progress.sqlite.corrupt-") }
            #expect(kept.count == 1)
        }
    }

    @Test func profilesKeepProgressApart() throws {
        try withHome { home in
            _ = try LabBinary.run(["open", "2", "--profile", "ana"], environment: env(home))
            let ana = try LabBinary.run(["lessons", "--profile", "ana"], environment: env(home))
            let ben = try LabBinary.run(["lessons", "--profile", "ben"], environment: env(home))
            #expect(ana.stdout.contains("done"))
            #expect(!ben.stdout.contains("done"))
        }
    }

    @Test func progressReviewExportAndReset() throws {
        try withHome { home in
            let e = env(home).merging(["LAB_PROFILE": "pat"]) { $1 }
            _ = try LabBinary.run(["open", "1"], environment: e)
            _ = try LabBinary.run(["quiz", "check-imds-token-flow", "--seed", "3"], stdin: "Metadata: true\nquit\n", environment: e)
            let progress = try LabBinary.run(["progress"], environment: e)
            #expect(progress.status == 0, "\(progress.stderr)")
            #expect(progress.stdout.contains("Progress for pat"))
            #expect(progress.stdout.contains("Lessons: 1 of 10 opened, 1 read to the end: why-managed-identities."))
            #expect(progress.stdout.contains("check-imds-token-flow"))
            #expect(progress.stdout.contains("imds-tokens"))
            let csv = try LabBinary.run(["progress", "export", "--csv"], environment: e)
            #expect(csv.stdout.hasPrefix("profile,quiz,question,answer,points,correct,seconds,mode,at\n"))
            #expect(csv.stdout.split(separator: "\n").count >= 2)
            let json = try LabBinary.run(["progress", "export", "--json"], environment: e)
            #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["profile"] as? String == "pat")
            let refused = try LabBinary.run(["progress", "reset"], environment: e)
            #expect(refused.status == 1 && refused.stderr.contains("needs --yes"))
            let reset = try LabBinary.run(["progress", "reset", "--yes"], environment: e)
            #expect(reset.status == 0)
            let empty = try LabBinary.run(["progress"], environment: e)
            #expect(empty.stdout.contains("Lessons: 0 of 10 opened, 0 read to the end."))
            let review = try LabBinary.run(["review"], environment: e)
            #expect(review.stdout.contains("Nothing is due for review"))
        }
    }

    @Test func aLockedLessonSaysWhatToPassFirst() throws {
        try withHome { home in
            let locked = ["LAB_HOME": home.path, "LAB_CONTENT": LabBinary.repositoryRoot.path]
            let list = try LabBinary.run(["lessons"], environment: locked)
            #expect(list.stdout.contains("lock  Getting a token from IMDS"))
            let open = try LabBinary.run(["open", "identity-types"], environment: locked)
            #expect(open.status == 1)
            #expect(open.stderr.contains("is locked: score 60% or more in 'quiz check-why-managed-identities'"))
            let later = try LabBinary.run(["open", "imds-token-flow"], environment: locked)
            #expect(later.stderr.contains("is locked: score 60% or more in 'quiz check-roles-and-scopes'"))
            let first = try LabBinary.run(["open", "1"], environment: locked)
            #expect(first.stdout.contains("Check yourself: 'quiz check-why-managed-identities'"))
            let instructor = try LabBinary.run(["open", "imds-token-flow", "--unlock-all"], environment: locked)
            #expect(instructor.status == 0)
        }
    }

    @Test func twoLabProcessesOnOneProfileCorruptNothing() throws {
        try withHome { home in
            let e = env(home).merging(["LAB_PROFILE": "shared"]) { $1 }
            // Answers every kind somehow: letters, true/false, an order, a short answer.
            let input = String(repeating: "a\nt\nabcd\nabcde\nabcdef\n", count: 120)
            var results: [LabBinary.Result?] = [nil, nil]
            let lock = NSLock()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let result = try? LabBinary.run(["quiz", "az204", "--seed", "\(i + 1)", "--json"], stdin: input, environment: e, timeout: 120)
                lock.lock()
                results[i] = result
                lock.unlock()
            }
            let answered = results.compactMap { $0 }.compactMap { r -> Int? in
                (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["answered"] as? Int
            }
            #expect(answered.count == 2, "\(results.map { $0.map { "status \($0.status): \($0.stderr)" } ?? "did not run" })")
            let store = try AppDatabase.open(path: home.appendingPathComponent("progress.sqlite").path, profile: "shared")
            // In practice mode every answer is recorded once, so the rows match what both reports counted.
            #expect(try store.answerCount(quizID: "az204") == answered.reduce(0, +))
            #expect(try store.attempts().count == 2)
        }
    }
}

import Foundation
import LabTestSupport
import Testing

/// `lab quiz` through the built binary: scripted answers from a pipe, JSON results, exit status, bad banks.
@Suite(.serialized) struct EndToEndQuizTests {
    func env(_ home: URL, content: URL = LabBinary.repositoryRoot) -> [String: String] {
        ["LAB_HOME": home.path, "LAB_CONTENT": content.path, "LAB_UNLOCK_ALL": "1"]
    }

    /// A content folder with one small quiz whose answers are known.
    func makeContent(_ home: URL, quiz: String) throws -> URL {
        let root = home.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Lessons"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Quizzes"), withIntermediateDirectories: true)
        try "---\nid: intro\ntitle: Intro\nobjective: o\nminutes: 5\n---\n# Intro\n".write(to: root.appendingPathComponent("Lessons/01-intro.md"), atomically: true, encoding: .utf8)
        try "AZ-204:\n  basics: The basics\n".write(to: root.appendingPathComponent("Quizzes/objectives.yml"), atomically: true, encoding: .utf8)
        try quiz.write(to: root.appendingPathComponent("Quizzes/tiny.md"), atomically: true, encoding: .utf8)
        return root
    }

    static let tiny = """
    ---
    id: tiny
    title: Tiny quiz
    exam: AZ-204
    pass: 60
    ---

    ## Lifetime

    id: t-lifetime · objective: basics · lesson: intro

    How long does a token last for the exam?

    Answer: 1 hour | 3600 | 60 minutes

    Explanation: The exam's default is one hour.

    ## Header

    id: t-header · objective: basics · lesson: intro

    The Metadata header is required.

    - [x] True
    - [ ] False

    Explanation: IMDS refuses requests without it.
    """

    @Test func scriptedPracticeRunPassesWithExitZero() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let content = try makeContent(home, quiz: Self.tiny)
        // Whatever the order, "1 hour" answers the short question and "t" the true/false one; "t" for the short one would be wrong,
        // so give both lines in the order the seed shows them.
        let first = try LabBinary.run(["quiz", "tiny", "--seed", "5", "--json"], stdin: "", environment: env(home, content: content))
        let order = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as! [String: Any]
        let ids = (order["results"] as! [[String: Any]]).map { $0["id"] as! String }
        let answers = ids.map { $0 == "t-lifetime" ? "3600" : "maybe\nt" }.joined(separator: "\n") + "\n"
        let run = try LabBinary.run(["quiz", "tiny", "--seed", "5"], stdin: answers, environment: env(home, content: content))
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("answer with t (true) or f (false)"), "an invalid answer is asked again, not graded")
        #expect(run.stdout.contains("2 of 2 points, 100%"))
        #expect(run.stdout.contains("PASSED"))
        let list = try LabBinary.run(["quizzes"], environment: env(home, content: content))
        #expect(list.stdout.contains("best 100% (passed)"))
    }

    @Test func failingRunExitsOneAndJSONIsMachineReadable() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let content = try makeContent(home, quiz: Self.tiny)
        let run = try LabBinary.run(["quiz", "tiny", "--seed", "9", "--exam", "--json"], stdin: "f\nf\nsubmit\n", environment: env(home, content: content))
        #expect(run.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(report["passed"] as? Bool == false)
        #expect(report["mode"] as? String == "exam")
        #expect(report["seed"] as? Int == 9)
        #expect(report["questions"] as? Int == 2)
        #expect(run.stderr.contains("Question 1 of 2"), "questions go to stderr with --json")
    }

    @Test func sameSeedSameQuestionsOnTheRealBank() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let a = try LabBinary.run(["quiz", "az204", "--seed", "1234", "--count", "10", "--json"], stdin: "", environment: env(home))
        let b = try LabBinary.run(["quiz", "az204", "--seed", "1234", "--count", "10", "--json"], stdin: "", environment: env(home))
        func ids(_ r: LabBinary.Result) -> [String] {
            ((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(ids(a).count == 10)
        #expect(ids(a) == ids(b))
        #expect(a.stderr == b.stderr, "the same options in the same order too")
    }

    @Test func aBrokenBankIsRefusedWithItsErrors() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let broken = Self.tiny.replacingOccurrences(of: "- [x] True", with: "- [ ] True").replacingOccurrences(of: "objective: basics · lesson: intro\n\nHow", with: "objective: nonsense · lesson: intro\n\nHow")
        let content = try makeContent(home, quiz: broken)
        let run = try LabBinary.run(["quiz", "tiny"], stdin: "", environment: env(home, content: content))
        #expect(run.status == 2)
        #expect(run.stderr.contains("quiz 'tiny' has 2 errors and cannot be run"))
        #expect(run.stderr.contains("Quizzes/tiny.md:10:1: error: question 't-lifetime': unknown objective 'nonsense'"))
        #expect(run.stderr.contains("has no right answer"))
        let lint = try LabBinary.run(["lint"], environment: env(home, content: content))
        #expect(lint.status == 1 && lint.stdout.contains("2 errors"))
        let objective = try LabBinary.run(["quiz", "az204", "--objective", "nope"], environment: env(home))
        #expect(objective.status == 2 && objective.stderr == "error: unknown objective 'nope'; AZ-204 has: app-service-endpoint, enable-identities, identity-types, imds-tokens, limits-troubleshooting, roles-scopes, sdk-credentials, tokens-validation\n")
        let unknown = try LabBinary.run(["quiz", "tinny"], environment: env(home, content: content))
        #expect(unknown.stderr.contains("no quiz 'tinny'. Did you mean 'tiny'?"))
    }

    @Test func theQuizRunsInsideThePipedREPL() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let content = try makeContent(home, quiz: Self.tiny)
        let run = try LabBinary.run([], stdin: "quizzes\nquiz tiny --seed 2\nquit\nlessons\n", environment: env(home, content: content))
        #expect(run.stdout.contains("Tiny quiz"))
        #expect(run.stdout.contains("Stopped after 0 of 2 questions"))
        #expect(run.stdout.contains("Lessons (1"), "quitting a quiz returns to the lab")
    }
}

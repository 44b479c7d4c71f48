import Foundation
import Testing
import LabKit
@testable import LabSim
import LabTestSupport

/// Every shipped scenario loads, starts unsolved, and is solved by its scripted reference solution.
@Suite struct ShippedScenarioTests {
    static let labs = LabBinary.repositoryRoot.appendingPathComponent("Lessons/labs")
    static let solutions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Solutions")
    static let library = ScenarioLibrary.load(folder: labs, displayPrefix: "Lessons/labs")
    static var ids: [String] { library.ids }

    /// The scenarios the issue asks for: the seeds' cases and the troubleshooting labs.
    static let required = ["ai-agent-cosmos", "recommendations-openai-vision", "function-keyvault-secrets", "vms-read-blobs",
                           "microservices-shared-identity", "fix-missing-header", "fix-wrong-scope", "fix-control-plane-role"]

    func start(_ scenario: Scenario) throws -> Simulator {
        let simulator = Simulator(world: scenario.world, scenario: scenario, key: SimFixtures.key, clock: FixedClock(SimFixtures.start))
        for words in scenario.setup { _ = try? simulator.run(SimCommand.parse(words)) }
        return simulator
    }

    func grade(_ simulator: Simulator) throws -> GradeReport {
        SimGrader(rulebook: try SimFixtures.rulebook).grade(GradingContext(world: simulator.world, runs: simulator.runs, goal: simulator.scenario?.goal))
    }

    func solve(_ id: String, skipping skip: (String) -> Bool = { _ in false }) throws -> GradeReport {
        let scenario = try Self.library.scenario(id)
        let simulator = try start(scenario)
        let script = try String(contentsOf: Self.solutions.appendingPathComponent("\(id).txt"), encoding: .utf8)
        for line in script.split(separator: "\n").map(String.init) where !line.trimmingCharacters(in: .whitespaces).isEmpty && !skip(line) {
            let command = try SimCommand.parse(try CommandLineTokenizer.split(line))
            if case .session = command { continue }
            try simulator.run(command)
        }
        return try grade(simulator)
    }

    @Test func theRequiredScenariosShipAndNoneIsBroken() {
        for id in Self.required { #expect(Self.ids.contains(id), "missing scenario \(id)") }
        for entry in Self.library.entries { #expect(entry.error == nil, "\(entry.file): \(entry.error ?? "")") }
        #expect(Self.library.entries.filter { $0.scenario?.kind == .troubleshoot }.count >= 3)
    }

    @Test(arguments: ids)
    func startsUnsolved(id: String) throws {
        let report = try grade(try start(try Self.library.scenario(id)))
        #expect(!report.solved, "\(id) is solved before the learner does anything")
    }

    @Test(arguments: ids)
    func theReferenceSolutionSolvesIt(id: String) throws {
        let report = try solve(id)
        #expect(report.solved, "\(id): \(report.failedRules.map { "\($0.rule.id): \($0.outcome.detail)" } + report.goals.filter { !$0.met }.map(\.detail) + report.missingRequired.map(\.rule.id))")
    }

    @Test func troubleshootingLabsStartWithTheFailureShown() throws {
        for entry in Self.library.entries where entry.scenario?.kind == .troubleshoot {
            let simulator = try start(try #require(entry.scenario))
            let failed = simulator.runs.contains { run in
                switch run {
                case .token(_, _, let e, _): return e.response.status != 200
                case .call(let c, _): return !c.succeeded
                case .directToEntra: return true
                }
            }
            #expect(failed, "\(entry.id) should start with a failing run")
        }
    }

    @Test func leavingTheWrongAssignmentInPlaceIsNotASolution() throws {
        let report = try solve("fix-wrong-scope", skipping: { $0.hasPrefix("revoke") })
        #expect(!report.solved)
        #expect(report.failedRules.map(\.rule.id).contains("least-privilege"))
    }

    @Test func scenariosNameLessonsOfTheCourse() throws {
        let plan = try String(contentsOf: LabBinary.repositoryRoot.appendingPathComponent("Lessons/course.yml"), encoding: .utf8)
        for entry in Self.library.entries {
            let lesson = try #require(entry.scenario).lesson
            #expect(plan.contains("- id: \(lesson)\n"), "\(entry.id) names lesson \(lesson)")
        }
    }

    @Test(arguments: [
        ("---\nid: x\ntitle: X\nworld: {}\ngoal:\n  calls: []\n---\n", 6, "at least one call"),
        ("---\nid: x\ntitle: X\nkind: quiz\nworld: {}\ngoal: {calls: [{from: a, target: b}]}\n---\n", 4, "kind is build or troubleshoot"),
        ("---\nid: x\ntitle: X\nworld:\n  compute: [{name: a, kind: vm}]\ngoal:\n  calls:\n    - from: a\n      target: nowhere\n---\n", 9, "names no target"),
        ("---\nid: x\ntitle: X\nworld: {}\nsetup:\n  - fly away\ngoal: {calls: [{from: a, target: b}]}\n---\n", 6, "unknown simulator command"),
        ("---\nid: x\ntitle: X\nworld: {}\nsurprise: 1\n---\n", 5, "unknown key 'surprise'"),
    ])
    func malformedScenariosNameTheLine(text: String, line: Int, words: String) {
        SimFixtures.expectInvalidFile(line: line, words: words) { _ = try Scenario.parse(text, file: "<test>") }
    }
}

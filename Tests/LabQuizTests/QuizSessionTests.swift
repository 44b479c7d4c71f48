import Foundation
import LabKit
import Testing
@testable import LabQuiz

@Suite struct QuizSessionTests {
    let quiz = QuizFixtures.quiz()

    @Test func theSameSeedGivesTheSameSession() throws {
        let a = try QuizSession(quiz: quiz, mode: .practice, seed: 42)
        let b = try QuizSession(quiz: quiz, mode: .practice, seed: 42)
        #expect(a.items.map(\.question.id) == b.items.map(\.question.id))
        #expect(a.items.map(\.shown) == b.items.map(\.shown))
        let orders = Set(try (1...20).map { try QuizSession(quiz: quiz, mode: .practice, seed: UInt64($0)).items.map(\.question.id) })
        #expect(orders.count > 1, "different seeds shuffle differently")
    }

    @Test func orderQuestionsNeverStartSolvedAndTrueFalseStaysInPlace() throws {
        for seed in 1...30 {
            let session = try QuizSession(quiz: quiz, mode: .practice, seed: UInt64(seed))
            let order = session.items.first { $0.question.kind == .order }!
            #expect(order.shown != [0, 1, 2, 3])
            #expect(session.items.first { $0.question.kind == .trueFalse }!.shown == [0, 1])
        }
    }

    @Test func countAndObjectiveFilter() throws {
        #expect(try QuizSession(quiz: quiz, mode: .practice, seed: 1, count: 2).items.count == 2)
        let imds = try QuizSession(quiz: quiz, mode: .practice, seed: 1, objective: "imds-tokens")
        #expect(imds.items.count == 4 && imds.items.allSatisfy { $0.question.objective == "imds-tokens" })
        #expect(throws: QuizError.noQuestions(filter: "objective 'nope'")) { try QuizSession(quiz: quiz, mode: .practice, seed: 1, objective: "nope") }
    }

    @Test func lettersMapToTheStoredOptions() throws {
        let session = try QuizSession(quiz: quiz, mode: .practice, seed: 7)
        let index = session.items.firstIndex { $0.question.id == "case-shared" }!
        let shown = session.items[index].shown
        let rightLetter = String(UnicodeScalar(UInt8(97 + shown.firstIndex(of: 1)!)))
        #expect(session.interpret(rightLetter, at: index) == .answer(.choices([1])))
        #expect(session.interpret(rightLetter.uppercased() + ")", at: index) == .answer(.choices([1])))
        #expect(session.record(.choices([1]), at: index).isCorrect)
    }

    @Test func invalidInputIsAskedAgainNeverGraded() throws {
        let session = try QuizSession(quiz: quiz, mode: .practice, seed: 7)
        let single = session.items.firstIndex { $0.question.kind == .single }!
        guard case .invalid(let message) = session.interpret("z", at: single) else { Issue.record("z accepted"); return }
        #expect(message.contains("one letter from a to c"))
        if case .invalid = session.interpret("ab", at: single) {} else { Issue.record("two letters accepted for single") }
        let tf = session.items.firstIndex { $0.question.kind == .trueFalse }!
        #expect(session.interpret("f", at: tf) == .answer(.choices([1])))
        if case .invalid = session.interpret("maybe", at: tf) {} else { Issue.record("maybe accepted") }
        let order = session.items.firstIndex { $0.question.kind == .order }!
        if case .invalid = session.interpret("ab", at: order) {} else { Issue.record("partial order accepted") }
        #expect(session.interpret("hint", at: single) == .hint)
        #expect(session.interpret("mark", at: single) == .invalid("'mark' is for exam mode"))
        #expect(session.answeredCount == 0)
    }

    @Test func examTimerRunsOnTheInjectedClock() throws {
        let clock = FixedClock(Date(timeIntervalSince1970: 1_800_000_000))
        let session = try QuizSession(quiz: quiz, mode: .exam, seed: 1, minutes: 2, clock: clock)
        #expect(session.timeRemaining == 120)
        clock.advance(by: 90)
        #expect(session.timeRemaining == 30 && !session.isTimeUp)
        clock.advance(by: 31)
        #expect(session.isTimeUp)
        #expect(session.report(endedBy: .timeUp).seconds == 121)
        #expect(try QuizSession(quiz: quiz, mode: .practice, seed: 1, clock: clock).timeRemaining == nil)
    }

    @Test func reportScoresObjectivesAndPassMark() throws {
        let session = try QuizSession(quiz: quiz, mode: .practice, seed: 3)
        for (index, item) in session.items.enumerated() {
            switch item.question.kind {
            case .single: session.record(.choices([1]), at: index)
            case .multiple: session.record(.choices([0]), at: index) // half
            case .trueFalse: session.record(.choices([0]), at: index) // wrong
            case .order: session.record(.order([0, 1, 2, 3]), at: index)
            case .short: session.record(.text("169.254.169.254"), at: index)
            }
        }
        let report = session.report(endedBy: .finished)
        #expect(report.points == 3.5)
        #expect(report.percent == 70)
        #expect(report.passed)
        #expect(report.objectives.map(\.id) == ["identity-types", "imds-tokens"])
        #expect(report.objectives[1].earned == 2.5 && report.objectives[1].possible == 4)
        #expect(report.results.filter { !$0.correct }.map(\.id).sorted() == ["imds-tf", "imds-two"])
    }
}

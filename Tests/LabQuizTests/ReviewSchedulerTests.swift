import Foundation
import Testing
@testable import LabQuiz

@Suite struct ReviewSchedulerTests {
    let day: TimeInterval = 86_400
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var utc: Calendar { var c = Calendar(identifier: .gregorian); c.timeZone = TimeZone(identifier: "UTC")!; return c }

    @Test func rightAnswersClimbTheBoxesAndWrongOnesGoBackToOne() {
        let s = ReviewScheduler()
        let cards = s.cards(from: [
            ("az204", "q1", true, start), ("az204", "q1", true, start + 2 * day), ("az204", "q1", true, start + 5 * day),
            ("az204", "q2", true, start), ("az204", "q2", false, start + day),
        ])
        #expect(cards.map(\.questionID) == ["q1", "q2"])
        #expect(cards[0].box == 3 && cards[0].due == start + 5 * day + 4 * day)
        #expect(cards[1].box == 1 && cards[1].due == start + day && !cards[1].lastCorrect)
    }

    @Test func missedQuestionsComeFirstAndTheSummaryCountsDays() {
        let s = ReviewScheduler()
        let cards = s.cards(from: [
            ("az204", "right", true, start - 3 * day),   // box 1, due start - 2 days
            ("az204", "missed", false, start - day),     // due start - 1 day
            ("az204", "later", true, start),             // due start + 1 day
        ])
        #expect(s.due(cards, now: start).map(\.questionID) == ["missed", "right"])
        let summary = s.summary(cards, now: start, calendar: utc)
        #expect(summary.today == 2 && summary.tomorrow == 1)
    }

    @Test func progressSummaryFindsWeakObjectivesAndTheStreak() {
        let questions: [String: (objective: String, lesson: String)] = [
            "a1": ("imds-tokens", "imds-token-flow"), "a2": ("imds-tokens", "imds-token-flow"), "b1": ("identity-types", "identity-types"),
        ]
        let summary = ProgressSummary(
            answers: [("az204", "a1", 0, start - 2 * day), ("az204", "a1", 1, start - day), ("az204", "a2", 0, start), ("az204", "b1", 1, start)],
            attempts: [("az204", 40, false, start - day), ("az204", 80, true, start)],
            lessonsOpened: ["imds-token-flow"], lessonIDs: ["why-managed-identities", "imds-token-flow"], lessonEventDates: [],
            questions: questions, objectiveTitles: [:], now: start, calendar: utc)
        #expect(summary.quizzes == [.init(quizID: "az204", best: 80, last: 80, attempts: 2, passed: true)])
        let imds = summary.objectives.first { $0.id == "imds-tokens" }!
        #expect(imds.percent == 50 && imds.answered == 2 && imds.lessons == ["imds-token-flow"])
        #expect(summary.weakest.map(\.id) == ["imds-tokens"])
        #expect(summary.streakDays == 3)
        #expect(summary.lessonsOpened == ["imds-token-flow"] && summary.lessonCount == 2)
        #expect(summary.dueToday == 1, "the missed a2 is due now")
    }

    @Test func aPassedCheckQuizUnlocksTheNextLesson() {
        let checks = ["one": LessonGate.Check(quizID: "check-one", pass: 60)]
        var gate = LessonGate(lessonIDs: ["one", "two", "three"], checks: checks, bestScores: [:], unlockAll: false)
        #expect(gate.lock(for: "one") == nil, "the first lesson is always open")
        #expect(gate.lock(for: "two") == LessonGate.Lock(previousLesson: "one", quizID: "check-one", pass: 60))
        #expect(gate.lock(for: "three") == nil, "a lesson without a check quiz holds nothing back")
        gate.bestScores = ["check-one": 59]
        #expect(gate.lock(for: "two") != nil && !gate.passed("one"))
        gate.bestScores = ["check-one": 60]
        #expect(gate.lock(for: "two") == nil && gate.passed("one"))
        let open = LessonGate(lessonIDs: ["one", "two"], checks: checks, bestScores: [:], unlockAll: true)
        #expect(open.lock(for: "two") == nil)
    }
}

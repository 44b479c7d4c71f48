import ArgumentParser
import Foundation
import LabKit
import LabQuiz
import LabStore
import LabTokens
import LabTerminal

/// `review`: the questions due for spaced review, missed ones first, as a practice session.
public struct ReviewCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "review", abstract: "Practise the questions due for review (missed ones first).")
    @OptionGroup public var global: GlobalOptions
    @Option(help: "Ask at most this many.") public var count: Int = 20
    public init() {}

    public func execute(in session: LabSession) throws {
        let store = try session.store()
        let quizzes = try session.quizzes()
        let now = Date()
        let scheduler = ReviewScheduler()
        let cards = scheduler.cards(from: try store.answers().map { ($0.quizID, $0.questionID, $0.points >= 1, $0.at) })
        let due = scheduler.due(cards, now: now)
        let (today, tomorrow) = scheduler.summary(cards, now: now)
        var byID: [String: (Question, Quiz)] = [:]
        for quiz in quizzes.entries.compactMap(\.quiz) { for q in quiz.questions { byID[q.id] = (q, quiz) } }
        let chosen = due.compactMap { byID[$0.questionID] }.prefix(max(1, count))
        guard let first = chosen.first else {
            let next = cards.map(\.due).filter { $0 > now }.min()
            session.console.print("Nothing is due for review. \(tomorrow) due tomorrow." + (next.map { " Next: \(TimeText.relativeWords($0.timeIntervalSince(now)))." } ?? " Answer some quiz questions first."))
            return
        }
        session.console.print("\(today) due today (\(chosen.count) now), \(tomorrow) tomorrow.")
        var cases: [String: CaseStudy] = [:]
        for (_, quiz) in chosen { cases.merge(quiz.cases) { a, _ in a } }
        let reviewQuiz = Quiz(id: "review", title: "Review", exam: first.1.exam, pass: 60, minutes: 30, lesson: nil,
                              questions: chosen.map(\.0), cases: cases, file: "review")
        let quizSession = try QuizSession(quiz: reviewQuiz, mode: .practice, seed: UInt64(now.timeIntervalSince1970), keepOrder: true)
        let presenter = QuizPresenter(style: session.style, console: session.console, objectiveTitles: quizzes.objectives[first.1.exam] ?? [:])
        let runner = QuizRunner(quiz: quizSession, reader: session.reader(), presenter: presenter,
                                interactive: TerminalInfo.stdinIsTerminal && session.console.captured == nil) { session.console.print($0) }
        runner.recordAnswers(to: store, mode: "review", console: session.console) { byID[$0.question.id]?.1.id ?? "review" }
        let report = runner.run()
        session.console.print(presenter.report(report, session: quizSession))
    }
}

import Foundation
import LabKit
import LabQuiz
import LabStore
import LabTerminal

/// Runs a quiz session against a line reader: asks, reads, grades, and returns the report.
/// Practice gives feedback at once; exam mode waits until submit (or the time is up).
final class QuizRunner {
    let quiz: QuizSession
    let reader: LineReader
    let presenter: QuizPresenter
    let write: ([String]) -> Void
    let interactive: Bool
    private var lastCase: String?
    private var shownAt = Date()
    /// Called for every recorded answer with the seconds since the question was shown.
    var onAnswer: ((Int, Answer, Grade, TimeInterval) -> Void)?

    init(quiz: QuizSession, reader: LineReader, presenter: QuizPresenter, interactive: Bool, write: @escaping ([String]) -> Void) {
        self.quiz = quiz
        self.reader = reader
        self.presenter = presenter
        self.interactive = interactive
        self.write = write
    }

    func run() -> QuizReport {
        let readline = reader as? ReadlineLineReader
        let saved = readline?.recordsHistory
        readline?.recordsHistory = false
        defer { if let saved { readline?.recordsHistory = saved } }
        let count = quiz.items.count == 1 ? "1 question" : "\(quiz.items.count) questions"
        let mode = quiz.mode == .exam ? "Exam mode: \(QuizPresenter.clock(quiz.timeRemaining ?? 0)) for \(count), no feedback until you submit."
            : "Practice mode: \(count), \(quiz.items.count == 1 ? "graded" : "each graded") as you answer."
        write(["\(quiz.quiz.title)", mode])
        return quiz.mode == .exam ? exam() : practice()
    }

    private func showQuestion(_ index: Int) {
        let item = quiz.items[index]
        var lines: [String] = []
        if let c = item.question.caseStudy, c != lastCase, let study = quiz.quiz.cases[c] {
            lines += [""] + presenter.caseStudy(study)
        }
        lastCase = item.question.caseStudy
        lines += presenter.question(quiz, index: index, answered: quiz.mode == .exam ? quiz.answers[index] : nil)
        write(lines)
        shownAt = quiz.now
    }

    private var prompt: String { interactive ? "answer> " : "" }

    private func practice() -> QuizReport {
        var index = 0
        while index < quiz.items.count {
            showQuestion(index)
            asking: while true {
                switch reader.readLine(prompt: prompt) {
                case .endOfInput: return quiz.report(endedBy: .quit)
                case .interrupted: return quiz.report(endedBy: .interrupted)
                case .line(let line):
                    switch quiz.interpret(line, at: index) {
                    case .invalid(let message):
                        write([message])
                    case .hint:
                        quiz.noteHint(index)
                        write(["Hint: " + (quiz.items[index].question.hint ?? "no hint for this one; the lesson is \(quiz.items[index].question.lesson).")])
                    case .skip, .next:
                        index += 1
                        break asking
                    case .back:
                        if index == 0 { write(["This is the first question."]) } else { index -= 1; lastCase = nil; break asking }
                    case .quit:
                        return quiz.report(endedBy: .quit)
                    case .goto(let n):
                        if (1...quiz.items.count).contains(n) { index = n - 1; lastCase = nil; break asking }
                        write(["There are \(quiz.items.count) questions."])
                    case .answer(let answer):
                        let grade = quiz.record(answer, at: index)
                        onAnswer?(index, answer, grade, quiz.now.timeIntervalSince(shownAt))
                        write(presenter.feedback(quiz, index: index, answer: answer, grade: grade))
                        index += 1
                        break asking
                    case .mark, .review, .submit:
                        write(["That is for exam mode."])
                    }
                }
            }
        }
        return quiz.report(endedBy: .finished)
    }

    private func exam() -> QuizReport {
        var index = 0
        var shown: Int?
        while true {
            if quiz.isTimeUp { write(["Time is up."]); return quiz.report(endedBy: .timeUp) }
            let onReview = index >= quiz.items.count
            // Show a question (or the review) when arriving at it, not again after every message.
            if shown != index {
                if onReview { write(presenter.review(quiz)) } else { showQuestion(index) }
                shown = index
            }
            let input = reader.readLine(prompt: interactive ? (onReview ? "review> " : "answer> ") : "")
            if quiz.isTimeUp { write(["Time is up: that answer came too late."]); return quiz.report(endedBy: .timeUp) }
            switch input {
            case .endOfInput: return quiz.report(endedBy: .submitted)
            case .interrupted: return quiz.report(endedBy: .interrupted)
            case .line(let line):
                let command = onReview ? reviewCommand(line) : quiz.interpret(line, at: index)
                switch command {
                case .invalid(let message): write([message])
                case .hint: write(["Hints are for practice mode."])
                case .answer(let answer):
                    let grade = quiz.record(answer, at: index)
                    onAnswer?(index, answer, grade, quiz.now.timeIntervalSince(shownAt))
                    index += 1
                case .skip, .next: index += 1
                case .back: index = max(0, index - 1)
                case .mark:
                    quiz.toggleMark(index)
                    write([quiz.marked.contains(index) ? "Marked for review." : "Mark removed."])
                case .review:
                    write(presenter.review(quiz))
                    shown = nil
                case .goto(let n):
                    if (1...quiz.items.count).contains(n) { index = n - 1 } else { write(["There are \(quiz.items.count) questions."]) }
                case .submit: return quiz.report(endedBy: .submitted)
                case .quit: return quiz.report(endedBy: .quit)
                }
            }
        }
    }

    private func reviewCommand(_ line: String) -> QuizSession.Input {
        let text = line.trimmingCharacters(in: .whitespaces).lowercased()
        switch text {
        case "submit": return .submit
        case "quit", "q": return .quit
        case "review", "r": return .review
        case "back", "p": return .back
        default:
            if let n = Int(text.drop { !$0.isNumber }), !text.isEmpty { return .goto(n) }
            return .invalid("All questions seen: type 'submit' to finish, 'goto N' to change an answer, or 'quit'.")
        }
    }
}

extension QuizRunner {
    /// Commits every answer the moment it is given; a write that fails is reported, never silently dropped.
    func recordAnswers(to store: AppDatabase, mode: String, console: Console, quizID: @escaping (QuizSession.Item) -> String) {
        let quiz = self.quiz
        onAnswer = { index, answer, grade, seconds in
            let item = quiz.items[index]
            do {
                try store.recordAnswer(quizID: quizID(item), questionID: item.question.id, answer: QuizReport.describe(answer, item: item),
                                       points: grade.points, correct: grade.isCorrect, seconds: seconds, mode: mode)
            } catch {
                console.error("this answer could not be saved: \(error.localizedDescription)")
            }
        }
    }
}

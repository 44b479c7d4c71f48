import ArgumentParser
import Foundation
import LabKit
import LabQuiz
import LabStore
import LabTerminal

/// `quiz <id>`: practice (graded as you go) or a timed exam; exit status 0 on pass, 1 on fail.
public struct QuizCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "quiz", abstract: "Take a quiz: practice by default, --exam for a timed exam (quiz az204).",
        discussion: """
        Practice: each answer is graded at once with the explanation. Type hint, skip, back or quit at any question.
        Exam: timed, no feedback until you submit; mark, review, goto N and submit. Multiple select is all or nothing
        in exam mode and earns partial credit in practice. Answers can come from a pipe:
          printf 'b\\nac\\n' | lab quiz az204 --seed 1
        The exit status is 0 when the score reaches the pass mark, 1 otherwise.
        """)
    @OptionGroup public var global: GlobalOptions
    @Argument(help: "The quiz id (the file name in Quizzes/ without .md).")
    public var id: String
    @Flag(help: "Exam mode: timed, feedback only at the end.")
    public var exam = false
    @Option(help: "Minutes for exam mode (default: the quiz's).")
    public var minutes: Double?
    @Option(help: "Ask at most this many questions.")
    public var count: Int?
    @Option(help: "Only questions of this objective id.")
    public var objective: String?
    @Option(name: .customLong("question"), help: ArgumentHelp("Only this question (by its id); repeat for several. Lessons link to bank questions this way.", valueName: "id"))
    public var questionIDs: [String] = []
    @Option(help: "The same seed gives the same questions in the same order (for workshops).")
    public var seed: UInt64?
    @Flag(help: "Print the result as JSON on stdout (questions go to stderr).")
    public var json = false
    public init() {}

    public func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let minutes, minutes <= 0 { throw ValidationError("--minutes must be positive") }
    }

    public func run() throws {
        let session = LabSession(options: global)
        do {
            let report = try take(in: session)
            if !report.passed { throw ExitCode.failure }
        } catch let error as ExitCode {
            throw error
        } catch {
            session.console.error(error.localizedDescription)
            throw ExitCode(2)
        }
    }

    public func execute(in session: LabSession) throws {
        _ = try take(in: session)
    }

    func take(in session: LabSession) throws -> QuizReport {
        let library = try session.quizzes()
        guard let entry = library.entry(id: id) else {
            let ids = library.entries.map(\.id)
            throw QuizError.unknownQuiz(id, available: ids, suggestion: Suggestion.nearest(to: id, in: ids))
        }
        guard !entry.isBroken, var quiz = entry.quiz else {
            throw QuizError.invalid(id: id, diagnostics: entry.diagnostics)
        }
        if !questionIDs.isEmpty {
            let known = quiz.questions.map(\.id)
            for wanted in questionIDs where !known.contains(wanted) {
                throw LabCLIError.badLine("quiz \(quiz.id) has no question '\(wanted)'" + (Suggestion.nearest(to: wanted, in: known).map { "; did you mean '\($0)'?" } ?? ""))
            }
            quiz.questions = quiz.questions.filter { questionIDs.contains($0.id) }
        }
        if let objective, library.objectives[quiz.exam]?[objective] == nil {
            let known = (library.objectives[quiz.exam] ?? [:]).keys.sorted()
            throw QuizError.unknownObjective(objective, exam: quiz.exam, known: known)
        }
        let chosenSeed = seed ?? UInt64.random(in: 1...999_999)
        let quizSession = try QuizSession(quiz: quiz, mode: exam ? .exam : .practice, seed: chosenSeed, count: count,
                                          objective: objective, minutes: minutes)
        quizSession.objectiveTitles = library.objectives[quiz.exam] ?? [:]
        let console = session.console
        let presenter = QuizPresenter(style: session.style, console: console, objectiveTitles: library.objectives[quiz.exam] ?? [:])
        let write: ([String]) -> Void = json
            ? { lines in FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
            : { lines in console.print(lines) }
        let store = try session.store()
        let runner = QuizRunner(quiz: quizSession, reader: session.reader(), presenter: presenter,
                                interactive: TerminalInfo.stdinIsTerminal && console.captured == nil, write: write)
        // Every answer is committed as it is given: killing the lab mid-quiz loses none of them.
        runner.recordAnswers(to: store, mode: quizSession.mode.rawValue, console: console) { _ in quiz.id }
        let report = runner.run()
        if json {
            try console.printJSON(report)
        } else {
            console.print(presenter.report(report, session: quizSession))
        }
        if report.answered > 0 {
            try store.recordAttempt(quizID: report.quiz, mode: report.mode, seed: report.seed, percent: report.percent,
                                    passed: report.passed, questions: report.questions, answered: report.answered)
        }
        return report
    }
}

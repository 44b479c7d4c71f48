import ArgumentParser
import Foundation
import LabKit
import LabQuiz
import LabStore
import LabTerminal

/// `quizzes`: the banks with their question counts and the learner's best score.
public struct QuizzesCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "quizzes", abstract: "List the quizzes with question counts and your best score.")
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        let library = try session.quizzes()
        let best = try session.store().bestScores()
        var lines = ["Quizzes (\(library.entries.count))", ""]
        let width = library.entries.map(\.id).map(\.count).max() ?? 10
        for entry in library.entries {
            guard let quiz = entry.quiz, !entry.isBroken else {
                let first = entry.diagnostics.first { $0.severity == .error }?.description ?? "cannot be read"
                lines.append("  \(entry.id.rightPadded(to: width))  [broken] \(first)")
                continue
            }
            let best = best[quiz.id].map { "best \($0)%" + ($0 >= quiz.pass ? " (passed)" : "") } ?? "not taken"
            let kind = quiz.lesson.map { "check for \($0)" } ?? quiz.exam
            lines.append("  \(quiz.id.rightPadded(to: width))  \(String(quiz.questions.count).leftPadded(to: 3)) questions  pass \(quiz.pass)%  \(best.rightPadded(to: 18))  \(session.console.paint(kind, "2"))")
        }
        lines.append("")
        lines.append("Start one with 'quiz <id>' (add --exam for a timed exam).")
        session.console.print(lines)
    }
}

import Foundation
import LabContent

/// Why a quiz cannot be run.
public enum QuizError: LocalizedError, Equatable {
    case unknownQuiz(String, available: [String], suggestion: String?)
    case invalid(id: String, diagnostics: [Diagnostic])
    case noQuestions(filter: String)
    case unknownObjective(String, exam: String, known: [String])

    public var errorDescription: String? {
        switch self {
        case .unknownQuiz(let id, let available, let suggestion):
            return "no quiz '\(id)'" + (suggestion.map { ". Did you mean '\($0)'?" } ?? "")
                + (available.isEmpty ? "" : " Quizzes: \(available.joined(separator: ", ")).")
        case .invalid(let id, let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }
            return "quiz '\(id)' has \(errors.count) error\(errors.count == 1 ? "" : "s") and cannot be run:\n"
                + errors.prefix(20).map { "  \($0)" }.joined(separator: "\n")
                + (errors.count > 20 ? "\n  ... and \(errors.count - 20) more (lab lint Quizzes)" : "")
        case .unknownObjective(let objective, let exam, let known):
            return "unknown objective '\(objective)'; \(exam) has: \(known.joined(separator: ", "))"
        case .noQuestions(let filter):
            return "no question matches \(filter)"
        }
    }
}

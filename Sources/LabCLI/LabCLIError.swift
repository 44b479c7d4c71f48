import Foundation
import LabContent

/// What a command can fail with, in words that tell the learner what to do next.
public enum LabCLIError: LocalizedError, Equatable {
    case unknownLesson(String, suggestion: String?)
    case brokenLesson(number: Int, file: String, problems: [String])
    case noMoreLessons(direction: String)
    case unknownCommand(String, suggestion: String?)
    case badLine(String)
    case lintFailed(errors: Int)
    case noSuchPath(String)
    case emptySearch
    case lockedLesson(number: Int, title: String, previous: String, quiz: String, pass: Int)

    public var errorDescription: String? {
        switch self {
        case .unknownLesson(let query, let suggestion):
            return "no lesson '\(query)'" + (suggestion.map { ". Did you mean '\($0)'?" } ?? ". Type 'lessons' to see them all.")
        case .brokenLesson(let number, let file, let problems):
            return "lesson \(number) (\(file)) cannot be opened:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        case .noMoreLessons(let direction):
            return direction == "next" ? "that was the last lesson: well done. Type 'lessons' to pick another." : "this is the first lesson."
        case .unknownCommand(let word, let suggestion):
            return "unknown command '\(word)'." + (suggestion.map { " Did you mean '\($0)'?" } ?? "") + " Type 'help' for the list."
        case .badLine(let reason):
            return reason
        case .lintFailed(let errors):
            return "\(errors) error\(errors == 1 ? "" : "s") found"
        case .noSuchPath(let path):
            return "no such file or folder: \(path)"
        case .lockedLesson(let number, let title, let previous, let quiz, let pass):
            return "lesson \(number), \(title), is locked: score \(pass)% or more in 'quiz \(quiz)' (the check of '\(previous)') to unlock it, or start the lab with --unlock-all"
        case .emptySearch:
            return "search needs some words, for example: search Metadata header"
        }
    }
}

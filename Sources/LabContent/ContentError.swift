import Foundation

/// Errors loading content: each names the file (and line) that is wrong, or where the lab looked.
public enum ContentError: LocalizedError, Equatable {
    case lessonsFolderMissing(searched: [String])
    case unreadable(file: String, reason: String)
    case invalid(Diagnostic)

    public var errorDescription: String? {
        switch self {
        case .lessonsFolderMissing(let searched):
            return "no Lessons/ folder found; looked in:\n" + searched.map { "  \($0)" }.joined(separator: "\n")
                + "\nPoint the lab at its content with --content DIR or LAB_CONTENT=DIR."
        case .unreadable(let file, let reason):
            return "\(file): cannot read: \(reason)"
        case .invalid(let diagnostic):
            return diagnostic.description
        }
    }
}

import Foundation

/// Why a simulator command or file was refused. Refusals leave the world unchanged.
public enum SimError: LocalizedError, Equatable {
    /// Azure would refuse this, for the reason given (as Azure words it where it has words for it).
    case refused(String)
    /// The command is not written the way the simulator understands.
    case usage(String)
    /// A world file or scenario is malformed: file, line and what is wrong.
    case invalidFile(file: String, line: Int, message: String)
    case unknownScenario(String, suggestion: String?)

    public var errorDescription: String? {
        switch self {
        case .refused(let why): return "refused: \(why) (nothing changed)"
        case .usage(let text): return text
        case .invalidFile(let file, let line, let message): return "\(file):\(line): \(message)"
        case .unknownScenario(let id, let suggestion):
            return "no scenario '\(id)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; 'sim list' shows them")
        }
    }
}

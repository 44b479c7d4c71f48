import ArgumentParser
import LabContent

/// `search <words>`: lines of any lesson containing all the words, with the lesson and section they are in.
public struct SearchCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "search", abstract: "Find lesson lines containing all the given words.")
    @OptionGroup public var global: GlobalOptions
    @Argument(help: "Words to look for (case does not matter).")
    public var words: [String] = []
    public init() {}

    public func execute(in session: LabSession) throws {
        let query = words.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { throw LabCLIError.emptySearch }
        let hits = LessonSearch().search(query, in: try session.library())
        session.console.print(LessonPresenter(style: session.style, console: session.console).searchResults(hits, query: query))
    }
}

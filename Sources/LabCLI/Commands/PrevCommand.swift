import ArgumentParser
import LabContent
import LabKit

/// `prev`: the lesson before the current one.
public struct PrevCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "prev", abstract: "Open the lesson before the current one.")
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        let library = try session.library()
        guard let current = try session.store().currentLesson(), let lesson = library.neighbour(of: current, offset: -1),
              let entry = library.entry(matching: lesson.id) else { throw LabCLIError.noMoreLessons(direction: "prev") }
        try OpenCommand.show(entry, in: session, library: library)
    }
}

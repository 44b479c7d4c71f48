import ArgumentParser
import LabContent
import LabKit

/// `next`: the lesson after the current one (the first lesson when none was opened yet).
public struct NextCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "next", abstract: "Open the lesson after the current one.")
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        let library = try session.library()
        let target: Lesson?
        let store = try session.store()
        if let current = try store.currentLesson(), library.lessons.contains(where: { $0.id == current }) {
            target = library.neighbour(of: current, offset: 1)
        } else {
            let read = try store.lessonsOpened()
            target = library.lessons.first { !read.contains($0.id) } ?? library.lessons.first
        }
        guard let lesson = target, let entry = library.entry(matching: lesson.id) else { throw LabCLIError.noMoreLessons(direction: "next") }
        try OpenCommand.show(entry, in: session, library: library)
    }
}

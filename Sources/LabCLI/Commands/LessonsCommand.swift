import ArgumentParser
import LabContent

/// `lessons`: the course in order, with minutes and done/new marks; broken files are listed with their problem.
public struct LessonsCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "lessons", abstract: "List the lessons in order, with minutes and done/new marks.")
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        let library = try session.library()
        session.console.print(LessonPresenter(style: session.style, console: session.console).list(library, read: try session.store().lessonsOpened(), current: try session.store().currentLesson(), gate: try session.gate()))
    }
}

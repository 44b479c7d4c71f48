import ArgumentParser
import LabContent
import LabKit

/// `open <n|id>`: render a lesson and remember it as the current one.
public struct OpenCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "open", abstract: "Read a lesson, by number or id (open 2, open imds-token-flow).")
    @OptionGroup public var global: GlobalOptions
    @Argument(help: ArgumentHelp("The lesson's number or id (an unambiguous start of the id is enough).", valueName: "lesson"))
    public var lesson: String
    public init() {}

    public func execute(in session: LabSession) throws {
        let library = try session.library()
        guard let entry = library.entry(matching: lesson) else {
            let ids = library.entries.compactMap(\.declaredID)
            throw LabCLIError.unknownLesson(lesson, suggestion: Suggestion.nearest(to: lesson, in: ids))
        }
        try Self.show(entry, in: session, library: library)
    }

    /// Shows one lesson (or says why it cannot be shown) and records it as read.
    static func show(_ entry: LessonLibrary.Entry, in session: LabSession, library: LessonLibrary) throws {
        guard !entry.isBroken, let lesson = entry.lesson else {
            throw LabCLIError.brokenLesson(number: entry.number, file: entry.file,
                                           problems: entry.diagnostics.filter { $0.severity == .error }.map(\.description))
        }
        let gate = try session.gate()
        if let lock = gate.lock(for: lesson.id) {
            throw LabCLIError.lockedLesson(number: entry.number, title: lesson.title, previous: lock.previousLesson, quiz: lock.quizID, pass: lock.pass)
        }
        let presenter = LessonPresenter(style: session.style, console: session.console)
        try session.store().recordLessonOpened(lesson.id)
        let finished = session.console.page(presenter.lessonPage(lesson, number: entry.number, of: library.entries.count, library: library, check: gate.checks[lesson.id]))
        if finished { try session.store().recordLessonFinished(lesson.id) }
    }
}

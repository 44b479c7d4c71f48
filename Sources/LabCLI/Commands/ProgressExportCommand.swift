import ArgumentParser
import Foundation
import LabKit
import LabQuiz
import LabStore
import LabTokens
import LabTerminal

/// `progress export --json|--csv`: the whole record, for the learner or an instructor's spreadsheet.
public struct ProgressExportCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "export", abstract: "Print your record as JSON or CSV.")
    @OptionGroup public var global: GlobalOptions
    @Flag(help: "JSON (the default).") public var json = false
    @Flag(help: "CSV, one line per answer.") public var csv = false
    public init() {}

    public func validate() throws { if json && csv { throw ValidationError("choose --json or --csv") } }

    public func execute(in session: LabSession) throws {
        let store = try session.store()
        if csv {
            var lines = ["profile,quiz,question,answer,points,correct,seconds,mode,at"]
            let iso = ISO8601DateFormatter()
            func field(_ s: String) -> String { s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"\(s.replacingOccurrences(of: "\"", with: "\"\""))\"" : s }
            for a in try store.answers() {
                lines.append([session.profileName, a.quizID, a.questionID, a.answer, String(a.points), a.correct ? "true" : "false",
                              String(format: "%.1f", a.seconds), a.mode, iso.string(from: a.at)].map(field).joined(separator: ","))
            }
            session.console.print(lines)
            return
        }
        struct Export: Encodable { var profile: String; var lessons: [LessonRecord]; var answers: [AnswerRecord]; var attempts: [AttemptRecord]; var simulatorGrades: [SimGradeRecord] }
        try session.console.printJSON(Export(profile: session.profileName, lessons: try store.lessonEvents(),
                                             answers: try store.answers(), attempts: try store.attempts(), simulatorGrades: try store.simGrades()))
    }
}

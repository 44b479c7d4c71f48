import ArgumentParser
import Foundation
import LabContent
import LabQuiz

/// `lint [paths]`: checks content like a compiler, `file:line:col: error: message`, exit 1 on errors.
public struct LintCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "lint", abstract: "Check lessons and quizzes for problems, like a compiler.",
        discussion: """
        With no paths, checks Lessons/ and Quizzes/. A file is checked together with the folder it is in, so lesson
        'requires', duplicate ids, quiz objectives and lesson ids are checked too. A folder with objectives.yml is a quiz folder.
        """)
    @OptionGroup public var global: GlobalOptions
    @Argument(help: "Lesson or quiz files, or folders, to check.")
    public var paths: [String] = []
    public init() {}

    public func execute(in session: LabSession) throws {
        var diagnostics: [Diagnostic] = []
        var files = 0
        if paths.isEmpty {
            let library = try session.library()
            files += library.entries.count
            diagnostics += library.diagnostics + (try planDiagnostics(session: session, library: library))
            let quizzes = try session.quizzes()
            files += quizzes.entries.count
            diagnostics += quizzes.diagnostics
        } else {
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw LabCLIError.noSuchPath(path) }
                let url = URL(fileURLWithPath: path)
                let folder = isDirectory.boolValue ? url : url.deletingLastPathComponent()
                let wanted = isDirectory.boolValue ? nil : LabSession.displayPath(url)
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("objectives.yml").path) {
                    let quizzes = QuizLibrary.load(folder: folder, displayPrefix: LabSession.displayPath(folder),
                                                   lessonIDs: (try? session.lessonIDs()) ?? [])
                    let entries = quizzes.entries.filter { wanted == nil || $0.file == wanted }
                    files += entries.count
                    diagnostics += entries.flatMap(\.diagnostics)
                } else {
                    let library = try LessonLibrary.load(folder: folder, displayPrefix: LabSession.displayPath(folder))
                    let entries = library.entries.filter { wanted == nil || $0.file == wanted }
                    files += entries.count
                    diagnostics += entries.flatMap(\.diagnostics)
                }
            }
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        session.console.print(diagnostics.map { diagnostic in
            let label = diagnostic.severity == .error ? session.console.paint("error:", "1;31") : session.console.paint("warning:", "1;33")
            return "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(label) \(diagnostic.message)"
        })
        session.console.print("\(files) file\(files == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").")
        if errors > 0 { throw LabCLIError.lintFailed(errors: errors) }
    }

    /// Every written lesson must be in the course plan, so quizzes and the course agree on ids.
    private func planDiagnostics(session: LabSession, library: LessonLibrary) throws -> [Diagnostic] {
        let root = try session.contentRoot()
        let planFile = root.appendingPathComponent("Lessons/course.yml")
        guard FileManager.default.fileExists(atPath: planFile.path) else { return [] }
        let plan = try CoursePlan.load(from: planFile, displayPath: LabSession.displayPath(planFile))
        return library.entries.compactMap { entry in
            guard let id = entry.declaredID, !plan.ids.contains(id) else { return nil }
            return Diagnostic(file: entry.file, line: entry.lesson?.fieldLines["id"] ?? 1,
                              message: "lesson id '\(id)' is not in Lessons/course.yml; add it to the course plan")
        }
    }
}

import ArgumentParser
import Foundation
import LabContent
import LabQuiz
import LabSim
import LabTokens

/// `lint [paths]`: checks content like a compiler, `file:line:col: error: message`, exit 1 on errors.
public struct LintCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "lint", abstract: "Check lessons, quizzes, scenarios, the rulebook and the glossary, like a compiler.",
        discussion: """
        With no paths, checks Lessons/, Quizzes/ and the simulator's Lessons/labs/ (scenarios and rulebook), and that
        every "try it" block in a lesson names samples, scenarios, quizzes, questions and lessons that exist. A file is checked together with the folder it is in, so lesson
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
            let labs = try session.contentRoot().appendingPathComponent("Lessons/labs")
            if FileManager.default.fileExists(atPath: labs.path) {
                let (count, found) = try labDiagnostics(folder: labs, wanted: nil, session: session)
                files += count
                diagnostics += found
            }
            let glossaryFile = try session.contentRoot().appendingPathComponent("Lessons/glossary.yml")
            if FileManager.default.fileExists(atPath: glossaryFile.path) {
                files += 1
                do {
                    let glossary = try session.courseGlossary()
                    let known = try session.lessonIDs()
                    for entry in glossary.entries where !known.contains(entry.lesson) {
                        diagnostics.append(Diagnostic(file: LabSession.displayPath(glossaryFile), line: entry.line, message: "'\(entry.term)' names lesson '\(entry.lesson)', which is not in the course"))
                    }
                } catch let error as ContentError {
                    if case .invalid(let d) = error { diagnostics.append(d) } else { throw error }
                }
            }
            let references = ContentReferences(lessonIDs: try session.lessonIDs(), quizzes: quizzes,
                                               scenarioIDs: Set((try? session.scenarios().ids) ?? []), glossaryWords: session.glossaryWords())
            diagnostics += library.lessons.flatMap(references.check)
        } else {
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw LabCLIError.noSuchPath(path) }
                let url = URL(fileURLWithPath: path)
                let folder = isDirectory.boolValue ? url : url.deletingLastPathComponent()
                let wanted = isDirectory.boolValue ? nil : LabSession.displayPath(url)
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("rulebook.yml").path) {
                    let (count, found) = try labDiagnostics(folder: folder, wanted: wanted, session: session)
                    files += count
                    diagnostics += found
                } else if FileManager.default.fileExists(atPath: folder.appendingPathComponent("objectives.yml").path) {
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

    /// Scenarios and the rulebook: each must load, name a lesson of the course, and the rulebook must match the grader.
    private func labDiagnostics(folder: URL, wanted: String?, session: LabSession) throws -> (Int, [Diagnostic]) {
        var found: [Diagnostic] = []
        var count = 0
        let lessonIDs = (try? session.lessonIDs()) ?? []
        func diagnostic(_ error: Error, file: String) -> Diagnostic {
            if case SimError.invalidFile(let f, let line, let message)? = error as? SimError { return Diagnostic(file: f, line: line, message: message) }
            return Diagnostic(file: file, line: 1, message: error.localizedDescription)
        }
        let rulebookFile = folder.appendingPathComponent("rulebook.yml")
        let rulebookPath = LabSession.displayPath(rulebookFile)
        if wanted == nil || wanted == rulebookPath {
            count += 1
            do {
                let rulebook = try Rulebook.load(from: rulebookFile, displayPath: rulebookPath)
                let known = Set(SimGrader.checks.map(\.id))
                for rule in rulebook.rules {
                    if !known.contains(rule.id) { found.append(Diagnostic(file: rulebookPath, line: 1, message: "rule '\(rule.id)' has no check in Sources/LabSim/Rules")) }
                    if !lessonIDs.contains(rule.lesson) { found.append(Diagnostic(file: rulebookPath, line: 1, message: "rule '\(rule.id)' names lesson '\(rule.lesson)', which is not in the course")) }
                }
                for id in known.subtracting(rulebook.rules.map(\.id)).sorted() {
                    found.append(Diagnostic(file: rulebookPath, line: 1, severity: .warning, message: "the grader's rule '\(id)' is missing from the rulebook, so it is not graded"))
                }
            } catch {
                found.append(diagnostic(error, file: rulebookPath))
            }
        }
        let library = ScenarioLibrary.load(folder: folder, displayPrefix: LabSession.displayPath(folder))
        for entry in library.entries where wanted == nil || entry.file == wanted {
            count += 1
            do {
                let scenario = try Scenario.load(from: folder.appendingPathComponent(entry.id + ".md"), displayPath: entry.file)
                if !lessonIDs.contains(scenario.lesson) {
                    found.append(Diagnostic(file: entry.file, line: 1, message: "lesson '\(scenario.lesson)' is not in the course"))
                }
            } catch {
                found.append(diagnostic(error, file: entry.file))
            }
        }
        return (count, found)
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

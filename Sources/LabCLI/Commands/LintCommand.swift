import ArgumentParser
import Foundation
import LabContent

/// `lint [paths]`: checks content like a compiler, `file:line:col: error: message`, exit 1 on errors.
public struct LintCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "lint", abstract: "Check lessons for problems (front matter, alerts, diagrams, requires).",
        discussion: "With no paths, checks the whole Lessons/ folder. A file is checked together with the folder it is in, so 'requires' and duplicate ids are checked too.")
    @OptionGroup public var global: GlobalOptions
    @Argument(help: "Lesson files or folders to check.")
    public var paths: [String] = []
    public init() {}

    public func execute(in session: LabSession) throws {
        var diagnostics: [Diagnostic] = []
        var files = 0
        if paths.isEmpty {
            let library = try session.library()
            files = library.entries.count
            diagnostics = library.diagnostics
        } else {
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw LabCLIError.noSuchPath(path) }
                let url = URL(fileURLWithPath: path)
                let folder = isDirectory.boolValue ? url : url.deletingLastPathComponent()
                let library = try LessonLibrary.load(folder: folder, displayPrefix: LabSession.displayPath(folder))
                let wanted = isDirectory.boolValue ? nil : LabSession.displayPath(url)
                let entries = library.entries.filter { wanted == nil || $0.file == wanted }
                files += entries.count
                diagnostics += entries.flatMap(\.diagnostics)
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
}

import Foundation
import LabContent
import Yams

/// Every quiz in Quizzes/, with the objectives they may use and their problems.
public struct QuizLibrary: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var file: String
        public var quiz: Quiz?
        public var diagnostics: [Diagnostic]
        public var isBroken: Bool { quiz == nil || diagnostics.contains { $0.severity == .error } }
    }

    public var entries: [Entry]
    public var objectives: [String: [String: String]]
    public var diagnostics: [Diagnostic]

    /// Loads `folder/*.md` (not README.md) against `folder/objectives.yml` and the given lesson ids.
    /// `checksOnly` parses just the quizzes whose front matter names a `lesson` (what the lesson gate needs),
    /// so opening a lesson does not parse the whole exam bank.
    public static func load(folder: URL, displayPrefix: String, lessonIDs: Set<String>, checksOnly: Bool = false) -> QuizLibrary {
        var diagnostics: [Diagnostic] = []
        let objectivesFile = folder.appendingPathComponent("objectives.yml")
        var objectives: [String: [String: String]] = [:]
        if let data = FileManager.default.contents(atPath: objectivesFile.path) {
            do {
                if let raw = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) as? [String: Any] {
                    for (exam, value) in raw {
                        guard let map = value as? [String: Any] else { continue }
                        objectives[exam] = map.mapValues { "\($0)" }
                    }
                }
            } catch {
                diagnostics.append(Diagnostic(file: "\(displayPrefix)/objectives.yml", line: 1, message: "objectives YAML: \(error)"))
            }
        } else {
            diagnostics.append(Diagnostic(file: "\(displayPrefix)/objectives.yml", line: 1, message: "missing: quizzes need their exams' objectives"))
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" && !$0.hasPrefix(".") }.sorted()
        let parser = QuizParser(objectives: objectives, lessonIDs: lessonIDs)
        var entries: [Entry] = []
        for name in names {
            let id = String(name.dropLast(3))
            let display = "\(displayPrefix)/\(name)"
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  let source = String(data: data, encoding: .utf8) else {
                entries.append(Entry(id: id, file: display, quiz: nil, diagnostics: [Diagnostic(file: display, line: 1, message: "cannot read the file as UTF-8")]))
                continue
            }
            if checksOnly, !Self.namesALesson(source, file: display) { continue }
            let result = parser.parse(source: source, file: display, expectedID: id)
            entries.append(Entry(id: id, file: display, quiz: result.quiz, diagnostics: result.diagnostics))
        }
        return QuizLibrary(entries: entries, objectives: objectives, diagnostics: diagnostics + entries.flatMap(\.diagnostics))
    }

    public func entry(id: String) -> Entry? { entries.first { $0.id == id } }

    /// Whether the front matter has a `lesson` key; a file whose front matter does not parse is kept (parsed in full).
    static func namesALesson(_ source: String, file: String) -> Bool {
        guard let split = try? FrontMatter.split(source, file: file), let yaml = split.yaml else { return true }
        guard let front = try? FrontMatter.parse(yaml, firstLine: split.yamlFirstLine, file: file) else { return true }
        return front.fields["lesson"] != nil
    }

    /// The check quiz of a lesson, if one exists.
    public func checkQuiz(for lessonID: String) -> Quiz? {
        entries.compactMap(\.quiz).first { $0.lesson == lessonID }
    }
}

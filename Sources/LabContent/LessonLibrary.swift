import Foundation
import LabKit

/// All lessons of a content folder, in file order, broken ones included so they can be listed with their problem.
public struct LessonLibrary: Sendable {
    /// One lesson file: usable, or broken with its diagnostics. `number` is its 1-based place in the course.
    public struct Entry: Sendable {
        public var number: Int
        public var file: String
        public var lesson: Lesson?
        public var diagnostics: [Diagnostic]
        public var declaredID: String?
        public var declaredTitle: String?
        public var isBroken: Bool { lesson == nil || diagnostics.contains { $0.severity == .error } }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Lessons that can be opened, in course order.
    public var lessons: [Lesson] { entries.filter { !$0.isBroken }.compactMap(\.lesson) }
    public var diagnostics: [Diagnostic] { entries.flatMap(\.diagnostics) }

    /// Loads every `*.md` in `folder` (not README.md), sorted by name, then checks ids across files.
    public static func load(folder: URL, displayPrefix: String? = nil) throws -> LessonLibrary {
        let fm = FileManager.default
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw ContentError.unreadable(file: folder.path, reason: error.localizedDescription)
        }
        let files = names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" && !$0.hasPrefix(".") }.sorted()
        let loader = LessonLoader()
        let results = files.map { name -> LessonLoader.Result in
            let display = displayPrefix.map { "\($0)/\(name)" } ?? folder.appendingPathComponent(name).path
            return loader.load(file: folder.appendingPathComponent(name), displayPath: display)
        }
        return assemble(results)
    }

    /// Builds a library from loaded files and adds the checks that need them all: duplicate ids, `requires`.
    public static func assemble(_ results: [LessonLoader.Result]) -> LessonLibrary {
        var entries = results.enumerated().map { index, r in
            Entry(number: index + 1, file: r.file, lesson: r.lesson, diagnostics: r.diagnostics,
                  declaredID: r.declaredID, declaredTitle: r.declaredTitle)
        }
        var firstFile: [String: (String, Int)] = [:]
        for i in entries.indices {
            guard let id = entries[i].declaredID else { continue }
            if let (other, _) = firstFile[id] {
                let line = entries[i].lesson?.fieldLines["id"] ?? 1
                entries[i].diagnostics.append(Diagnostic(file: entries[i].file, line: line,
                                                         message: "duplicate lesson id '\(id)': \(other) already uses it"))
            } else {
                firstFile[id] = (entries[i].file, i)
            }
        }
        for i in entries.indices {
            guard let lesson = entries[i].lesson else { continue }
            for required in lesson.requires {
                if let (_, position) = firstFile[required] {
                    if position >= i {
                        entries[i].diagnostics.append(Diagnostic(file: lesson.file, line: 1, severity: .warning,
                            message: "requires '\(required)', which comes later in the course"))
                    }
                } else {
                    let hint = Suggestion.nearest(to: required, in: Array(firstFile.keys)).map { " (did you mean '\($0)'?)" } ?? ""
                    entries[i].diagnostics.append(Diagnostic(file: lesson.file, line: requiresLine(lesson), message: "requires unknown lesson '\(required)'\(hint)"))
                }
            }
        }
        return LessonLibrary(entries: entries)
    }

    private static func requiresLine(_ lesson: Lesson) -> Int { lesson.fieldLines["requires"] ?? 1 }

    /// A lesson by number (`2`), id (`imds-token-flow`) or unambiguous id prefix.
    public func entry(matching query: String) -> Entry? {
        let q = query.trimmed.lowercased()
        if let n = Int(q) { return entries.first { $0.number == n } }
        if let exact = entries.first(where: { $0.declaredID == q }) { return exact }
        let prefixed = entries.filter { $0.declaredID?.hasPrefix(q) == true }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// The lesson after (or before) the one with `id`, skipping broken ones.
    public func neighbour(of id: String, offset: Int) -> Lesson? {
        let usable = lessons
        guard let index = usable.firstIndex(where: { $0.id == id }) else { return nil }
        let target = index + offset
        return usable.indices.contains(target) ? usable[target] : nil
    }

    public func number(of id: String) -> Int? { entries.first { $0.declaredID == id }?.number }
}

import LabKit
import Foundation

/// Turns one lesson file into a `Lesson`, collecting every problem with its file and line.
public struct LessonLoader: Sendable {
    public init() {}

    /// The result for one file: the lesson if it is usable, and what is wrong with it.
    public struct Result: Sendable {
        public var file: String
        public var lesson: Lesson?
        public var diagnostics: [Diagnostic]
        /// The id in the front matter, even when the lesson is broken (for listing and duplicates).
        public var declaredID: String?
        public var declaredTitle: String?
        public var isBroken: Bool { lesson == nil || diagnostics.contains { $0.severity == .error } }
    }

    static let knownKeys: Set<String> = ["id", "title", "objective", "minutes", "requires"]

    public func load(file: URL, displayPath: String? = nil) -> Result {
        let path = displayPath ?? file.path
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return Result(file: path, lesson: nil, diagnostics: [Diagnostic(file: path, line: 1, message: "cannot read file")])
        }
        guard let source = String(data: data, encoding: .utf8) else {
            return Result(file: path, lesson: nil, diagnostics: [Diagnostic(file: path, line: 1, message: "file is not valid UTF-8")])
        }
        return load(source: source, file: path)
    }

    public func load(source: String, file: String) -> Result {
        var diagnostics: [Diagnostic] = []
        let split: FrontMatter.Split
        let front: FrontMatter
        do {
            split = try FrontMatter.split(source, file: file)
            guard let yaml = split.yaml else {
                return Result(file: file, lesson: nil, diagnostics: [Diagnostic(file: file, line: 1,
                    message: "missing front matter: a lesson starts with '---', then id, title, objective, minutes, requires, then '---'")])
            }
            front = try FrontMatter.parse(yaml, firstLine: split.yamlFirstLine, file: file)
        } catch ContentError.invalid(let diagnostic) {
            return Result(file: file, lesson: nil, diagnostics: [diagnostic])
        } catch {
            return Result(file: file, lesson: nil, diagnostics: [Diagnostic(file: file, line: 1, message: error.localizedDescription)])
        }
        let closeLine = split.bodyLineOffset
        func error(_ message: String, at key: String? = nil) {
            let field = key.flatMap { front.fields[$0] }
            diagnostics.append(Diagnostic(file: file, line: field?.line ?? closeLine, column: field?.column ?? 1, message: message))
        }
        func warning(_ message: String, at key: String) {
            let field = front.fields[key]
            diagnostics.append(Diagnostic(file: file, line: field?.line ?? 1, column: field?.column ?? 1, severity: .warning, message: message))
        }

        let id = front.fields["id"]?.value.string ?? ""
        if front.fields["id"] == nil {
            error("missing required front matter field 'id'")
        } else if id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil {
            error("id '\(id)' must be lower-case words joined by hyphens, like 'imds-token-flow'", at: "id")
        }
        let title = front.fields["title"]?.value.string ?? ""
        if title.trimmed.isEmpty {
            error(front.fields["title"] == nil ? "missing required front matter field 'title'" : "title is empty", at: "title")
        }
        let objective = front.fields["objective"]?.value.string ?? ""
        if objective.trimmed.isEmpty {
            error(front.fields["objective"] == nil ? "missing required front matter field 'objective'" : "objective is empty", at: "objective")
        }
        var minutes = 0
        if let field = front.fields["minutes"] {
            if let text = field.value.string, let value = Int(text), value > 0 {
                minutes = value
                if !(5...15).contains(value) { warning("a lesson should take 5 to 15 minutes, this one says \(value)", at: "minutes") }
            } else {
                error("minutes must be a whole number of minutes", at: "minutes")
            }
        } else {
            error("missing required front matter field 'minutes'")
        }
        var requires: [String] = []
        if let field = front.fields["requires"] {
            switch field.value {
            case .list(let items):
                for item in items {
                    if let s = item.string { requires.append(s) } else { error("requires lists lesson ids as strings", at: "requires") }
                }
            case .string(let s): requires = [s]
            case .null: break
            case .map: error("requires must be a list of lesson ids, like [why-managed-identities]", at: "requires")
            }
        }
        for key in front.keys where !Self.knownKeys.contains(key) {
            warning("unknown front matter field '\(key)' (known: id, title, objective, minutes, requires)", at: key)
        }

        let document = MarkdownParser(lineOffset: split.bodyLineOffset).parse(split.body)
        diagnostics += BlockChecker(file: file).check(document)
        let lesson = diagnostics.contains(where: { $0.severity == .error }) && (id.isEmpty || title.isEmpty)
            ? nil
            : Lesson(id: id, title: title, objective: objective, minutes: minutes, requires: requires, file: file,
                     body: split.body, bodyLineOffset: split.bodyLineOffset, document: document,
                     fieldLines: front.fields.mapValues(\.line))
        return Result(file: file, lesson: lesson, diagnostics: diagnostics,
                      declaredID: id.isEmpty ? nil : id, declaredTitle: title.isEmpty ? nil : title)
    }
}

import Foundation
import Yams

/// The course glossary (`Lessons/glossary.yml`): the terms a learner meets, each with the lesson that teaches it.
public struct CourseGlossary: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var term: String
        public var aliases: [String]
        public var definition: String
        public var lesson: String
        public var line: Int
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Reads the file; a mistake is a diagnostic at its line.
    public static func load(from url: URL, displayPath: String) throws -> CourseGlossary {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ContentError.invalid(Diagnostic(file: displayPath, line: 1, message: "cannot read the glossary: \(error.localizedDescription)"))
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
            let d = FrontMatter.diagnostic(for: error, firstLine: 1, file: displayPath)
            throw ContentError.invalid(Diagnostic(file: displayPath, line: d.line, column: d.column, message: d.message.replacingOccurrences(of: "front matter YAML", with: "glossary YAML")))
        }
        guard let node else { return CourseGlossary(entries: []) }
        guard case .sequence(let items) = node else {
            throw ContentError.invalid(Diagnostic(file: displayPath, line: 1, message: "the glossary is a list of entries (- term: ...)"))
        }
        var entries: [Entry] = []
        for item in items {
            let line = item.mark?.line ?? 1
            func fail(_ message: String) -> ContentError { .invalid(Diagnostic(file: displayPath, line: line, message: message)) }
            guard case .mapping(let mapping) = item else { throw fail("each glossary entry is a mapping with term, definition and lesson") }
            var fields: [String: Node] = [:]
            for (key, value) in mapping {
                let name = key.string ?? ""
                guard ["term", "aliases", "definition", "lesson"].contains(name) else {
                    throw ContentError.invalid(Diagnostic(file: displayPath, line: key.mark?.line ?? line, message: "unknown key '\(name)' in a glossary entry (term, aliases, definition, lesson)"))
                }
                fields[name] = value
            }
            guard let term = fields["term"]?.string, !term.isEmpty else { throw fail("a glossary entry needs a term") }
            guard let definition = fields["definition"]?.string, !definition.isEmpty else { throw fail("'\(term)' needs a definition") }
            guard let lesson = fields["lesson"]?.string, !lesson.isEmpty else { throw fail("'\(term)' needs the lesson that teaches it") }
            let aliases = fields["aliases"]?.sequence?.compactMap(\.string) ?? []
            if entries.contains(where: { $0.term.lowercased() == term.lowercased() }) { throw fail("the term '\(term)' is defined twice") }
            entries.append(Entry(term: term, aliases: aliases, definition: definition, lesson: lesson, line: line))
        }
        return CourseGlossary(entries: entries)
    }

    /// A term by its name or an alias, case ignored.
    public func lookup(_ word: String) -> Entry? {
        let key = word.lowercased()
        return entries.first { $0.term.lowercased() == key || $0.aliases.contains { $0.lowercased() == key } }
    }

    /// Every name a learner may type: terms and aliases.
    public var allNames: [String] { entries.flatMap { [$0.term] + $0.aliases } }
}

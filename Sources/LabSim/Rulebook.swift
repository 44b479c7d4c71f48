import Foundation
import LabContent
import Yams

/// The AZ-204 rules the grader applies, read from `Lessons/labs/rulebook.yml` so the wording, the source and
/// the exam-versus-platform note live with the content; the checks themselves are in `Rules/`, one per file.
public struct Rulebook: Sendable, Equatable {
    public struct Rule: Sendable, Equatable, Codable {
        public var id: String
        public var title: String
        public var statement: String
        /// What the exam expects; `platform` says what Azure really does where the two differ.
        public var exam: String?
        public var platform: String?
        public var source: String
        public var lesson: String
    }

    /// The exam's rule: at most 20 user-assigned identities per resource (fact sheet section 6).
    public static let userAssignedLimit = 20

    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// Reads the rulebook; a malformed file names the line.
    public static func load(from url: URL, displayPath: String) throws -> Rulebook {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw SimError.invalidFile(file: displayPath, line: 1, message: "cannot read the rulebook: \(error.localizedDescription)")
        }
        let root = try YAMLReader.compose(text, file: displayPath, firstLine: 1)
        guard let root, case .sequence(let items) = root else {
            throw SimError.invalidFile(file: displayPath, line: 1, message: "the rulebook is a list of rules (- id: ...)")
        }
        var rules: [Rule] = []
        for item in items {
            let map = try YAMLReader.Map(item, file: displayPath, firstLine: 1, context: "a rule")
            try map.allow(["id", "title", "statement", "exam", "platform", "source", "lesson"])
            let rule = Rule(id: try map.string("id"), title: try map.string("title"), statement: try map.string("statement"),
                            exam: try map.optionalString("exam"), platform: try map.optionalString("platform"),
                            source: try map.string("source"), lesson: try map.string("lesson"))
            if rules.contains(where: { $0.id == rule.id }) { throw map.error("the rule id '\(rule.id)' is used twice") }
            rules.append(rule)
        }
        return Rulebook(rules: rules)
    }
}

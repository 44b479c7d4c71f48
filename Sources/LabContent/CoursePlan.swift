import Foundation
import Yams

/// The planned course (`Lessons/course.yml`): lesson ids in order, including lessons not written yet,
/// so quiz questions can name the lesson that will teach them and lint can still catch typos.
public struct CoursePlan: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var title: String
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public var ids: [String] { entries.map(\.id) }

    /// Reads the plan; a missing file is an empty plan, a malformed one an error naming the file and line.
    public static func load(from url: URL, displayPath: String) throws -> CoursePlan {
        guard let data = FileManager.default.contents(atPath: url.path) else { return CoursePlan(entries: []) }
        let text = String(decoding: data, as: UTF8.self)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ContentError.invalid(Diagnostic(file: displayPath, line: Self.line(of: error), message: "course plan YAML: \(error)"))
        }
        guard let sequence = node?.sequence else {
            throw ContentError.invalid(Diagnostic(file: displayPath, line: 1, message: "the course plan is a list of entries with id and title"))
        }
        var entries: [Entry] = []
        for item in sequence {
            guard let id = item["id"]?.string, let title = item["title"]?.string else {
                throw ContentError.invalid(Diagnostic(file: displayPath, line: item.mark?.line ?? 1, message: "each course plan entry needs an id and a title"))
            }
            entries.append(Entry(id: id, title: title))
        }
        return CoursePlan(entries: entries)
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }
}

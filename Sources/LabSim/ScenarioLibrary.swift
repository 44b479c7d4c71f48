import Foundation
import LabKit

/// Every scenario in `Lessons/labs/`, broken ones kept with their error so `sim list` and `lint` can show them.
public struct ScenarioLibrary: Sendable {
    public struct Entry: Sendable {
        public var file: String
        public var id: String
        public var scenario: Scenario?
        public var error: String?
    }

    public var entries: [Entry]

    public static func load(folder: URL, displayPrefix: String) -> ScenarioLibrary {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
        return ScenarioLibrary(entries: files.map { name in
            let display = displayPrefix + "/" + name
            let id = String(name.dropLast(3))
            do {
                let scenario = try Scenario.load(from: folder.appendingPathComponent(name), displayPath: display)
                return Entry(file: display, id: id, scenario: scenario, error: nil)
            } catch {
                return Entry(file: display, id: id, scenario: nil, error: error.localizedDescription)
            }
        })
    }

    public var ids: [String] { entries.map(\.id) }

    public func scenario(_ id: String) throws -> Scenario {
        guard let entry = entries.first(where: { $0.id == id }) else {
            throw SimError.unknownScenario(id, suggestion: Suggestion.nearest(to: id, in: ids))
        }
        if let scenario = entry.scenario { return scenario }
        throw SimError.usage(entry.error ?? "\(entry.file) is broken")
    }
}

import Foundation
import LabContent
import LabKit
import Yams

/// A simulator lab: a Markdown brief whose front matter declares the starting world, commands run at the
/// start (a troubleshooting lab begins with the failing request) and the goal the grader checks.
public struct Scenario: Sendable {
    public enum Kind: String, Sendable { case build, troubleshoot }

    public var id: String
    public var title: String
    public var kind: Kind
    public var minutes: Int
    public var lesson: String
    public var world: World
    /// Lab commands (simulator syntax) run when the scenario starts, each split into words.
    public var setup: [[String]]
    public var goal: Goal
    /// The brief as Markdown, shown on start and by `brief`.
    public var brief: MarkdownDocument
    public var file: String

    /// Reads a scenario file; every mistake names the file and line.
    public static func load(from url: URL, displayPath: String) throws -> Scenario {
        let source: String
        do { source = try String(contentsOf: url, encoding: .utf8) } catch {
            throw SimError.invalidFile(file: displayPath, line: 1, message: "cannot read: \(error.localizedDescription)")
        }
        return try parse(source, file: displayPath)
    }

    public static func parse(_ source: String, file: String) throws -> Scenario {
        let split: FrontMatter.Split
        do { split = try FrontMatter.split(source, file: file) } catch let error as ContentError {
            throw SimError.invalidFile(file: file, line: 1, message: error.localizedDescription)
        }
        guard let yaml = split.yaml, let node = try YAMLReader.compose(yaml, file: file, firstLine: split.yamlFirstLine) else {
            throw SimError.invalidFile(file: file, line: 1, message: "a scenario starts with front matter (--- id, title, world, goal ---)")
        }
        let first = split.yamlFirstLine
        let map = try YAMLReader.Map(node, file: file, firstLine: first, context: "scenario front matter")
        try map.allow(["id", "title", "kind", "minutes", "lesson", "world", "setup", "goal"])
        let id = try map.string("id")
        let expected = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if expected != id && !file.hasPrefix("<") {
            throw map.error("the id '\(id)' does not match the file name '\(expected).md'", at: map.value("id")?.1)
        }
        let kindText = try map.optionalString("kind") ?? "build"
        guard let kind = Kind(rawValue: kindText) else { throw map.error("kind is build or troubleshoot, not '\(kindText)'", at: map.value("kind")?.1) }
        let minutesText = try map.optionalString("minutes") ?? "10"
        guard let minutes = Int(minutesText), (1...90).contains(minutes) else { throw map.error("minutes is a whole number from 1 to 90", at: map.value("minutes")?.1) }
        guard let (worldNode, _) = map.value("world") else { throw map.error("a scenario needs a starting 'world'") }
        let world = try WorldFile.decode(node: worldNode, file: file, firstLine: first)
        var setup: [[String]] = []
        for (node, line) in try map.list("setup") {
            guard case .scalar(let s) = node else { throw SimError.invalidFile(file: file, line: line, message: "each setup entry is one simulator command") }
            let words: [String]
            do { words = try CommandLineTokenizer.split(s.string) } catch {
                throw SimError.invalidFile(file: file, line: line, message: "a quote is not closed in '\(s.string)'")
            }
            do { _ = try SimCommand.parse(words) } catch {
                throw SimError.invalidFile(file: file, line: line, message: "setup: \(error.localizedDescription)")
            }
            setup.append(words)
        }
        guard let (goalNode, _) = map.value("goal") else { throw map.error("a scenario needs a 'goal' (calls that must work)") }
        let goalMap = try YAMLReader.Map(goalNode, file: file, firstLine: first, context: "the goal")
        try goalMap.allow(["calls", "rules"])
        var calls: [Goal.Call] = []
        for (node, _) in try goalMap.list("calls") {
            let m = try YAMLReader.Map(node, file: file, firstLine: first, context: "a goal call")
            try m.allow(["from", "target", "operation", "identity", "run"])
            let opText = try m.optionalString("operation") ?? "read"
            guard let op = DataOperation(rawValue: opText) else { throw m.error("operation is read or write, not '\(opText)'", at: m.value("operation")?.1) }
            let call = Goal.Call(from: try m.string("from"), target: try m.string("target"), operation: op,
                                 identity: try m.optionalString("identity"), mustRun: try m.bool("run"))
            if world.computeResource(call.from) == nil { throw m.error("goal: 'from' names no compute resource of the world: \(call.from)", at: m.value("from")?.1) }
            if world.target(call.target) == nil { throw m.error("goal: 'target' names no target of the world: \(call.target)", at: m.value("target")?.1) }
            calls.append(call)
        }
        let rules = try goalMap.strings("rules")
        if calls.isEmpty { throw goalMap.error("the goal needs at least one call") }
        let brief = MarkdownParser(lineOffset: split.bodyLineOffset).parse(split.body)
        return Scenario(id: id, title: try map.string("title"), kind: kind, minutes: minutes, lesson: try map.string("lesson"),
                        world: world, setup: setup, goal: Goal(calls: calls, rules: rules), brief: brief, file: file)
    }
}

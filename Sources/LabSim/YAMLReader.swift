import Foundation
import LabContent
import Yams

/// Reads YAML nodes with their line numbers, so every mistake in a world file or scenario names its line.
enum YAMLReader {
    static func compose(_ text: String, file: String, firstLine: Int) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let diagnostic = FrontMatter.diagnostic(for: error, firstLine: firstLine, file: file)
            throw SimError.invalidFile(file: file, line: diagnostic.line, message: diagnostic.message.replacingOccurrences(of: "front matter YAML: ", with: "YAML: "))
        }
    }

    static func line(_ node: Node, firstLine: Int) -> Int { (node.mark?.line ?? 1) + firstLine - 1 }

    /// A mapping node with typed getters that fail with the key's line.
    struct Map {
        let node: Node
        let pairs: [(key: String, value: Node, line: Int)]
        let file: String
        let firstLine: Int
        let context: String

        init(_ node: Node, file: String, firstLine: Int, context: String) throws {
            guard case .mapping(let mapping) = node else {
                throw SimError.invalidFile(file: file, line: YAMLReader.line(node, firstLine: firstLine), message: "\(context) must be a mapping of keys to values")
            }
            self.node = node
            self.file = file
            self.firstLine = firstLine
            self.context = context
            self.pairs = mapping.map { ($0.key.string ?? "", $0.value, YAMLReader.line($0.key, firstLine: firstLine)) }
        }

        var line: Int { YAMLReader.line(node, firstLine: firstLine) }

        func error(_ message: String, at line: Int? = nil) -> SimError {
            .invalidFile(file: file, line: line ?? self.line, message: message)
        }

        func allow(_ keys: [String]) throws {
            for pair in pairs where !keys.contains(pair.key) {
                throw error("unknown key '\(pair.key)' in \(context) (expected \(keys.joined(separator: ", ")))", at: pair.line)
            }
        }

        func value(_ key: String) -> (Node, Int)? { pairs.first { $0.key == key }.map { ($0.value, $0.line) } }

        func optionalString(_ key: String) throws -> String? {
            guard let (node, line) = value(key) else { return nil }
            guard case .scalar(let scalar) = node else { throw error("'\(key)' must be a single value", at: line) }
            return scalar.string
        }

        func string(_ key: String) throws -> String {
            guard let text = try optionalString(key), !text.isEmpty else { throw error("\(context) needs '\(key)'") }
            return text
        }

        func bool(_ key: String) throws -> Bool {
            guard let text = try optionalString(key) else { return false }
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: throw error("'\(key)' is true or false, not '\(text)'", at: value(key)?.1)
            }
        }

        func list(_ key: String) throws -> [(Node, Int)] {
            guard let (node, line) = value(key) else { return [] }
            switch node {
            case .sequence(let items): return items.map { ($0, YAMLReader.line($0, firstLine: firstLine)) }
            case .scalar(let s) where s.string.isEmpty || s.string == "null": return []
            default: throw error("'\(key)' must be a list", at: line)
            }
        }

        func strings(_ key: String) throws -> [String] {
            try list(key).map { node, line in
                guard case .scalar(let s) = node else { throw error("'\(key)' must be a list of names", at: line) }
                return s.string
            }
        }
    }
}

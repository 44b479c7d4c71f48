import LabKit
import Foundation
import Yams

/// The YAML block between `---` lines at the top of a content file, with the line numbers needed for messages.
public struct FrontMatter: Sendable {
    /// Scalar values by key, with the line each key is on.
    public var fields: [String: Field]
    /// Keys in file order.
    public var keys: [String]

    public struct Field: Sendable, Equatable {
        public var value: Value
        public var line: Int
        public var column: Int
    }

    public indirect enum Value: Sendable, Equatable {
        case string(String)
        case list([Value])
        case map([String: Value])
        case null

        public var string: String? { if case .string(let s) = self { return s }; return nil }
        public var list: [Value]? { if case .list(let l) = self { return l }; return nil }
    }

    /// A file split into its front matter text and its Markdown body.
    public struct Split: Sendable {
        public var yaml: String?
        /// Line number (1-based) of the first YAML line in the file.
        public var yamlFirstLine: Int
        public var body: String
        /// How many lines precede the body in the file.
        public var bodyLineOffset: Int
    }

    /// Separates front matter from the body; an opening `---` with no closing one is an error at line 1.
    public static func split(_ source: String, file: String) throws -> Split {
        // Scan line by line and stop at the closing fence: bodies can be megabytes (a 10,000-question bank).
        var text = Substring(source)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        func line(from start: Substring.Index) -> (Substring, Substring.Index?) {
            guard let newline = text[start...].firstIndex(of: "\n") else { return (text[start...], nil) }
            return (text[start..<newline], text.index(after: newline))
        }
        let (first, afterFirst) = line(from: text.startIndex)
        guard first.trimmed == "---", var cursor = afterFirst else {
            return Split(yaml: nil, yamlFirstLine: 1, body: source, bodyLineOffset: 0)
        }
        let yamlStart = cursor
        var lineNumber = 1
        while true {
            lineNumber += 1
            let (current, next) = line(from: cursor)
            let trimmed = current.trimmed
            if trimmed == "---" || trimmed == "..." {
                let yaml = String(text[yamlStart..<current.startIndex].dropLast(current.startIndex > yamlStart ? 1 : 0))
                return Split(yaml: yaml, yamlFirstLine: 2, body: next.map { String(text[$0...]) } ?? "", bodyLineOffset: lineNumber)
            }
            guard let next else { break }
            cursor = next
        }
        throw ContentError.invalid(Diagnostic(file: file, line: 1, message: "front matter starts with '---' but is never closed by another '---' line"))
    }

    /// Parses front matter YAML; a syntax error becomes a diagnostic at its line in the file.
    public static func parse(_ yaml: String, firstLine: Int, file: String) throws -> FrontMatter {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ContentError.invalid(diagnostic(for: error, firstLine: firstLine, file: file))
        }
        guard let node else { return FrontMatter(fields: [:], keys: []) }
        guard let mapping = node.mapping else {
            throw ContentError.invalid(Diagnostic(file: file, line: firstLine, message: "front matter must be a mapping of keys to values"))
        }
        var fields: [String: Field] = [:]
        var keys: [String] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            let mark = key.mark
            if fields[name] != nil {
                throw ContentError.invalid(Diagnostic(file: file, line: (mark?.line ?? 1) + firstLine - 1,
                                                      column: mark?.column ?? 1, message: "duplicate front matter key '\(name)'"))
            }
            keys.append(name)
            fields[name] = Field(value: convert(value), line: (mark?.line ?? 1) + firstLine - 1, column: mark?.column ?? 1)
        }
        return FrontMatter(fields: fields, keys: keys)
    }

    private static func convert(_ node: Node) -> Value {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return .null }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map(convert))
        case .mapping(let mapping):
            var result: [String: Value] = [:]
            for (k, v) in mapping { result[k.string ?? ""] = convert(v) }
            return .map(result)
        case .alias:
            return .null
        }
    }

    public static func diagnostic(for error: YamlError, firstLine: Int, file: String) -> Diagnostic {
        func make(_ mark: Mark, _ problem: String) -> Diagnostic {
            Diagnostic(file: file, line: mark.line + firstLine - 1, column: mark.column, message: "front matter YAML: \(problem)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml reports where it gave up; the context says where the broken construct began.
            let start = context.map { " (\($0.text) that starts at line \($0.mark.line + firstLine - 1))" } ?? ""
            return make(mark, problem + start)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return make(context.mark, "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            let text = error.description.split(separator: "\n").first.map(String.init) ?? "invalid YAML"
            return Diagnostic(file: file, line: firstLine, message: "front matter YAML: \(text)")
        }
    }
}

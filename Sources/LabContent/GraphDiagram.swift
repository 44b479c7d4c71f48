import LabKit
import Foundation

/// Any Mermaid diagram other than a sequence diagram (flowchart, graph, stateDiagram, ...), reduced to its edges
/// and node labels. Reading is best-effort: lines that cannot be read are skipped, never reported.
public struct GraphDiagram: Equatable, Sendable {
    public struct Edge: Equatable, Sendable {
        public var from: String
        public var to: String
        public var label: String?

        public init(from: String, to: String, label: String? = nil) {
            self.from = from
            self.to = to
            self.label = label
        }
    }

    /// The header's first word, e.g. "flowchart", "graph", "stateDiagram-v2".
    public var kind: String
    /// TD, TB, BT, LR, RL when the header (or a top-level `direction` line) gives one.
    public var direction: String?
    /// Node id -> label, from `A[Label]`, `A(Label)`, `A{Label}`, `A((Label))`, `A>Label]`, ... and, in state
    /// diagrams, `state "Label" as A` and `A : Label`.
    public var labels: [String: String]
    public var edges: [Edge]

    public init(kind: String, direction: String? = nil, labels: [String: String] = [:], edges: [Edge] = []) {
        self.kind = kind
        self.direction = direction
        self.labels = labels
        self.edges = edges
    }

    /// The node's label, or its id when it has none.
    public func label(for id: String) -> String { labels[id] ?? id }
}

extension GraphDiagram {
    static let directions: Set<String> = ["TB", "TD", "BT", "RL", "LR"]
    /// Statements that carry no edges (compared lower-cased); `acc...` lines are skipped too.
    static let skippedKeywords: Set<String> = ["style", "classdef", "class", "click", "linkstyle", "title"]

    static func parse(kind: String, header: MermaidSourceLine, body: ArraySlice<MermaidSourceLine>) -> GraphDiagram {
        var diagram = GraphDiagram(kind: kind)
        var lines: [MermaidSourceLine] = []
        // The header may carry statements after a `;` (`graph TD; A-->B`).
        let headerPieces = header.statements(respectBrackets: true)
        if let first = headerPieces.first {
            let words = first.text.split(whereSeparator: { $0.isWhitespace })
            if words.count > 1, directions.contains(words[1].uppercased()) { diagram.direction = words[1].uppercased() }
            lines.append(contentsOf: headerPieces.dropFirst())
        }
        let isState = kind.hasPrefix("stateDiagram")
        var nesting = 0        // subgraph ... end, state X { ... }
        var inNote = false     // stateDiagram multi-line `note ... end note`
        for line in lines + body where !line.isBlankOrComment {
            for stmt in line.statements(respectBrackets: true) where !stmt.isBlankOrComment {
                let lower = stmt.text.lowercased()
                let firstWord = lower.split(whereSeparator: { $0.isWhitespace }).first.map(String.init) ?? ""
                if inNote {
                    if lower.hasPrefix("end note") { inNote = false }
                    continue
                }
                if isState, firstWord == "note" {
                    if !stmt.text.contains(":") { inNote = true }
                    continue
                }
                if firstWord == "direction" {
                    let words = stmt.text.split(whereSeparator: { $0.isWhitespace })
                    if nesting == 0, words.count > 1, directions.contains(words[1].uppercased()) {
                        diagram.direction = words[1].uppercased()
                    }
                    continue
                }
                if firstWord == "subgraph" { nesting += 1; continue }
                if firstWord == "end" || stmt.text == "}" { nesting = max(0, nesting - 1); continue }
                if isState, firstWord == "state" {
                    diagram.readStateDeclaration(stmt.text)
                    if stmt.text.hasSuffix("{") { nesting += 1 }
                    continue
                }
                if skippedKeywords.contains(firstWord) || firstWord.hasPrefix("acc") { continue }
                var scanner = GraphStatementScanner(stmt.text, isState: isState)
                if let result = scanner.statement() {
                    for (id, label) in result.labels { diagram.labels[id] = label }
                    diagram.edges.append(contentsOf: result.edges)
                }
            }
        }
        return diagram
    }

    /// `state "Long name" as Id` (the `{` of a composite state is left to the caller).
    private mutating func readStateDeclaration(_ text: String) {
        guard let match = text.range(of: #"^state\s+"([^"]*)"\s+as\s+([^\s{]+)"#, options: .regularExpression) else { return }
        let piece = String(text[match])
        guard let open = piece.firstIndex(of: "\""),
              let close = piece[piece.index(after: open)...].firstIndex(of: "\"") else { return }
        let label = String(piece[piece.index(after: open)..<close])
        let afterAs = piece[piece.index(after: close)...].trimmed
        let id = afterAs.dropFirst(2).trimmed   // drop "as"
        if !id.isEmpty { labels[id] = GraphStatementScanner.cleanLabel(label) }
    }
}

/// Reads one flowchart/state statement: node groups joined by links, e.g. `A[Web] -->|x| B & C --> D`.
struct GraphStatementScanner {
    private let chars: [Character]
    private let isState: Bool
    private var i = 0

    init(_ text: String, isState: Bool) {
        chars = Array(text)
        self.isState = isState
    }

    struct Result {
        var labels: [(String, String)] = []
        var edges: [GraphDiagram.Edge] = []
    }

    /// nil when the statement cannot be read.
    mutating func statement() -> Result? {
        var result = Result()
        guard var group = nodeGroup(into: &result) else { return nil }
        var lastEdgesStart = 0
        while true {
            skipSpaces()
            if i >= chars.count { break }
            if isState, chars[i] == ":" {
                let text = GraphStatementScanner.cleanLabel(String(chars[(i + 1)...]))
                if result.edges.isEmpty {
                    if group.count == 1, !text.isEmpty { result.labels.append((group[0], text)) }
                } else if !text.isEmpty {
                    for k in lastEdgesStart..<result.edges.count { result.edges[k].label = text }
                }
                return result
            }
            guard let label = link() else { return nil }
            guard let next = nodeGroup(into: &result) else { return nil }
            lastEdgesStart = result.edges.count
            for from in group {
                for to in next { result.edges.append(GraphDiagram.Edge(from: from, to: to, label: label)) }
            }
            group = next
        }
        return result
    }

    private mutating func skipSpaces() {
        while i < chars.count, chars[i].isWhitespace { i += 1 }
    }

    private func isIdCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "$"
    }

    /// `A`, `A & B`, each with an optional shape (label).
    private mutating func nodeGroup(into result: inout Result) -> [String]? {
        var ids: [String] = []
        while true {
            skipSpaces()
            guard let id = node(into: &result) else { return nil }
            ids.append(id)
            skipSpaces()
            if i < chars.count, chars[i] == "&" { i += 1; continue }
            return ids
        }
    }

    private mutating func node(into result: inout Result) -> String? {
        let start = i
        if isState, chars.count - i >= 3, String(chars[i..<(i + 3)]) == "[*]" {
            i += 3
            return "[*]"
        }
        while i < chars.count, isIdCharacter(chars[i]) { i += 1 }
        guard i > start else { return nil }
        let id = String(chars[start..<i])
        // Shape with a label.
        if i < chars.count, "[({>".contains(chars[i]) {
            guard let label = shapeLabel() else { return nil }
            if !label.isEmpty { result.labels.append((id, label)) }
        } else if i + 1 < chars.count, chars[i] == "@", chars[i + 1] == "{" {
            guard let close = chars[i...].firstIndex(of: "}") else { return nil }
            let meta = String(chars[(i + 2)..<close])
            if let match = meta.range(of: #"label:\s*"[^"]*""#, options: .regularExpression) {
                let quoted = meta[match].drop(while: { $0 != "\"" })
                result.labels.append((id, GraphStatementScanner.cleanLabel(String(quoted))))
            }
            i = close + 1
        }
        // :::cssClass
        if chars.count - i >= 3, String(chars[i..<(i + 3)]) == ":::" {
            i += 3
            while i < chars.count, isIdCharacter(chars[i]) || chars[i] == "-" { i += 1 }
        }
        return id
    }

    /// The text inside `[...]`, `(...)`, `{...}`, `((...))`, `[(...)]`, `>...]`, ...; nil if unbalanced.
    private mutating func shapeLabel() -> String? {
        let open = chars[i]
        let close: Character = open == "(" ? ")" : open == "{" ? "}" : "]"
        var depth = 0
        var inQuote = false
        var j = i
        while j < chars.count {
            let c = chars[j]
            if c == "\"" { inQuote.toggle() }
            else if !inQuote {
                if c == open, open != ">" { depth += 1 }
                else if c == close {
                    if open == ">" { break }
                    depth -= 1
                    if depth == 0 { break }
                }
            }
            j += 1
        }
        guard j < chars.count else { return nil }
        var inner = Array(chars[(i + 1)..<j])
        i = j + 1
        // Strip the inner part of compound shapes: ((x)), [(x)], ([x]), {{x}}, [[x]], [/x/], [\x\].
        let openers: Set<Character> = ["(", "[", "{", "/", "\\"]
        let closers: Set<Character> = [")", "]", "}", "/", "\\"]
        if inner.first != "\"" {
            var run = 0
            while run < inner.count, openers.contains(inner[run]) { run += 1 }
            var tail = 0
            while tail < inner.count - run, closers.contains(inner[inner.count - 1 - tail]) { tail += 1 }
            let strip = min(run, tail)
            if strip > 0 { inner = Array(inner[strip..<(inner.count - strip)]) }
        }
        return GraphStatementScanner.cleanLabel(String(inner))
    }

    private static let linkCharacters: Set<Character> = ["-", "=", ".", "~"]

    /// A link such as `-->`, `---`, `==>`, `-.->`, `-->|label|`, `-- label -->`. Returns its label
    /// (`.some(nil)` for none), nil when there is no link here.
    private mutating func link() -> String?? {
        var j = i
        if j < chars.count, chars[j] == "<" || ((chars[j] == "o" || chars[j] == "x") && j + 1 < chars.count
                                                  && GraphStatementScanner.linkCharacters.contains(chars[j + 1])) {
            j += 1
        }
        guard let (afterFirst, firstRun, headed) = linkRun(from: j) else { return nil }
        j = afterFirst
        var label: String?
        let openRun = !headed && ["--", "==", "-."].contains(firstRun)
        if openRun {
            // `-- text -->`: the label runs up to the next link.
            var k = j
            var closing: (end: Int, run: String)?
            while k < chars.count {
                if GraphStatementScanner.linkCharacters.contains(chars[k]), let (end, run, headed) = linkRun(from: k),
                   run.count >= 2 || headed {
                    closing = (end, run)
                    break
                }
                k += 1
            }
            guard let closing else { return nil }
            label = GraphStatementScanner.cleanLabel(String(chars[j..<k]))
            j = closing.end
        }
        i = j
        skipSpaces()
        if i < chars.count, chars[i] == "|" {
            guard let close = chars[(i + 1)...].firstIndex(of: "|") else { return nil }
            label = GraphStatementScanner.cleanLabel(String(chars[(i + 1)..<close]))
            i = close + 1
        }
        if let text = label, text.isEmpty { label = nil }
        return .some(label)
    }

    /// A run of link characters from `start` with its end marker: (index after it, the run, has an arrowhead).
    private func linkRun(from start: Int) -> (Int, String, Bool)? {
        var j = start
        while j < chars.count, GraphStatementScanner.linkCharacters.contains(chars[j]) { j += 1 }
        let run = String(chars[start..<j])
        guard run.count >= 2 || (run.count == 1 && j < chars.count && chars[j] == ">"),
              run.contains(where: { $0 != "." }) else { return nil }
        var headed = false
        if j < chars.count, chars[j] == ">" {
            j += 1
            headed = true
        } else if j < chars.count, chars[j] == "o" || chars[j] == "x",
                  j + 1 == chars.count || chars[j + 1].isWhitespace || chars[j + 1] == "|" {
            j += 1
            headed = true
        }
        return (j, run, headed)
    }

    /// Label text for display: quotes and Markdown-string backticks removed, entities decoded, line breaks
    /// turned into spaces.
    static func cleanLabel(_ raw: String) -> String {
        let trimmed = raw.trimmed
        return MermaidSourceLine.displayText(MermaidSourceLine.unquote(trimmed))
            .replacingOccurrences(of: "\n", with: " ")
    }
}

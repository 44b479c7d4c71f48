import LabKit
import Foundation

/// A diagram read from a ```mermaid block in lesson Markdown.
///
/// Sequence diagrams are parsed strictly (the terminal draws them faithfully, and `lab lint` reports their
/// mistakes with a line and column). Every other known diagram type becomes a `GraphDiagram`: its edges and
/// node labels are extracted on a best-effort basis and lines that cannot be read are skipped.
public enum MermaidDiagram: Equatable, Sendable {
    case sequence(SequenceDiagram)
    case graph(GraphDiagram)

    /// Diagram types (the header's first word) other than `sequenceDiagram` that are accepted and read as graphs.
    public static let graphKinds: Set<String> = [
        "graph", "flowchart", "flowchart-elk", "stateDiagram", "stateDiagram-v2", "classDiagram",
        "classDiagram-v2", "erDiagram", "gantt", "pie", "journey", "gitGraph", "mindmap", "timeline",
        "quadrantChart", "requirementDiagram", "C4Context", "C4Container", "C4Component", "C4Dynamic",
        "C4Deployment", "sankey", "sankey-beta", "xychart", "xychart-beta", "block", "block-beta", "packet",
        "packet-beta", "architecture", "architecture-beta", "kanban", "radar-beta", "treemap-beta", "zenuml",
    ]

    /// Parses a mermaid block's text. Line numbers in errors are 1-based within the block text.
    ///
    /// The header is the first line that is neither blank nor a `%%` comment; an optional `---` front-matter
    /// block before it is skipped (its `title:` becomes a sequence diagram's title when the body sets none).
    public static func parse(_ source: String) throws -> MermaidDiagram {
        let lines = MermaidSourceLine.split(source)
        var index = 0
        func skipIgnorable() {
            while index < lines.count, lines[index].isBlankOrComment { index += 1 }
        }
        skipIgnorable()
        var frontMatterTitle: String?
        if index < lines.count, lines[index].text == "---" {
            let opener = lines[index]
            index += 1
            var closed = false
            while index < lines.count {
                let line = lines[index]
                index += 1
                if line.text == "---" { closed = true; break }
                if line.text.hasPrefix("title:") {
                    let value = line.text.dropFirst("title:".count).trimmed
                    frontMatterTitle = MermaidSourceLine.unquote(value)
                }
            }
            guard closed else {
                throw MermaidError(line: opener.number, column: opener.column,
                                   message: "front matter opened with '---' is never closed")
            }
            skipIgnorable()
        }
        guard index < lines.count else {
            throw MermaidError(line: 1, column: 1,
                               message: "empty diagram: expected a header such as 'sequenceDiagram' or 'flowchart LR'")
        }
        let header = lines[index]
        let body = lines[(index + 1)...]
        let (kind, afterKind) = header.firstWord(separators: [";"])
        if kind == "sequenceDiagram" {
            if let extra = afterKind.first(where: { !$0.text.isEmpty && $0.text != ";" }) {
                throw MermaidError(line: extra.number, column: extra.column,
                                   message: "unexpected text after 'sequenceDiagram'; put each statement on its own line")
            }
            var diagram = try SequenceDiagram.parse(body: body)
            if diagram.title == nil { diagram.title = frontMatterTitle }
            return .sequence(diagram)
        }
        if graphKinds.contains(kind) {
            return .graph(GraphDiagram.parse(kind: kind, header: header, body: body))
        }
        throw MermaidError(line: header.number, column: header.column,
                           message: "unknown diagram type '\(kind)' (expected 'sequenceDiagram', 'flowchart', 'graph', ...)")
    }
}

/// One line of a mermaid block, trimmed, remembering where its text starts. Internal to the parsers.
struct MermaidSourceLine: Equatable, Sendable {
    /// 1-based line number within the block.
    var number: Int
    /// 1-based column of `text`'s first character in the original line.
    var column: Int
    /// The line without leading and trailing whitespace.
    var text: String

    var isBlankOrComment: Bool { text.isEmpty || text.hasPrefix("%%") }

    static func split(_ source: String) -> [MermaidSourceLine] {
        var result: [MermaidSourceLine] = []
        var number = 0
        for raw in source.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            number += 1
            let chars = Array(raw)
            var start = 0
            while start < chars.count, chars[start].isWhitespace { start += 1 }
            var end = chars.count
            while end > start, chars[end - 1].isWhitespace { end -= 1 }
            result.append(MermaidSourceLine(number: number, column: start + 1, text: String(chars[start..<end])))
        }
        return result
    }

    /// The part of this line from character `offset` of `text` on, trimmed, with its column.
    func suffix(from offset: Int) -> MermaidSourceLine {
        let chars = Array(text)
        var start = min(max(offset, 0), chars.count)
        while start < chars.count, chars[start].isWhitespace { start += 1 }
        var end = chars.count
        while end > start, chars[end - 1].isWhitespace { end -= 1 }
        return MermaidSourceLine(number: number, column: column + start, text: String(chars[start..<end]))
    }

    /// The characters `range` of `text`, trimmed, with its column.
    func slice(_ range: Range<Int>) -> MermaidSourceLine {
        let chars = Array(text)
        var start = max(0, range.lowerBound)
        var end = min(chars.count, range.upperBound)
        while start < end, chars[start].isWhitespace { start += 1 }
        while end > start, chars[end - 1].isWhitespace { end -= 1 }
        return MermaidSourceLine(number: number, column: column + start, text: String(chars[start..<end]))
    }

    /// Column just after the last character (where something missing at the end of the line belongs).
    var endColumn: Int { column + text.count }

    /// The first word (up to whitespace or one of `separators`) and the rest as a one-element array (empty when
    /// nothing follows).
    func firstWord(separators: Set<Character> = []) -> (String, [MermaidSourceLine]) {
        let chars = Array(text)
        var end = 0
        while end < chars.count, !chars[end].isWhitespace, !separators.contains(chars[end]) { end += 1 }
        let word = String(chars[..<end])
        let rest = suffix(from: end)
        return (word, rest.text.isEmpty ? [] : [rest])
    }

    /// Splits the line at `;` (Mermaid's statement separator), leaving `#59;`-style entity codes alone and,
    /// when `respectBrackets` is set, any `;` inside quotes, brackets or `|...|` edge labels.
    func statements(respectBrackets: Bool) -> [MermaidSourceLine] {
        let chars = Array(text)
        var pieces: [MermaidSourceLine] = []
        var start = 0
        var depth = 0
        var inQuote = false
        var inPipe = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "#", let end = MermaidSourceLine.entityEnd(chars, from: i) {
                i = end
                continue
            }
            if respectBrackets {
                if c == "\"" { inQuote.toggle() }
                else if !inQuote {
                    if "[({".contains(c) { depth += 1 }
                    else if "])}".contains(c) { depth = max(0, depth - 1) }
                    else if c == "|" { inPipe.toggle() }
                }
            }
            if c == ";", !(respectBrackets && (inQuote || depth > 0 || inPipe)) {
                let piece = slice(start..<i)
                if !piece.text.isEmpty { pieces.append(piece) }
                start = i + 1
            }
            i += 1
        }
        let last = slice(start..<chars.count)
        if !last.text.isEmpty { pieces.append(last) }
        return pieces
    }

    /// If `chars[from...]` starts an entity code such as `#59;` or `#quot;`, the index just past its `;`.
    static func entityEnd(_ chars: [Character], from: Int) -> Int? {
        guard from < chars.count, chars[from] == "#" else { return nil }
        var j = from + 1
        while j < chars.count, j - from <= 10, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber { j += 1 }
        guard j > from + 1, j < chars.count, chars[j] == ";" else { return nil }
        return j + 1
    }

    private static let namedEntities: [String: String] = [
        "quot": "\"", "amp": "&", "lt": "<", "gt": ">", "apos": "'", "nbsp": " ", "semi": ";", "colon": ":",
        "num": "#", "hash": "#", "comma": ",", "vert": "|", "lpar": "(", "rpar": ")",
    ]

    /// Mermaid text as shown to a reader: `#59;`-style entity codes decoded, `<br>` turned into a line break,
    /// runs of spaces and tabs collapsed.
    static func displayText(_ raw: some StringProtocol) -> String {
        let chars = Array(raw)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "#", let end = entityEnd(chars, from: i) {
                let name = String(chars[(i + 1)..<(end - 1)])
                if let value = namedEntities[name.lowercased()] {
                    out += value; i = end; continue
                }
                if let code = UInt32(name), let scalar = Unicode.Scalar(code) {
                    out.unicodeScalars.append(scalar); i = end; continue
                }
            }
            if c == "<", let end = breakTagEnd(chars, from: i) {
                while out.last == " " { out.removeLast() }
                out += "\n"
                i = end
                while i < chars.count, chars[i] == " " { i += 1 }
                continue
            }
            if c == "\t" || c == " " {
                if out.last != " ", out.last != "\n" { out += " " }
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out.trimmed
    }

    /// `<br>`, `<br/>`, `<br />` (any case): the index just past the tag.
    private static func breakTagEnd(_ chars: [Character], from: Int) -> Int? {
        var j = from + 1
        guard j + 1 < chars.count, chars[j].lowercased() == "b", chars[j + 1].lowercased() == "r" else { return nil }
        j += 2
        while j < chars.count, chars[j] == " " { j += 1 }
        if j < chars.count, chars[j] == "/" { j += 1 }
        guard j < chars.count, chars[j] == ">" else { return nil }
        return j + 1
    }

    /// Removes one pair of surrounding double quotes (and Markdown-string backticks inside them).
    static func unquote(_ text: some StringProtocol) -> String {
        var s = String(text)
        if s.count >= 2, s.first == "\"", s.last == "\"" { s = String(s.dropFirst().dropLast()) }
        if s.count >= 2, s.first == "`", s.last == "`" { s = String(s.dropFirst().dropLast()) }
        return s
    }
}

import Foundation

/// A Mermaid `sequenceDiagram`: who talks to whom, in order.
///
/// Block statements (`loop`, `alt`/`else`, `opt`, `par`/`and`, `critical`/`option`, `break`, `rect`, `box`
/// and their `end`) are checked for balance but record nothing: the steps inside them are kept in order as if
/// the block were not there. `activate`/`deactivate`, `destroy`, `link`/`links`, `accTitle` and `accDescr`
/// are accepted and ignored.
public struct SequenceDiagram: Equatable, Sendable {
    public struct Participant: Equatable, Sendable {
        public var id: String
        public var label: String
        public var isActor: Bool

        public init(id: String, label: String? = nil, isActor: Bool = false) {
            self.id = id
            self.label = label ?? id
            self.isActor = isActor
        }
    }

    /// `->>`, `->`, `-x`, `-)` are solid; `-->>`, `-->`, `--x`, `--)` are dotted (usually a reply).
    public enum ArrowStyle: Equatable, Sendable { case solid, dotted }

    public enum NotePlacement: Equatable, Sendable { case over, leftOf, rightOf }

    public enum Step: Equatable, Sendable {
        case message(from: String, to: String, text: String, style: ArrowStyle)
        case note(placement: NotePlacement, participants: [String], text: String)
    }

    /// In declaration order, then implicit ones (first seen in a message or note) in first-use order.
    public var participants: [Participant]
    public var steps: [Step]
    public var autonumber: Bool
    public var title: String?

    public init(participants: [Participant] = [], steps: [Step] = [], autonumber: Bool = false, title: String? = nil) {
        self.participants = participants
        self.steps = steps
        self.autonumber = autonumber
        self.title = title
    }

    /// The participant's label, or `id` itself when no participant has that id.
    public func label(for id: String) -> String {
        participants.first(where: { $0.id == id })?.label ?? id
    }

    /// Number of `.message` steps.
    public var messageCount: Int {
        steps.reduce(0) { count, step in
            if case .message = step { return count + 1 }
            return count
        }
    }
}

extension SequenceDiagram {
    /// Parses the lines after the `sequenceDiagram` header.
    static func parse(body: ArraySlice<MermaidSourceLine>) throws -> SequenceDiagram {
        var parser = SequenceDiagramParser()
        for line in body {
            try parser.feed(line)
        }
        return try parser.finish()
    }
}

/// The statement-by-statement reader behind `SequenceDiagram.parse`.
struct SequenceDiagramParser {
    private var declared: [SequenceDiagram.Participant] = []
    private var implicit: [SequenceDiagram.Participant] = []
    private var steps: [SequenceDiagram.Step] = []
    private var autonumber = false
    private var title: String?
    private var openBlocks: [(keyword: String, line: Int, column: Int)] = []
    private var inMultilineDescription = false

    static let blockOpeners: Set<String> = ["loop", "alt", "opt", "par", "par_over", "rect", "critical", "break", "box"]
    /// Continuation keyword -> the block it belongs to.
    static let blockContinuations: [String: String] = ["else": "alt", "and": "par", "option": "critical"]
    static let ignoredKeywords: Set<String> = ["link", "links", "properties", "details"]

    mutating func feed(_ line: MermaidSourceLine) throws {
        if inMultilineDescription {
            if line.text.contains("}") { inMultilineDescription = false }
            return
        }
        if line.isBlankOrComment { return }
        let pieces = line.statements(respectBrackets: false)
        for (position, piece) in pieces.enumerated() where !piece.isBlankOrComment {
            try statement(piece, afterSemicolon: position > 0)
        }
    }

    mutating func finish() throws -> SequenceDiagram {
        if let open = openBlocks.last {
            throw MermaidError(line: open.line, column: open.column,
                               message: "'\(open.keyword)' block is never closed (missing 'end')")
        }
        return SequenceDiagram(participants: declared + implicit, steps: steps, autonumber: autonumber, title: title)
    }

    // MARK: Statements

    private mutating func statement(_ stmt: MermaidSourceLine, afterSemicolon: Bool) throws {
        let (word, restArray) = stmt.firstWord()
        let keyword = word.lowercased()
        let rest = restArray.first

        // title Foo / title: Foo
        if keyword == "title" || keyword.hasPrefix("title:") {
            let after = stmt.suffix(from: 5)
            var text = after.text
            if text.hasPrefix(":") { text = String(text.dropFirst()) }
            title = MermaidSourceLine.displayText(text).replacingOccurrences(of: "\n", with: " ")
            return
        }
        if keyword.hasPrefix("acctitle") || keyword.hasPrefix("accdescr") {
            if keyword.hasPrefix("accdescr"), stmt.text.contains("{"), !stmt.text.contains("}") {
                inMultilineDescription = true
            }
            return
        }
        switch keyword {
        case "autonumber":
            autonumber = rest?.text.lowercased() != "off"
            return
        case "participant", "actor":
            try declaration(stmt, keyword: keyword, rest: rest)
            return
        case "create":
            guard let rest, ["participant", "actor"].contains(rest.firstWord().0.lowercased()) else {
                throw MermaidError(line: stmt.number, column: rest?.column ?? stmt.endColumn,
                                   message: "'create' must be followed by 'participant' or 'actor'")
            }
            try statement(rest, afterSemicolon: false)
            return
        case "destroy", "activate", "deactivate":
            guard rest != nil else {
                throw MermaidError(line: stmt.number, column: stmt.endColumn, message: "'\(keyword)' needs a participant")
            }
            return
        case "note":
            try note(stmt, rest: rest)
            return
        case "end":
            guard openBlocks.popLast() != nil else {
                throw MermaidError(line: stmt.number, column: stmt.column, message: "'end' without an open block")
            }
            return
        default:
            break
        }
        if Self.blockOpeners.contains(keyword) {
            openBlocks.append((keyword, stmt.number, stmt.column))
            return
        }
        if let opener = Self.blockContinuations[keyword] {
            guard let top = openBlocks.last, top.keyword == opener || (opener == "par" && top.keyword == "par_over") else {
                throw MermaidError(line: stmt.number, column: stmt.column,
                                   message: "'\(keyword)' outside an '\(opener)' block")
            }
            return
        }
        if Self.ignoredKeywords.contains(keyword) { return }
        if try message(stmt) { return }
        var text = "unknown statement '\(word)'"
        if afterSemicolon {
            text += " (a ';' ends a statement in Mermaid: write #59; for a semicolon in text)"
        }
        throw MermaidError(line: stmt.number, column: stmt.column, message: text)
    }

    private mutating func declaration(_ stmt: MermaidSourceLine, keyword: String, rest: MermaidSourceLine?) throws {
        guard let rest else {
            throw MermaidError(line: stmt.number, column: stmt.endColumn, message: "'\(keyword)' needs a name")
        }
        let chars = Array(rest.text)
        // `ID as Label`: "as" is a whole word surrounded by whitespace.
        var asRange: Range<Int>?
        for i in 1..<max(1, chars.count) where chars[i - 1].isWhitespace {
            guard i + 1 < chars.count, chars[i].lowercased() == "a", chars[i + 1].lowercased() == "s" else { continue }
            if i + 2 == chars.count || chars[i + 2].isWhitespace {
                asRange = i..<(i + 2)
                break
            }
        }
        var idPart = asRange.map { rest.slice(0..<$0.lowerBound) } ?? rest
        // Newer `A@{ "type": "database" }` metadata: keep the id only.
        if let at = idPart.text.range(of: "@{") {
            idPart = idPart.slice(0..<idPart.text.distance(from: idPart.text.startIndex, to: at.lowerBound))
        }
        let id = idPart.text
        guard !id.isEmpty else {
            throw MermaidError(line: rest.number, column: rest.column, message: "'\(keyword)' needs a name")
        }
        if let bad = id.firstIndex(where: { ":<>".contains($0) }) {
            throw MermaidError(line: idPart.number, column: idPart.column + id.distance(from: id.startIndex, to: bad),
                               message: "unexpected '\(id[bad])' in participant name")
        }
        var label: String?
        if let asRange {
            let labelPart = rest.suffix(from: asRange.upperBound)
            guard !labelPart.text.isEmpty else {
                throw MermaidError(line: rest.number, column: rest.endColumn, message: "missing label after 'as'")
            }
            label = MermaidSourceLine.displayText(labelPart.text)
        }
        declare(id: id, label: label, isActor: keyword == "actor")
    }

    private mutating func note(_ stmt: MermaidSourceLine, rest: MermaidSourceLine?) throws {
        let placementError = MermaidError(line: stmt.number, column: rest?.column ?? stmt.endColumn,
                                          message: "note needs 'over', 'left of' or 'right of'")
        guard let rest else { throw placementError }
        let words = rest.text.lowercased()
        let placement: SequenceDiagram.NotePlacement
        let afterPlacement: MermaidSourceLine
        func startsWithWords(_ prefix: String) -> Bool {
            guard words.hasPrefix(prefix) else { return false }
            let next = words.dropFirst(prefix.count).first
            return next == nil || next!.isWhitespace
        }
        if startsWithWords("over") {
            placement = .over; afterPlacement = rest.suffix(from: 4)
        } else if let match = words.range(of: #"^left\s+of"#, options: .regularExpression),
                  startsWithWords(String(words[match])) {
            placement = .leftOf; afterPlacement = rest.suffix(from: words.distance(from: words.startIndex, to: match.upperBound))
        } else if let match = words.range(of: #"^right\s+of"#, options: .regularExpression),
                  startsWithWords(String(words[match])) {
            placement = .rightOf; afterPlacement = rest.suffix(from: words.distance(from: words.startIndex, to: match.upperBound))
        } else {
            throw placementError
        }
        let chars = Array(afterPlacement.text)
        guard let colon = chars.firstIndex(of: ":") else {
            throw MermaidError(line: stmt.number, column: afterPlacement.text.isEmpty ? stmt.endColumn : afterPlacement.endColumn,
                               message: "note needs ': text'")
        }
        // Participants separated by commas.
        var ids: [String] = []
        var start = 0
        for index in 0...colon where index == colon || chars[index] == "," {
            let part = afterPlacement.slice(start..<index)
            guard !part.text.isEmpty else {
                throw MermaidError(line: stmt.number, column: part.column, message: "note needs a participant")
            }
            ids.append(part.text)
            start = index + 1
        }
        if placement != .over, ids.count > 1 {
            throw MermaidError(line: stmt.number, column: afterPlacement.column,
                               message: "a note left or right of takes one participant; use 'over A,B' for two")
        }
        for id in ids { use(id) }
        let text = MermaidSourceLine.displayText(String(chars[(colon + 1)...]))
        steps.append(.note(placement: placement, participants: ids, text: text))
    }

    private static let arrows: [(token: String, style: SequenceDiagram.ArrowStyle)] = [
        ("-->>", .dotted), ("->>", .solid), ("--x", .dotted), ("--)", .dotted),
        ("-->", .dotted), ("-x", .solid), ("-)", .solid), ("->", .solid),
    ]

    /// Reads `A->>B: text`. Returns false when the statement has no arrow (so it is not a message at all).
    private mutating func message(_ stmt: MermaidSourceLine) throws -> Bool {
        let chars = Array(stmt.text)
        let colon = chars.firstIndex(of: ":")
        let headEnd = colon ?? chars.count
        var found: (at: Int, length: Int, style: SequenceDiagram.ArrowStyle)?
        search: for i in 0..<headEnd where chars[i] == "-" {
            for arrow in Self.arrows {
                let token = Array(arrow.token)
                if i + token.count <= headEnd, Array(chars[i..<(i + token.count)]) == token {
                    found = (i, token.count, arrow.style)
                    break search
                }
            }
        }
        guard let found else { return false }
        if found.at >= 2, chars[found.at - 2] == "<", chars[found.at - 1] == "<" {
            throw MermaidError(line: stmt.number, column: stmt.column + found.at - 2,
                               message: "two-way arrows ('<<->>', '<<-->>') are not supported; draw two messages")
        }
        let fromPart = stmt.slice(0..<found.at)
        guard !fromPart.text.isEmpty else {
            throw MermaidError(line: stmt.number, column: stmt.column, message: "message needs a sender before the arrow")
        }
        var toStart = found.at + found.length
        while toStart < headEnd, chars[toStart].isWhitespace { toStart += 1 }
        if toStart < headEnd, chars[toStart] == "+" || chars[toStart] == "-" { toStart += 1 }  // activation mark
        let toPart = stmt.slice(toStart..<headEnd)
        guard !toPart.text.isEmpty else {
            throw MermaidError(line: stmt.number, column: stmt.column + found.at + found.length,
                               message: "message needs a receiver after the arrow")
        }
        for part in [fromPart, toPart] {
            if let bad = part.text.firstIndex(where: { "<>+".contains($0) }) {
                throw MermaidError(line: stmt.number, column: part.column + part.text.distance(from: part.text.startIndex, to: bad),
                                   message: "unexpected '\(part.text[bad])' in participant name")
            }
        }
        guard let colon else {
            throw MermaidError(line: stmt.number, column: stmt.endColumn, message: "message needs ': text'")
        }
        use(fromPart.text)
        use(toPart.text)
        let text = MermaidSourceLine.displayText(String(chars[(colon + 1)...]))
        steps.append(.message(from: fromPart.text, to: toPart.text, text: text, style: found.style))
        return true
    }

    // MARK: Participants

    private mutating func declare(id: String, label: String?, isActor: Bool) {
        if let index = declared.firstIndex(where: { $0.id == id }) {
            if let label { declared[index].label = label }
            declared[index].isActor = declared[index].isActor || isActor
            return
        }
        implicit.removeAll { $0.id == id }
        declared.append(SequenceDiagram.Participant(id: id, label: label, isActor: isActor))
    }

    private mutating func use(_ id: String) {
        guard !declared.contains(where: { $0.id == id }), !implicit.contains(where: { $0.id == id }) else { return }
        implicit.append(SequenceDiagram.Participant(id: id))
    }
}

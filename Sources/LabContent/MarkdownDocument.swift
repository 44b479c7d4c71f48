/// A parsed GitHub-flavoured Markdown document: plain values, so renderers and linters never touch C.
public struct MarkdownDocument: Sendable, Equatable {
    public var blocks: [MarkdownBlock]
    public init(blocks: [MarkdownBlock]) { self.blocks = blocks }
}

/// A block with the source line and column it starts at (1-based, in the whole file).
public struct MarkdownBlock: Sendable, Equatable {
    public var kind: Kind
    public var line: Int
    public var column: Int

    public init(_ kind: Kind, line: Int = 0, column: Int = 1) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    public enum Alignment: Sendable, Equatable { case none, left, center, right }

    public struct ListItem: Sendable, Equatable {
        /// nil for a plain item, true/false for a checked/unchecked task.
        public var task: Bool?
        public var blocks: [MarkdownBlock]
        public init(task: Bool? = nil, blocks: [MarkdownBlock]) { self.task = task; self.blocks = blocks }
    }

    public indirect enum Kind: Sendable, Equatable {
        case heading(level: Int, content: [MarkdownInline])
        case paragraph([MarkdownInline])
        case blockQuote([MarkdownBlock])
        /// A GitHub alert (`> [!NOTE]` ...): the marker line is removed from the body.
        case alert(AlertKind, [MarkdownBlock])
        case list(ordered: Bool, start: Int, tight: Bool, items: [ListItem])
        case code(language: String?, text: String)
        case html(String)
        case table(alignments: [Alignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]])
        case thematicBreak
    }
}

/// The five GitHub alert kinds.
public enum AlertKind: String, Sendable, CaseIterable {
    case note = "NOTE", tip = "TIP", important = "IMPORTANT", warning = "WARNING", caution = "CAUTION"

    /// The label shown on the box, in words so meaning never depends on colour.
    public var label: String {
        switch self {
        case .note: return "Note"
        case .tip: return "Tip"
        case .important: return "Important"
        case .warning: return "Warning"
        case .caution: return "Caution"
        }
    }
}

/// Inline content.
public indirect enum MarkdownInline: Sendable, Equatable {
    case text(String)
    case code(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case strikethrough([MarkdownInline])
    case link(url: String, title: String, content: [MarkdownInline])
    case image(url: String, alt: String)
    case softBreak
    case lineBreak
    case html(String)

    /// The text a reader would see, without any markup.
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s), .html(let s): return s
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c): return c.plainText
        case .image(_, let alt): return alt
        case .softBreak, .lineBreak: return " "
        }
    }
}

extension Array where Element == MarkdownInline {
    /// The concatenated visible text.
    public var plainText: String { map(\.plainText).joined() }
}

extension MarkdownBlock {
    /// Visible text of the block and its children, for search.
    public var plainText: String {
        switch kind {
        case .heading(_, let c), .paragraph(let c): return c.plainText
        case .blockQuote(let b), .alert(_, let b): return b.map(\.plainText).joined(separator: "\n")
        case .list(_, _, _, let items): return items.flatMap(\.blocks).map(\.plainText).joined(separator: "\n")
        case .code(_, let t), .html(let t): return t
        case .table(_, let h, let rows): return ([h] + rows).map { $0.map(\.plainText).joined(separator: " | ") }.joined(separator: "\n")
        case .thematicBreak: return ""
        }
    }
}

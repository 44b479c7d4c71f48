import LabContent
import LabKit

/// Renders a Markdown document for the terminal: a visitor over the block tree that returns lines.
/// Colour is decoration only: every meaning (alert kind, task state, code, links) is also in the text.
public struct MarkdownRenderer: Sendable {
    public var style: OutputStyle

    public init(style: OutputStyle) { self.style = style }

    var wrapper: TextWrapper { TextWrapper(style: style) }
    var unicode: Bool { style.unicode && !style.plain }

    /// The whole document as terminal lines.
    public func render(_ document: MarkdownDocument) -> [String] {
        render(blocks: document.blocks, width: style.width, topLevel: true)
    }

    func render(blocks: [MarkdownBlock], width: Int, topLevel: Bool = false, tight: Bool = false) -> [String] {
        var lines: [String] = []
        for (index, block) in blocks.enumerated() {
            let rendered = render(block: block, width: width)
            if index > 0 && !tight { lines.append("") }
            lines += rendered
        }
        return lines
    }

    func render(block: MarkdownBlock, width: Int) -> [String] {
        switch block.kind {
        case .heading(let level, let content):
            return heading(level: level, content: content, width: width)
        case .paragraph(let content):
            return wrapper.wrap(runs(content), width: width)
        case .blockQuote(let body):
            return quote(body, width: width)
        case .alert(let kind, let body):
            return alert(kind, body: body, width: width)
        case .list(let ordered, let start, let tight, let items):
            return list(ordered: ordered, start: start, tight: tight, items: items, width: width)
        case .code(let language, let text):
            if language?.lowercased() == "mermaid" { return diagram(text, width: width) }
            return code(language: language, text: text, width: width)
        case .html(let html):
            let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? [] : wrapper.wrap([StyledRun(text, sgr: ["2"])], width: width)
        case .table(let alignments, let header, let rows):
            return TableRenderer(style: style).render(alignments: alignments, header: header.map { runs($0) },
                                                      rows: rows.map { $0.map { runs($0) } }, width: width)
        case .thematicBreak:
            if style.plain { return ["* * *"] }
            return [String(repeating: unicode ? "─" : "-", count: max(3, width))].map { style.colour ? "\u{1B}[2m\($0)\u{1B}[0m" : $0 }
        }
    }

    // MARK: Inlines

    /// Inline Markdown as styled runs; links carry their URL, code keeps its spaces.
    public func runs(_ inlines: [MarkdownInline], sgr: [String] = []) -> [StyledRun] {
        var result: [StyledRun] = []
        for inline in inlines {
            switch inline {
            case .text(let text):
                result.append(StyledRun(text, sgr: sgr))
            case .code(let code):
                // Backticks mark code when colour cannot.
                let text = style.colour || style.plain ? code : "`\(code)`"
                result.append(StyledRun(text, sgr: sgr + ["36"]))
            case .emphasis(let content):
                result += runs(content, sgr: sgr + ["3"])
            case .strong(let content):
                result += runs(content, sgr: sgr + ["1"])
            case .strikethrough(let content):
                if style.colour {
                    result += runs(content, sgr: sgr + ["9"])
                } else {
                    result.append(StyledRun(style.plain ? "(struck out: " : "~~", sgr: sgr))
                    result += runs(content, sgr: sgr)
                    result.append(StyledRun(style.plain ? ")" : "~~", sgr: sgr))
                }
            case .link(let url, _, let content):
                let text = content.plainText
                let isAutolink = text == url || "mailto:\(text)" == url
                let external = url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("mailto:")
                if style.hyperlinks && external {
                    result += runs(content, sgr: sgr + ["4"]).map { var r = $0; r.link = url; return r }
                } else {
                    result += runs(content, sgr: sgr + ["4"])
                    if !isAutolink && !url.isEmpty {
                        result.append(StyledRun(" (\(url))", sgr: sgr + ["2"]))
                    }
                }
            case .image(let url, let alt):
                let label = alt.isEmpty ? url : alt
                result.append(StyledRun("(image: \(label))", sgr: sgr + ["2"]))
            case .softBreak:
                result.append(StyledRun(" ", sgr: sgr))
            case .lineBreak:
                result.append(StyledRun("\n", sgr: sgr))
            case .html(let html):
                if html.lowercased().hasPrefix("<br") { result.append(StyledRun("\n")) }
            }
        }
        return result
    }

    // MARK: Blocks

    func heading(level: Int, content: [MarkdownInline], width: Int) -> [String] {
        let text = runs(content, sgr: level <= 2 ? ["1", level == 1 ? "35" : "34"] : ["1"])
        var lines = wrapper.wrap(text, width: width)
        if style.plain {
            // Screen readers announce the level in words; the number sign would be read aloud.
            if level > 1 { lines[0] = (level == 2 ? "Section: " : "Subsection: ") + lines[0] }
            return lines
        }
        // Levels show as underlines that get lighter (═, ─, ┄), so no level depends on colour or on Markdown's # signs.
        if level <= 3 {
            let mark = level == 1 ? (unicode ? "═" : "=") : level == 2 ? (unicode ? "─" : "-") : (unicode ? "┄" : ".")
            let rule = String(repeating: mark, count: min(width, lines.map { TextWidth.of($0) }.max() ?? 0))
            lines.append(style.colour ? "\u{1B}[2m\(rule)\u{1B}[0m" : rule)
        }
        return lines
    }

    func quote(_ body: [MarkdownBlock], width: Int) -> [String] {
        if style.plain {
            return ["Quote:"] + render(blocks: body, width: width - 2).map { $0.isEmpty ? "" : "  " + $0 } + ["End of quote."]
        }
        let bar = unicode ? "│ " : "| "
        let prefix = style.colour ? "\u{1B}[2m\(bar)\u{1B}[0m" : bar
        return render(blocks: body, width: width - 2).map { prefix + $0 }
    }

    func alert(_ kind: AlertKind, body: [MarkdownBlock], width: Int) -> [String] {
        let inner = render(blocks: body, width: width - 4)
        if style.plain {
            return ["\(kind.label):"] + inner.map { $0.isEmpty ? "" : "  " + $0 } + ["End of \(kind.label.lowercased())."]
        }
        let colour: String
        switch kind {
        case .note: colour = "34"
        case .tip: colour = "32"
        case .important: colour = "35"
        case .warning: colour = "33"
        case .caution: colour = "31"
        }
        let (h, v, tl, tr, bl, br) = unicode ? ("─", "│", "┌", "┐", "└", "┘") : ("-", "|", "+", "+", "+", "+")
        func paint(_ s: String, bold: Bool = false) -> String {
            style.colour ? "\u{1B}[\(bold ? "1;" : "")\(colour)m\(s)\u{1B}[0m" : s
        }
        let label = " \(kind.label) "
        let top = paint(tl + h) + paint(label, bold: true) + paint(String(repeating: h, count: max(0, width - 3 - TextWidth.of(label))) + tr)
        var lines = [top]
        for line in inner {
            let pad = max(0, width - 4 - TextWidth.of(line))
            lines.append(paint(v) + " " + line + String(repeating: " ", count: pad) + " " + paint(v))
        }
        lines.append(paint(bl + String(repeating: h, count: max(0, width - 2)) + br))
        return lines
    }

    func list(ordered: Bool, start: Int, tight: Bool, items: [MarkdownBlock.ListItem], width: Int) -> [String] {
        var lines: [String] = []
        let lastNumber = start + items.count - 1
        let markerWidth = ordered ? "\(lastNumber).".count + 1 : 2
        for (index, item) in items.enumerated() {
            var marker: String
            if ordered {
                let n = "\(start + index)."
                marker = n + String(repeating: " ", count: max(1, markerWidth - n.count))
            } else {
                marker = unicode ? "• " : "- "
            }
            if let checked = item.task {
                if style.plain {
                    marker += checked ? "(done) " : "(to do) "
                } else {
                    let box = checked ? "[x] " : "[ ] "
                    marker += style.colour ? "\u{1B}[\(checked ? "32" : "2")m\(box)\u{1B}[0m" : box
                }
            }
            let indent = String(repeating: " ", count: TextWidth.of(marker))
            let body = render(blocks: item.blocks, width: width - TextWidth.of(marker), tight: tight)
            if !tight && index > 0 { lines.append("") }
            for (i, line) in body.enumerated() {
                lines.append((i == 0 ? marker : (line.isEmpty ? "" : indent)) + line)
            }
        }
        return lines
    }

    func code(language: String?, text: String, width: Int) -> [String] {
        var body = text.components(separatedBy: "\n")
        if body.last == "" { body.removeLast() }
        let label = language.map { $0.isEmpty ? "code" : $0 } ?? "code"
        if style.plain {
            return ["Code (\(label)):"] + body.map { "    " + $0 } + ["End of code."]
        }
        let (h, v, tl, bl) = unicode ? ("─", "│", "┌", "└") : ("-", "|", "+", "+")
        func dim(_ s: String) -> String { style.colour ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
        var lines = [dim(tl + h + " " + label + " " + String(repeating: h, count: max(3, min(width, 40) - label.count - 4)))]
        // Code is never re-wrapped: a copied command must stay exactly as written.
        lines += body.map { dim(v) + " " + (style.colour ? "\u{1B}[36m\($0)\u{1B}[0m" : $0) }
        lines.append(dim(bl + String(repeating: h, count: max(3, min(width, 40) - 1))))
        return lines
    }

    func diagram(_ text: String, width: Int) -> [String] {
        let diagram: MermaidDiagram
        do {
            diagram = try MermaidDiagram.parse(text)
        } catch {
            let message = (error as? MermaidError).map { "line \($0.line): \($0.message)" } ?? error.localizedDescription
            return wrapper.wrap([StyledRun("(This diagram could not be drawn: \(message). Its source follows.)", sgr: ["33"])], width: width)
                + code(language: "mermaid", text: text, width: width)
        }
        switch diagram {
        case .sequence(let sequence):
            let renderer = SequenceDiagramRenderer(width: width, unicode: unicode)
            if !style.plain, let picture = renderer.render(sequence) {
                return picture
            }
            let steps = renderer.steps(sequence)
            return (style.plain ? ["Diagram, as numbered steps:"] : []) + steps
        case .graph(let graph):
            return GraphDiagramRenderer(width: width, unicode: unicode).render(graph)
        }
    }
}

import LabContent

/// Shows a non-sequence Mermaid diagram as an indented edge list, e.g.
///
///     Graph (flowchart LR):
///       Web app → IMDS  [token request]
///       IMDS → Entra ID
///
/// Plain text, no colour. In state diagrams the `[*]` pseudo-state reads "(start)" or "(end)".
public struct GraphDiagramRenderer: Sendable {
    public var width: Int
    public var unicode: Bool

    public init(width: Int, unicode: Bool = true) {
        self.width = width
        self.unicode = unicode
    }

    /// "Graph (kind direction):" then one line per edge, using node labels when known. Lines longer than
    /// `width` wrap with a hanging indent.
    public func render(_ diagram: GraphDiagram) -> [String] {
        let arrow = unicode ? "→" : "->"
        let wrapWidth = max(width, 8)
        let heading = "Graph (" + [diagram.kind, diagram.direction].compactMap { $0 }.joined(separator: " ") + "):"
        var out = DiagramTextLayout.wrap(heading, width: wrapWidth, hangingIndent: 2)
        let isState = diagram.kind.hasPrefix("stateDiagram")
        func name(_ id: String, start: Bool) -> String {
            if isState, id == "[*]", diagram.labels[id] == nil { return start ? "(start)" : "(end)" }
            return DiagramTextLayout.flat(diagram.label(for: id))
        }
        if diagram.edges.isEmpty {
            out.append("  (no edges)")
        }
        for edge in diagram.edges {
            var line = "\(name(edge.from, start: true)) \(arrow) \(name(edge.to, start: false))"
            if let label = edge.label.map(DiagramTextLayout.flat), !label.isEmpty { line += "  [\(label)]" }
            out += DiagramTextLayout.width(line) + 2 <= wrapWidth
                ? ["  " + line] : DiagramTextLayout.wrap(line, width: wrapWidth - 2, hangingIndent: 2).map { "  " + $0 }
        }
        return out
    }
}

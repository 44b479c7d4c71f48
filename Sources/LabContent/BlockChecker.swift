import Foundation

/// Checks the body of a content file: alert kinds and Mermaid diagrams must be ones the lab can render.
public struct BlockChecker: Sendable {
    public var file: String
    public init(file: String) { self.file = file }

    public func check(_ document: MarkdownDocument) -> [Diagnostic] {
        var found: [Diagnostic] = []
        walk(document.blocks, into: &found)
        return found
    }

    private func walk(_ blocks: [MarkdownBlock], into found: inout [Diagnostic]) {
        for block in blocks {
            switch block.kind {
            case .blockQuote(let body):
                if let marker = MarkdownParser.alertMarker(in: body), AlertKind(rawValue: marker.uppercased()) == nil {
                    let known = AlertKind.allCases.map(\.rawValue).joined(separator: ", ")
                    found.append(Diagnostic(file: file, line: block.line, column: block.column,
                                            message: "unknown alert kind '[!\(marker)]' (known: \(known))"))
                }
                walk(body, into: &found)
            case .alert(_, let body):
                walk(body, into: &found)
            case .list(_, _, _, let items):
                for item in items { walk(item.blocks, into: &found) }
            case .code(let language, let text) where language?.lowercased() == "mermaid":
                do {
                    _ = try MermaidDiagram.parse(text)
                } catch let error as MermaidError {
                    // The fence line is block.line; the diagram's first line is the one after it.
                    found.append(Diagnostic(file: file, line: block.line + error.line, column: error.column,
                                            message: "diagram does not parse: \(error.message)"))
                } catch {
                    found.append(Diagnostic(file: file, line: block.line, message: "diagram does not parse: \(error.localizedDescription)"))
                }
            default:
                break
            }
        }
    }
}

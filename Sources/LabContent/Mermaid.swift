// TEMPORARY STUB until the real parser lands.
import Foundation
public enum MermaidDiagram: Equatable, Sendable {
    case sequence(SequenceDiagram)
    case graph(GraphDiagram)
    public static func parse(_ source: String) throws -> MermaidDiagram { .graph(GraphDiagram(kind: "graph", direction: nil, labels: [:], edges: [])) }
}
public struct MermaidError: Error, LocalizedError, Equatable, Sendable { public var line: Int; public var column: Int; public var message: String }
public struct SequenceDiagram: Equatable, Sendable { public var participants: [String] = []; public var steps: [String] = []; public var autonumber = false; public var title: String? }
public struct GraphDiagram: Equatable, Sendable {
    public struct Edge: Equatable, Sendable { public var from: String; public var to: String; public var label: String? }
    public var kind: String; public var direction: String?; public var labels: [String: String]; public var edges: [Edge]
}

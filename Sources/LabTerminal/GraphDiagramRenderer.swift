// TEMPORARY STUB until the real renderer lands.
import LabContent
public struct GraphDiagramRenderer: Sendable {
    public init(width: Int, unicode: Bool = true) {}
    public func render(_ diagram: GraphDiagram) -> [String] { [] }
}

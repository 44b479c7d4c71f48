// TEMPORARY STUB until the real renderer lands.
import LabContent
public struct SequenceDiagramRenderer: Sendable {
    public init(width: Int, unicode: Bool = true) {}
    public func render(_ diagram: SequenceDiagram) -> [String]? { nil }
    public func steps(_ diagram: SequenceDiagram) -> [String] { [] }
}

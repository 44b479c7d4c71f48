import Foundation

/// A problem found in content, located like a compiler message: `file:line:col: error: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, column: Int = 1, severity: Severity = .error, message: String) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
        self.severity = severity
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }
}

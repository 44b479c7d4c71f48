import Foundation

/// A problem in a ```mermaid block. `line` and `column` are 1-based and count from the first line of the
/// block's text (not of the Markdown file); `column` counts characters, a tab being one.
public struct MermaidError: Error, LocalizedError, Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var errorDescription: String? { message }
}

import Foundation

/// One lesson: its front matter, parsed body and where it came from.
public struct Lesson: Sendable, Equatable {
    public var id: String
    public var title: String
    public var objective: String
    public var minutes: Int
    public var requires: [String]
    /// Path as given to the loader, for messages.
    public var file: String
    public var body: String
    public var bodyLineOffset: Int
    public var document: MarkdownDocument
    /// Line of each front matter key in the file, so cross-file checks can point at the right line.
    public var fieldLines: [String: Int]

    public init(id: String, title: String, objective: String, minutes: Int, requires: [String], file: String,
                body: String, bodyLineOffset: Int, document: MarkdownDocument, fieldLines: [String: Int] = [:]) {
        self.id = id
        self.title = title
        self.objective = objective
        self.minutes = minutes
        self.requires = requires
        self.file = file
        self.body = body
        self.bodyLineOffset = bodyLineOffset
        self.document = document
        self.fieldLines = fieldLines
    }
}

import LabContent

/// A quiz bank or a lesson's check quiz.
public struct Quiz: Sendable, Equatable {
    public var id: String
    public var title: String
    public var exam: String
    /// Pass mark in percent.
    public var pass: Int
    /// Time for exam mode.
    public var minutes: Double
    /// For a check quiz, the lesson it checks.
    public var lesson: String?
    public var questions: [Question]
    public var cases: [String: CaseStudy]
    public var file: String

    public func question(id: String) -> Question? { questions.first { $0.id == id } }
}

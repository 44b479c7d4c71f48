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

    public init(id: String, title: String, exam: String, pass: Int, minutes: Double, lesson: String?, questions: [Question],
                cases: [String: CaseStudy], file: String) {
        self.id = id
        self.title = title
        self.exam = exam
        self.pass = pass
        self.minutes = minutes
        self.lesson = lesson
        self.questions = questions
        self.cases = cases
        self.file = file
    }

    public func question(id: String) -> Question? { questions.first { $0.id == id } }
}

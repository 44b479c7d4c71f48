import Foundation

/// One answered question as stored.
public struct AnswerRecord: Sendable, Equatable, Codable {
    public var quizID: String
    public var questionID: String
    public var answer: String
    public var points: Double
    public var correct: Bool
    public var seconds: Double
    public var mode: String
    public var at: Date
}

/// One finished (or stopped) quiz session as stored.
public struct AttemptRecord: Sendable, Equatable, Codable {
    public var quizID: String
    public var mode: String
    public var percent: Int
    public var passed: Bool
    public var questions: Int
    public var answered: Int
    public var at: Date
}

/// A lesson opened.
public struct LessonRecord: Sendable, Equatable, Codable {
    public var lessonID: String
    public var kind: String
    public var at: Date
}

/// A simulator grade.
public struct SimGradeRecord: Sendable, Equatable, Codable {
    public var scenarioID: String
    public var score: Int
    public var solved: Bool
    public var failedRules: [String]
    public var at: Date
}

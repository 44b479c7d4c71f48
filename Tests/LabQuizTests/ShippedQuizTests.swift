import Foundation
import LabContent
import Testing
@testable import LabQuiz

/// Every shipped quiz parses and lints clean, and the AZ-204 bank has the breadth the exam needs.
@Suite struct ShippedQuizTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func library() throws -> QuizLibrary {
        let plan = try CoursePlan.load(from: root.appendingPathComponent("Lessons/course.yml"), displayPath: "Lessons/course.yml")
        return QuizLibrary.load(folder: root.appendingPathComponent("Quizzes"), displayPrefix: "Quizzes", lessonIDs: Set(plan.ids))
    }

    @Test func theGateParsesOnlyTheCheckQuizzesAndTheyMatchTheFullLoad() throws {
        let plan = try CoursePlan.load(from: Self.root.appendingPathComponent("Lessons/course.yml"), displayPath: "course.yml")
        let folder = Self.root.appendingPathComponent("Quizzes")
        let checks = QuizLibrary.load(folder: folder, displayPrefix: "Quizzes", lessonIDs: Set(plan.ids), checksOnly: true)
        let all = QuizLibrary.load(folder: folder, displayPrefix: "Quizzes", lessonIDs: Set(plan.ids))
        #expect(checks.entry(id: "az204") == nil, "the exam bank names no lesson and is not parsed for the gate")
        let expected = all.entries.compactMap(\.quiz).filter { $0.lesson != nil }.map { "\($0.id) \($0.lesson!) \($0.pass)" }
        #expect(checks.entries.compactMap(\.quiz).map { "\($0.id) \($0.lesson!) \($0.pass)" } == expected)
        #expect(expected.count == plan.ids.count, "every lesson has a check quiz")
    }

    @Test func everyShippedQuizLintsClean() throws {
        let library = try Self.library()
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test func theBankCoversEveryObjectiveAndKind() throws {
        let library = try Self.library()
        let bank = try #require(library.entry(id: "az204")?.quiz)
        #expect(bank.questions.count >= 60)
        let objectives = Set(library.objectives["AZ-204"]!.keys)
        for objective in objectives { #expect(bank.questions.filter { $0.objective == objective }.count >= 5, "\(objective)") }
        for kind in Question.Kind.allCases { #expect(bank.questions.contains { $0.kind == kind }, "\(kind)") }
        #expect(!bank.cases.isEmpty && bank.questions.filter { $0.caseStudy != nil }.count >= 3)
        let traps = ["trap-system-shared", "trap-no-secret", "trap-code-calls-entra", "trap-on-premises", "trap-missing-metadata", "trap-several-uami", "trap-control-plane"]
        for trap in traps { #expect(bank.question(id: trap) != nil, "\(trap)") }
        for q in bank.questions where q.kind == .single || q.kind == .multiple {
            for option in q.options where !option.isCorrect { #expect(!option.rationale.isEmpty, "\(q.id): '\(option.plainText)' needs a rationale") }
        }
    }

    @Test func everyWrittenLessonHasACheckQuiz() throws {
        let library = try Self.library()
        let lessons = try LessonLibrary.load(folder: Self.root.appendingPathComponent("Lessons"), displayPrefix: "Lessons")
        for lesson in lessons.lessons { #expect(library.checkQuiz(for: lesson.id) != nil, "\(lesson.id) has no check quiz") }
    }
}

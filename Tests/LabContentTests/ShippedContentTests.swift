import Foundation
import LabTestSupport
import Testing
@testable import LabContent

/// Every lesson the lab ships must parse and lint clean: content is product.
@Suite struct ShippedContentTests {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func everyShippedLessonLintsClean() throws {
        let library = try LessonLibrary.load(folder: Self.root.appendingPathComponent("Lessons"), displayPrefix: "Lessons")
        #expect(library.entries.count >= 2)
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(library.lessons.count == library.entries.count)
        #expect(library.lessons.count >= 9, "the course has at least nine lessons")
        for lesson in library.lessons {
            #expect((5...15).contains(lesson.minutes), "\(lesson.id) takes \(lesson.minutes) minutes")
            #expect(lesson.body.contains("**What you will learn**"), "\(lesson.id) starts with its learning goals")
            #expect(lesson.body.contains("## Check"), "\(lesson.id) must end with a check")
            #expect(lesson.body.contains("```lab\nquiz check-\(lesson.id)"), "\(lesson.id) links its check quiz in a try-it block")
            #expect(lesson.body.contains("```lab"), "\(lesson.id) has a try-it block")
            #expect(lesson.body.contains("\n| ") || lesson.body.contains("```mermaid"), "\(lesson.id) has a table or a diagram")
            let checkQuiz = Self.root.appendingPathComponent("Quizzes/check-\(lesson.id).md")
            #expect(FileManager.default.fileExists(atPath: checkQuiz.path), "\(lesson.id) has a check quiz")
        }
        // The course plan lists exactly the written lessons, in the same order.
        let plan = try CoursePlan.load(from: Self.root.appendingPathComponent("Lessons/course.yml"), displayPath: "course.yml")
        #expect(plan.ids == library.lessons.map(\.id))
        for (index, lesson) in library.lessons.enumerated().dropFirst() {
            #expect(lesson.requires == [library.lessons[index - 1].id], "\(lesson.id) requires the lesson before it")
        }
        #expect(library.lessons.first?.id == "why-managed-identities")
        #expect(library.lessons.contains { $0.id == "imds-token-flow" })
    }

    @Test func theKeylessFlowFixtureIsTheLessonsDiagram() throws {
        let library = try LessonLibrary.load(folder: Self.root.appendingPathComponent("Lessons"), displayPrefix: "Lessons")
        let lesson = try #require(library.lessons.first { $0.id == "imds-token-flow" })
        let diagrams = lesson.document.blocks.compactMap { block -> String? in
            if case .code("mermaid"?, let text) = block.kind { return text }
            return nil
        }
        #expect(diagrams.contains(DiagramFixtures.keylessFlow + "\n"), "the renderer tests draw exactly what learners read")
    }
}

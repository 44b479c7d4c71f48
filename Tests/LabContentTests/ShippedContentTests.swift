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
        for lesson in library.lessons {
            #expect((5...15).contains(lesson.minutes), "\(lesson.id) takes \(lesson.minutes) minutes")
            #expect(lesson.body.contains("## Check yourself"), "\(lesson.id) must end with a check")
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

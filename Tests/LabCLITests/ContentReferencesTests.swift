import Foundation
import LabContent
@testable import LabCLI
import LabQuiz
import LabTestSupport
import Testing

/// Try-it blocks in lessons may only name samples, scenarios, quizzes, questions and lessons that exist.
@Suite struct ContentReferencesTests {
    static let root = LabBinary.repositoryRoot
    static let quizzes = QuizLibrary.load(folder: root.appendingPathComponent("Quizzes"), displayPrefix: "Quizzes",
                                          lessonIDs: Set((try? CoursePlan.load(from: root.appendingPathComponent("Lessons/course.yml"), displayPath: "course.yml").ids) ?? []))
    let references = ContentReferences(lessonIDs: ["why-managed-identities", "imds-token-flow"], quizzes: quizzes,
                                       scenarioIDs: ["fix-missing-header"], glossaryWords: ["aud", "oid"])

    @Test(arguments: [
        "inspect sample vm-keyvault", "lab inspect sample expired --as storage", "sim start fix-missing-header", "sim list",
        "quiz az204", "quiz az204 --question trap-missing-metadata", "open imds-token-flow", "open 2", "glossary aud", "lessons", "# a comment",
    ])
    func goodLinesPass(line: String) {
        #expect(references.problem(in: line) == nil || line.hasPrefix("#"))
    }

    @Test(arguments: [
        ("inspect sample vm-keyvalt", "no token sample"),
        ("sim start fix-missing-headers", "no scenario"),
        ("quiz az205", "no quiz"),
        ("quiz az204 --question trap-missing-metadat", "did you mean 'trap-missing-metadata'"),
        ("open exam-trapz", "no lesson"),
        ("glossary audience-claim", "no entry"),
        ("curl http://169.254.169.254", "not a lab command"),
    ])
    func brokenLinksAreNamed(line: String, words: String) {
        let problem = references.problem(in: line)
        #expect(problem?.contains(words) == true, "\(problem ?? "no problem found")")
    }

    @Test func aLessonWithABrokenLinkGetsAFileLineDiagnostic() throws {
        let source = "---\nid: why-managed-identities\ntitle: T\nobjective: o\nminutes: 5\n---\n# T\n\n```lab\nsim start nowhere\n```\n"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try source.write(to: folder.appendingPathComponent("01-t.md"), atomically: true, encoding: .utf8)
        let library = try LessonLibrary.load(folder: folder, displayPrefix: "Lessons")
        let found = library.lessons.flatMap(references.check)
        #expect(found.count == 1)
        #expect(found.first?.line == 10)
        #expect(found.first?.file == "Lessons/01-t.md")
    }
}

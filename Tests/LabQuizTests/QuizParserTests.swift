import Foundation
import LabContent
import Testing
@testable import LabQuiz

@Suite struct QuizParserTests {
    let parser = QuizParser(objectives: QuizFixtures.objectives, lessonIDs: QuizFixtures.lessons)

    @Test func everyKindParses() throws {
        let quiz = QuizFixtures.quiz()
        #expect(quiz.id == "mini" && quiz.pass == 50 && quiz.minutes == 10 && quiz.exam == "AZ-204")
        #expect(quiz.questions.map(\.id) == ["case-shared", "imds-two", "imds-tf", "imds-order", "imds-address"])
        #expect(quiz.questions.map(\.kind) == [.single, .multiple, .trueFalse, .order, .short])
        let shared = quiz.questions[0]
        #expect(shared.caseStudy == "contoso")
        #expect(quiz.cases["contoso"]?.body.first?.plainText == "Contoso has two apps.")
        #expect(shared.hint == "Which one is a resource of its own?")
        #expect(shared.options[0].rationale.first?.plainText == "A system-assigned identity belongs to one resource.")
        #expect(shared.explanation.first?.plainText == "A user-assigned identity can be assigned to many resources.")
        #expect(quiz.questions[1].caseStudy == nil, "a level-1 heading ends the case study")
        #expect(quiz.questions[2].asks == "exam")
        #expect(quiz.questions[3].options.map(\.plainText) == ["App asks IMDS", "IMDS asks Entra ID", "Entra ID answers IMDS", "IMDS answers the app"])
        #expect(quiz.questions[4].accepted == ["169.254.169.254", "http://169.254.169.254"])
    }

    func errors(_ replace: String, with replacement: String) -> [String] {
        let source = QuizFixtures.bank.replacingOccurrences(of: replace, with: replacement)
        return parser.parse(source: source, file: "mini.md", expectedID: "mini").diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test func noRightAnswerIsAnError() {
        let found = errors("- [x] User-assigned", with: "- [ ] User-assigned")
        #expect(found.contains { $0.hasPrefix("mini.md:19:1:") && $0.contains("has no right answer") }, "\(found)")
    }

    @Test func singleChoiceWithTwoRightAnswers() {
        #expect(errors("id: case-shared · objective", with: "id: case-shared · kind: single · objective").isEmpty)
        let doubled = QuizFixtures.bank.replacingOccurrences(of: "id: case-shared · objective", with: "id: case-shared · kind: single · objective")
            .replacingOccurrences(of: "- [ ] System-assigned", with: "- [x] System-assigned")
        let diagnostics = parser.parse(source: doubled, file: "mini.md").diagnostics.map(\.description)
        #expect(diagnostics.contains { $0.contains("is single choice but marks 2 answers right") })
    }

    @Test func emptyOptionDuplicateIdUnknownObjectiveAndLesson() {
        #expect(errors("- [ ] A client secret", with: "- [ ] ").contains { $0.contains("has an empty option") || $0.contains("every option needs a box") })
        #expect(errors("id: imds-tf", with: "id: imds-two").contains { $0.contains("duplicate question id 'imds-two' (first used at line") })
        #expect(errors("objective: identity-types", with: "objective: identity-typos").contains { $0.contains("unknown objective 'identity-typos' (did you mean 'identity-types'?)") })
        #expect(errors("lesson: why-managed-identities\n", with: "lesson: no-such-lesson\n").contains { $0.contains("lesson 'no-such-lesson' is not in the course") })
    }

    @Test func missingPiecesAreErrors() {
        #expect(errors("Explanation: It is required.", with: "").contains { $0.contains("'imds-tf' has no 'Explanation:'") })
        #expect(errors("Answer: `169.254.169.254` | http://169.254.169.254", with: "").contains { $0.contains("no answers") || $0.contains("no right answer") })
        #expect(errors("3. Entra ID answers IMDS\n4. IMDS answers the app", with: "").contains { $0.contains("at least 3 steps") })
        #expect(errors("id: imds-two · objective: imds-tokens · lesson: imds-token-flow", with: "Just text").contains { $0.contains("needs its fields right after the heading") })
        #expect(errors("exam: AZ-204", with: "exam: AZ-999").contains { $0.contains("exam 'AZ-999' has no objectives") })
        #expect(errors("id: mini\n", with: "id: other\n").contains { $0.contains("must match the file name 'mini.md'") })
    }

    @Test func lineNumbersPointAtTheQuestion() {
        let found = errors("Explanation: Both are facts of the request.", with: "")
        #expect(found.contains { $0.hasPrefix("mini.md:31:1: error: question 'imds-two' has no 'Explanation:'") }, "\(found)")
    }
}

import Testing
@testable import LabQuiz

@Suite struct GraderTests {
    let quiz = QuizFixtures.quiz()
    var practice: Grader { Grader(mode: .practice) }
    var exam: Grader { Grader(mode: .exam) }

    @Test func singleAndTrueFalse() {
        #expect(practice.grade(.choices([1]), for: quiz.questions[0]).points == 1)
        #expect(practice.grade(.choices([0]), for: quiz.questions[0]).points == 0)
        #expect(exam.grade(.choices([1]), for: quiz.questions[2]).isCorrect)
        #expect(!exam.grade(.choices([0]), for: quiz.questions[2]).isCorrect)
    }

    @Test func multipleSelectPartialInPracticeAllOrNothingInExam() {
        let q = quiz.questions[1] // right: 0 and 1
        #expect(practice.grade(.choices([0, 1]), for: q).points == 1)
        #expect(practice.grade(.choices([0]), for: q).points == 0.5)
        #expect(practice.grade(.choices([0, 2]), for: q).points == 0, "a wrong pick cancels a right one")
        #expect(practice.grade(.choices([0, 1, 2, 3]), for: q).points == 0, "choosing everything earns nothing")
        #expect(exam.grade(.choices([0]), for: q).points == 0)
        #expect(exam.grade(.choices([0, 1]), for: q).points == 1)
    }

    @Test func orderingPartialByPosition() {
        let q = quiz.questions[3]
        #expect(practice.grade(.order([0, 1, 2, 3]), for: q).points == 1)
        #expect(practice.grade(.order([0, 1, 3, 2]), for: q).points == 0.5)
        #expect(exam.grade(.order([0, 1, 3, 2]), for: q).points == 0)
    }

    @Test(arguments: ["169.254.169.254", "  169.254.169.254 ", "`169.254.169.254`", "HTTP://169.254.169.254"])
    func shortAnswerVariants(text: String) {
        #expect(practice.grade(.text(text), for: quiz.questions[4]).isCorrect)
    }

    @Test func shortAnswerWrong() {
        #expect(!practice.grade(.text("169.254.169.253"), for: quiz.questions[4]).isCorrect)
        #expect(!practice.grade(.choices([0]), for: quiz.questions[4]).isCorrect, "an answer of the wrong shape is never right")
    }
}

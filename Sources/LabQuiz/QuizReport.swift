import Foundation

/// The outcome of a quiz session, ready for the screen or as JSON for instructors' scripts.
public struct QuizReport: Codable, Sendable, Equatable {
    public enum Ending: String, Codable, Sendable { case finished, submitted, quit, timeUp = "time-up", interrupted }

    public struct Objective: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var earned: Double
        public var possible: Int
        public var percent: Int
    }

    public struct Result: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var objective: String
        public var lesson: String
        public var kind: String
        public var answered: Bool
        public var points: Double
        public var correct: Bool
        public var answer: String?
        public var rightAnswer: String
        public var explanation: String
    }

    public var quiz: String
    public var title: String
    public var mode: String
    public var seed: UInt64
    public var ending: Ending
    public var questions: Int
    public var answered: Int
    public var points: Double
    /// Points over all questions of the session, in percent (unanswered count as zero).
    public var percent: Int
    public var passMark: Int
    public var passed: Bool
    public var seconds: Int
    public var objectives: [Objective]
    public var results: [Result]

    init(session: QuizSession, ending: Ending, finishedAt: Date) {
        quiz = session.quiz.id
        title = session.quiz.title
        mode = session.mode.rawValue
        seed = session.seed
        self.ending = ending
        questions = session.items.count
        answered = session.answeredCount
        points = session.grades.compactMap { $0?.points }.reduce(0, +)
        percent = questions == 0 ? 0 : Int((points / Double(questions) * 100).rounded(.down))
        passMark = session.quiz.pass
        passed = percent >= passMark
        seconds = Int(finishedAt.timeIntervalSince(session.startedAt))
        var byObjective: [String: (Double, Int)] = [:]
        var order: [String] = []
        results = session.items.enumerated().map { index, item in
            let q = item.question
            let grade = session.grades[index]
            if byObjective[q.objective] == nil { order.append(q.objective) }
            byObjective[q.objective, default: (0, 0)].0 += grade?.points ?? 0
            byObjective[q.objective, default: (0, 0)].1 += 1
            return Result(id: q.id, title: q.title, objective: q.objective, lesson: q.lesson, kind: q.kind.rawValue,
                          answered: session.answers[index] != nil, points: grade?.points ?? 0, correct: grade?.isCorrect ?? false,
                          answer: session.answers[index].map { Self.describe($0, item: item) },
                          rightAnswer: Self.rightAnswer(item), explanation: q.explanation.map(\.plainText).joined(separator: "\n"))
        }
        objectives = order.sorted().map { id in
            let (earned, possible) = byObjective[id]!
            return Objective(id: id, title: session.objectiveTitles[id] ?? id, earned: earned, possible: possible, percent: Int((earned / Double(possible) * 100).rounded(.down)))
        }
    }

    /// Letters as shown to the learner, so the report speaks their language.
    public static func describe(_ answer: Answer, item: QuizSession.Item) -> String {
        func letter(_ stored: Int) -> String {
            guard let k = item.shown.firstIndex(of: stored) else { return "?" }
            return String(UnicodeScalar(UInt8(97 + k)))
        }
        switch answer {
        case .choices(let set): return set.map(letter).sorted().joined()
        case .order(let list): return list.map(letter).joined()
        case .text(let text): return text
        }
    }

    /// The right answer in the letters the learner saw.
    public static func rightAnswer(_ item: QuizSession.Item) -> String {
        let q = item.question
        switch q.kind {
        case .short: return q.accepted.first ?? ""
        case .order: return q.options.indices.map { stored in String(UnicodeScalar(UInt8(97 + item.shown.firstIndex(of: stored)!))) }.joined()
        default:
            return item.shown.enumerated().filter { q.options[$0.element].isCorrect }
                .map { "\(String(UnicodeScalar(UInt8(97 + $0.offset)))) \(q.options[$0.element].plainText)" }.joined(separator: "; ")
        }
    }
}

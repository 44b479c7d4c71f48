import Foundation

/// Spaced review with Leitner boxes: a right answer moves a question up a box (reviewed after 1, 2, 4, 8, 16 days),
/// a wrong one sends it back to box 1, due at once. Simple to explain to a learner and to reproduce by hand, which
/// matters more here than SM-2's or FSRS's finer tuning for a bank of a hundred questions.
public struct ReviewScheduler: Sendable {
    public static let intervals: [TimeInterval] = [1, 2, 4, 8, 16].map { $0 * 86_400 }

    public struct Card: Sendable, Equatable {
        public var questionID: String
        public var quizID: String
        /// 1...5
        public var box: Int
        public var due: Date
        public var lastCorrect: Bool
        public var answers: Int
    }

    public init() {}

    /// Replays answers (oldest first) into one card per question.
    public func cards(from answers: [(quizID: String, questionID: String, correct: Bool, at: Date)]) -> [Card] {
        var cards: [String: Card] = [:]
        var order: [String] = []
        for a in answers {
            var card = cards[a.questionID] ?? Card(questionID: a.questionID, quizID: a.quizID, box: 0, due: a.at, lastCorrect: false, answers: 0)
            if cards[a.questionID] == nil { order.append(a.questionID) }
            if a.correct {
                card.box = min(5, card.box + 1)
                card.due = a.at.addingTimeInterval(Self.intervals[card.box - 1])
            } else {
                card.box = 1
                card.due = a.at
            }
            card.lastCorrect = a.correct
            card.answers += 1
            cards[a.questionID] = card
        }
        return order.map { cards[$0]! }
    }

    /// Cards due at `now`: missed ones first, then the longest overdue.
    public func due(_ cards: [Card], now: Date) -> [Card] {
        cards.filter { $0.due <= now }.sorted {
            if $0.lastCorrect != $1.lastCorrect { return !$0.lastCorrect }
            return $0.due < $1.due
        }
    }

    /// How many are due by the end of today and by the end of tomorrow (in `calendar`'s time zone).
    public func summary(_ cards: [Card], now: Date, calendar: Calendar = .current) -> (today: Int, tomorrow: Int) {
        let startOfTomorrow = calendar.startOfDay(for: now).addingTimeInterval(86_400)
        let endOfTomorrow = startOfTomorrow.addingTimeInterval(86_400)
        let today = cards.filter { $0.due < startOfTomorrow }.count
        let tomorrow = cards.filter { $0.due >= startOfTomorrow && $0.due < endOfTomorrow }.count
        return (today, tomorrow)
    }
}

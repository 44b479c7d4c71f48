import Foundation

/// What `progress` shows, computed from the record: plain values, so the store and the screen stay apart.
public struct ProgressSummary: Sendable, Equatable, Codable {
    public struct QuizLine: Sendable, Equatable, Codable {
        public var quizID: String
        public var best: Int
        public var last: Int
        public var attempts: Int
        public var passed: Bool
    }

    public struct ObjectiveLine: Sendable, Equatable, Codable {
        public var id: String
        public var title: String
        public var percent: Int
        public var answered: Int
        public var total: Int
        /// Lessons behind the questions missed most recently in this objective.
        public var lessons: [String]
    }

    public var lessonsOpened: [String]
    /// Lessons read to their end.
    public var lessonsFinished: [String]
    public var lessonCount: Int
    public var quizzes: [QuizLine]
    public var objectives: [ObjectiveLine]
    public var weakest: [ObjectiveLine]
    public var dueToday: Int
    public var dueTomorrow: Int
    public var streakDays: Int
    public var answers: Int

    /// - Parameters:
    ///   - answers: (quiz, question, points, at), oldest first.
    ///   - questions: every known question: id -> (objective, lesson).
    public init(answers: [(quizID: String, questionID: String, points: Double, at: Date)],
                attempts: [(quizID: String, percent: Int, passed: Bool, at: Date)],
                lessonsOpened: [String], lessonsFinished: [String] = [], lessonIDs: [String], lessonEventDates: [Date],
                questions: [String: (objective: String, lesson: String)], objectiveTitles: [String: String],
                now: Date, calendar: Calendar = .current) {
        self.lessonsOpened = lessonIDs.filter { lessonsOpened.contains($0) }
        self.lessonsFinished = lessonIDs.filter { lessonsFinished.contains($0) }
        lessonCount = lessonIDs.count
        self.answers = answers.count
        var byQuiz: [String: [(Int, Bool)]] = [:]
        var quizOrder: [String] = []
        for a in attempts {
            if byQuiz[a.quizID] == nil { quizOrder.append(a.quizID) }
            byQuiz[a.quizID, default: []].append((a.percent, a.passed))
        }
        quizzes = quizOrder.map { id in
            let list = byQuiz[id]!
            return QuizLine(quizID: id, best: list.map(\.0).max() ?? 0, last: list.last?.0 ?? 0, attempts: list.count, passed: list.contains { $0.1 })
        }
        // The latest answer per question is what the learner knows now.
        var latest: [String: Double] = [:]
        for a in answers { latest[a.questionID] = a.points }
        var lines: [String: (earned: Double, answered: Int, total: Int, missedLessons: [String: Int])] = [:]
        for (id, info) in questions {
            var line = lines[info.objective] ?? (0, 0, 0, [:])
            line.total += 1
            if let points = latest[id] {
                line.earned += points
                line.answered += 1
                if points < 1 { line.missedLessons[info.lesson, default: 0] += 1 }
            }
            lines[info.objective] = line
        }
        objectives = lines.keys.sorted().map { id in
            let l = lines[id]!
            let lessons = l.missedLessons.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
            return ObjectiveLine(id: id, title: objectiveTitles[id] ?? id, percent: l.answered == 0 ? 0 : Int((l.earned / Double(l.answered) * 100).rounded(.down)),
                                 answered: l.answered, total: l.total, lessons: lessons)
        }
        weakest = Array(objectives.filter { $0.answered > 0 && $0.percent < 100 }.sorted { ($0.percent, $0.id) < ($1.percent, $1.id) }.prefix(3))
        let cards = ReviewScheduler().cards(from: answers.map { ($0.quizID, $0.questionID, $0.points >= 1, $0.at) })
        (dueToday, dueTomorrow) = ReviewScheduler().summary(cards, now: now, calendar: calendar)
        // Days studied in a row, ending today (or yesterday, so the streak survives until the day is over).
        let days = Set((answers.map(\.at) + lessonEventDates).map { calendar.startOfDay(for: $0) })
        var day = calendar.startOfDay(for: now)
        if !days.contains(day) { day = day.addingTimeInterval(-86_400) }
        var streak = 0
        while days.contains(day) {
            streak += 1
            day = calendar.date(byAdding: .day, value: -1, to: day)!
        }
        streakDays = streak
    }
}

/// Which lessons are open: a lesson's check quiz passed (at its pass mark, 60% by default) unlocks the next lesson,
/// the rule of the seeds' self-checks. A lesson without a check quiz does not hold the next one back.
public struct LessonGate: Sendable, Equatable {
    public struct Check: Sendable, Equatable {
        public var quizID: String
        public var pass: Int
        public init(quizID: String, pass: Int) { self.quizID = quizID; self.pass = pass }
    }

    /// Why a lesson is locked: the lesson before it and the check quiz to pass.
    public struct Lock: Sendable, Equatable {
        public var previousLesson: String
        public var quizID: String
        public var pass: Int
    }

    public var lessonIDs: [String]
    public var checks: [String: Check]
    public var bestScores: [String: Int]
    public var unlockAll: Bool

    public init(lessonIDs: [String], checks: [String: Check], bestScores: [String: Int], unlockAll: Bool) {
        self.lessonIDs = lessonIDs
        self.checks = checks
        self.bestScores = bestScores
        self.unlockAll = unlockAll
    }

    /// True when the lesson's check quiz has been passed.
    public func passed(_ lessonID: String) -> Bool {
        guard let check = checks[lessonID] else { return false }
        return (bestScores[check.quizID] ?? -1) >= check.pass
    }

    /// nil when the lesson may be opened.
    public func lock(for lessonID: String) -> Lock? {
        guard !unlockAll, let index = lessonIDs.firstIndex(of: lessonID), index > 0 else { return nil }
        let previous = lessonIDs[index - 1]
        guard let check = checks[previous], !passed(previous) else { return nil }
        return Lock(previousLesson: previous, quizID: check.quizID, pass: check.pass)
    }
}

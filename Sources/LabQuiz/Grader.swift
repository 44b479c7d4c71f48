import Foundation

/// A learner's answer to one question, in terms of the options as the quiz stores them (not as shown).
public enum Answer: Sendable, Equatable, Codable {
    case choices(Set<Int>)
    case order([Int])
    case text(String)
}

/// The verdict on one answer.
public struct Grade: Sendable, Equatable {
    /// 0...1; partial credit only in practice mode.
    public var points: Double
    public var isCorrect: Bool { points >= 1 }
}

/// Grades answers. Practice gives partial credit on multiple select and ordering; exam mode is all or nothing.
public struct Grader: Sendable {
    public enum Mode: String, Sendable, Codable { case practice, exam }
    public var mode: Mode

    public init(mode: Mode) { self.mode = mode }

    public func grade(_ answer: Answer, for question: Question) -> Grade {
        let full: Double
        switch (question.kind, answer) {
        case (.single, .choices(let picked)), (.trueFalse, .choices(let picked)):
            full = picked == question.correctIndices ? 1 : 0
        case (.multiple, .choices(let picked)):
            let right = question.correctIndices
            if picked == right { full = 1 }
            else if mode == .exam { full = 0 }
            else {
                // Each right pick earns a share, each wrong pick takes one away, never below zero.
                let share = 1 / Double(right.count)
                let earned = Double(picked.intersection(right).count) - Double(picked.subtracting(right).count)
                full = max(0, earned * share)
            }
        case (.order, .order(let sequence)):
            let correct = Array(question.options.indices)
            if sequence == correct { full = 1 }
            else if mode == .exam { full = 0 }
            else {
                let inPlace = zip(sequence, correct).filter { $0 == $1 }.count
                full = Double(inPlace) / Double(correct.count)
            }
        case (.short, .text(let text)):
            let given = Self.normalise(text)
            full = question.accepted.contains { Self.normalise($0) == given } ? 1 : 0
        default:
            full = 0
        }
        return Grade(points: full)
    }

    /// Case and surrounding space are ignored; inner runs of space count as one; backticks are not part of answers.
    static func normalise(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "").lowercased()
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

import Foundation
import LabKit

/// A quiz being taken: which questions in which order, the options as shown, answers, marks and the clock.
/// Pure state: the CLI reads input and renders; the same seed always gives the same session.
public final class QuizSession {
    /// A question as this learner sees it: `shown[k]` is the stored option index displayed as letter k.
    public struct Item: Sendable {
        public var question: Question
        public var shown: [Int]
    }

    /// What a line typed at a question means.
    public enum Input: Equatable {
        case answer(Answer)
        case hint, skip, back, quit, mark, review, submit, next
        case goto(Int)
        case invalid(String)
    }

    public let quiz: Quiz
    public let mode: Grader.Mode
    public let seed: UInt64
    public let items: [Item]
    public let startedAt: Date
    public let deadline: Date?
    private let clock: LabClock
    public private(set) var answers: [Answer?]
    public private(set) var grades: [Grade?]
    public private(set) var marked: Set<Int> = []
    public private(set) var hintsUsed: Set<Int> = []
    public var current = 0
    /// Objective titles for reports (from objectives.yml).
    public var objectiveTitles: [String: String] = [:]

    public init(quiz: Quiz, mode: Grader.Mode, seed: UInt64, count: Int? = nil, objective: String? = nil,
                minutes: Double? = nil, keepOrder: Bool = false, clock: LabClock = SystemClock()) throws {
        var rng = SeededGenerator(seed: seed)
        var pool = quiz.questions
        if let objective {
            pool = pool.filter { $0.objective == objective }
            if pool.isEmpty { throw QuizError.noQuestions(filter: "objective '\(objective)'") }
        }
        // Case-study questions stay together, in their order, so the shared text reads once.
        var groups: [[Question]] = []
        for question in pool {
            if let c = question.caseStudy, let last = groups.last?.last, last.caseStudy == c { groups[groups.count - 1].append(question) }
            else { groups.append([question]) }
        }
        if !keepOrder { groups.shuffle(using: &rng) }
        var chosen = Array(groups.joined())
        if let count, count > 0, count < chosen.count { chosen = Array(chosen.prefix(count)) }
        items = chosen.map { question in
            var shown = Array(question.options.indices)
            switch question.kind {
            case .trueFalse, .short:
                break
            case .order:
                // Never show the steps already in order.
                repeat { shown.shuffle(using: &rng) } while shown == Array(question.options.indices) && shown.count > 1
            case .single, .multiple:
                shown.shuffle(using: &rng)
            }
            return Item(question: question, shown: shown)
        }
        self.quiz = quiz
        self.mode = mode
        self.seed = seed
        self.clock = clock
        startedAt = clock.now()
        deadline = mode == .exam ? startedAt.addingTimeInterval((minutes ?? quiz.minutes) * 60) : nil
        answers = Array(repeating: nil, count: items.count)
        grades = Array(repeating: nil, count: items.count)
    }

    public var now: Date { clock.now() }
    public var timeRemaining: TimeInterval? { deadline.map { max(0, $0.timeIntervalSince(clock.now())) } }
    public var isTimeUp: Bool { timeRemaining == 0 }
    public var answeredCount: Int { answers.compactMap { $0 }.count }

    /// The letters a learner may type for an item ("a" to "d").
    public func letters(for index: Int) -> [String] {
        items[index].shown.indices.map { String(UnicodeScalar(UInt8(97 + $0))) }
    }

    /// Reads a typed line: a command word or an answer; anything else is invalid with the valid choices named.
    public func interpret(_ line: String, at index: Int) -> Input {
        let text = line.trimmed
        let lower = text.lowercased()
        switch lower {
        case "hint", "h": return .hint
        case "skip", "s": return mode == .exam ? .next : .skip
        case "back", "prev", "p": return .back
        case "quit", "q", "exit": return .quit
        case "mark", "m": return mode == .exam ? .mark : .invalid("'mark' is for exam mode")
        case "review", "r": return mode == .exam ? .review : .invalid("'review' is for exam mode")
        case "submit": return mode == .exam ? .submit : .invalid("'submit' is for exam mode")
        case "next", "n": return .next
        default: break
        }
        if lower.hasPrefix("goto ") || lower.hasPrefix("#"), let n = Int(lower.drop { !$0.isNumber }) { return .goto(n) }
        let item = items[index]
        let letters = letters(for: index)
        let valid = "answer with " + describe(letters, kind: item.question.kind)
        switch item.question.kind {
        case .short:
            return text.isEmpty ? .invalid("type your answer (or hint, skip, back, quit)") : .answer(.text(text))
        case .trueFalse:
            switch lower {
            case "t", "true", "a", "yes": return .answer(.choices([item.shown[0]]))
            case "f", "false", "b", "no": return .answer(.choices([item.shown[1]]))
            default: return .invalid("answer with t (true) or f (false)")
            }
        case .single, .multiple, .order:
            let picked = lower.filter { !$0.isWhitespace && $0 != "," && $0 != ")" }.map(String.init)
            guard !picked.isEmpty, picked.allSatisfy(letters.contains) else { return .invalid(valid) }
            let indices = picked.map { item.shown[letters.firstIndex(of: $0)!] }
            switch item.question.kind {
            case .single:
                return picked.count == 1 ? .answer(.choices(Set(indices))) : .invalid("one letter only: \(valid)")
            case .multiple:
                return Set(picked).count == picked.count ? .answer(.choices(Set(indices))) : .invalid("each letter once: \(valid)")
            default:
                return Set(picked).count == letters.count && picked.count == letters.count
                    ? .answer(.order(indices)) : .invalid("put all \(letters.count) letters in order, each once, like \(letters.reversed().joined())")
            }
        }
    }

    private func describe(_ letters: [String], kind: Question.Kind) -> String {
        let list = "\(letters.first ?? "a") to \(letters.last ?? "d")"
        switch kind {
        case .single: return "one letter from \(list) (or hint, skip, back, quit)"
        case .multiple: return "all the right letters from \(list), like \(letters.prefix(2).joined())"
        case .order: return "the letters \(list) in the right order, like \(letters.reversed().joined())"
        case .trueFalse: return "t or f"
        case .short: return "your answer"
        }
    }

    /// Records an answer and grades it under this session's mode.
    @discardableResult
    public func record(_ answer: Answer, at index: Int) -> Grade {
        let grade = Grader(mode: mode).grade(answer, for: items[index].question)
        answers[index] = answer
        grades[index] = grade
        return grade
    }

    public func toggleMark(_ index: Int) { if marked.contains(index) { marked.remove(index) } else { marked.insert(index) } }
    public func noteHint(_ index: Int) { hintsUsed.insert(index) }

    /// The result: total, pass or fail, a line per objective, every missed question.
    public func report(endedBy reason: QuizReport.Ending) -> QuizReport {
        QuizReport(session: self, ending: reason, finishedAt: clock.now())
    }
}

import Foundation
import LabContent
import LabKit
import LabQuiz
import LabTerminal

/// Turns quiz values into terminal lines: questions, feedback, the review list and the score report.
struct QuizPresenter {
    var style: OutputStyle
    var console: Console
    var objectiveTitles: [String: String]

    var renderer: MarkdownRenderer { MarkdownRenderer(style: style) }
    var wrapper: TextWrapper { TextWrapper(style: style) }

    static func letter(_ k: Int) -> String { String(UnicodeScalar(UInt8(97 + k))) }

    func kindLabel(_ kind: Question.Kind) -> String {
        switch kind {
        case .single: return "choose one"
        case .multiple: return "choose all that apply: type the letters, like ac"
        case .trueFalse: return "true or false: type t or f"
        case .order: return "put in order: type the letters in order"
        case .short: return "type a short answer"
        }
    }

    func caseStudy(_ study: CaseStudy) -> [String] {
        [console.paint("Case study: \(study.title)", "1;35")] + renderer.render(MarkdownDocument(blocks: study.body)) + [""]
    }

    func question(_ session: QuizSession, index: Int, answered: Answer? = nil) -> [String] {
        let item = session.items[index]
        let q = item.question
        var status = "Question \(index + 1) of \(session.items.count)"
        if let remaining = session.timeRemaining { status += " · \(Self.clock(remaining)) left" }
        if session.marked.contains(index) { status += " · marked for review" }
        var lines = ["", console.paint(status, "2"), console.paint(q.title, "1")]
        if let asks = q.asks { lines.append(console.paint("(This question asks about the \(asks == "exam" ? "exam's answer" : "real platform").)", "33")) }
        lines += renderer.render(MarkdownDocument(blocks: q.stem))
        lines.append("")
        for (k, stored) in item.shown.enumerated() where q.kind != .short {
            let chosen: Bool
            switch answered {
            case .choices(let set)?: chosen = set.contains(stored)
            default: chosen = false
            }
            let marker = "  \(Self.letter(k))) "
            let runs = renderer.runs(q.options[stored].text)
            let prefix = chosen ? (style.plain ? "  chosen: \(Self.letter(k))) " : "* \(Self.letter(k))) ") : marker
            lines += wrapper.wrap(runs, width: style.width, firstPrefix: prefix, prefix: "     ")
        }
        if case .order(let list)? = answered {
            lines.append("  your order: " + list.map { stored in Self.letter(item.shown.firstIndex(of: stored)!) }.joined())
        } else if case .text(let t)? = answered {
            lines.append("  your answer: \(t)")
        }
        lines.append(console.paint("(\(kindLabel(q.kind)); or hint, skip, back, quit\(session.mode == .exam ? ", mark, review, submit" : ""))", "2"))
        return lines
    }

    func feedback(_ session: QuizSession, index: Int, answer: Answer, grade: Grade) -> [String] {
        let item = session.items[index]
        let q = item.question
        var lines: [String] = [""]
        if grade.isCorrect {
            lines.append(console.paint(style.unicode ? "✓ Right." : "Right.", "1;32"))
        } else if grade.points > 0 {
            lines.append(console.paint("Partly right: \(Self.points(grade.points)) of 1 point.", "1;33") + " The full answer: " + QuizReport.rightAnswer(item))
        } else {
            lines.append(console.paint(style.unicode ? "✗ Not right." : "Wrong.", "1;31") + " The answer: " + QuizReport.rightAnswer(item))
        }
        if case .choices(let picked) = answer {
            for stored in item.shown where picked.contains(stored) && !q.options[stored].isCorrect && !q.options[stored].rationale.isEmpty {
                let k = item.shown.firstIndex(of: stored)!
                let why = q.options[stored].rationale.map(\.plainText).joined(separator: " ")
                lines += wrapper.wrap([StyledRun("You chose \(Self.letter(k)): ", sgr: ["1"]), StyledRun(why)], width: style.width)
            }
        }
        if !q.explanation.isEmpty {
            lines += wrapper.wrap([StyledRun("Why: ", sgr: ["1"])] + renderer.runs(Self.inlines(q.explanation.first!)), width: style.width)
            if q.explanation.count > 1 { lines += renderer.render(MarkdownDocument(blocks: Array(q.explanation.dropFirst()))) }
        }
        lines.append(console.paint("Lesson: \(q.lesson)", "2"))
        return lines
    }

    static func inlines(_ block: MarkdownBlock) -> [MarkdownInline] {
        if case .paragraph(let inlines) = block.kind { return inlines }
        return [.text(block.plainText)]
    }

    func review(_ session: QuizSession) -> [String] {
        var lines = ["", "Review: \(session.answeredCount) of \(session.items.count) answered, \(session.marked.count) marked."]
        for (index, item) in session.items.enumerated() {
            let answered = session.answers[index] != nil ? "answered" : "NOT ANSWERED"
            let mark = session.marked.contains(index) ? ", marked" : ""
            lines.append("  \(String(index + 1).leftPadded(to: 3)). \(answered)\(mark): \(item.question.title)")
        }
        lines.append("Type 'goto N' to change an answer, or 'submit' to finish.")
        return lines
    }

    func report(_ report: QuizReport, session: QuizSession) -> [String] {
        var lines = [""]
        let verdict = report.passed ? "PASSED" : "NOT PASSED"
        lines.append(console.paint("\(report.title): \(Self.points(report.points)) of \(report.questions) points, \(report.percent)%. Pass mark \(report.passMark)%: \(verdict).", report.passed ? "1;32" : "1;31"))
        if report.ending == .timeUp { lines.append("Time was up; unanswered questions count as wrong.") }
        if report.ending == .quit || report.ending == .interrupted { lines.append("Stopped after \(report.answered) of \(report.questions) questions; the score counts the rest as unanswered.") }
        lines.append("")
        lines.append("By objective:")
        let titleWidth = report.objectives.map(\.id.count).max() ?? 10
        for objective in report.objectives {
            let title = objectiveTitles[objective.id] ?? objective.id
            let short = objective.id
            let counts = "\(Self.points(objective.earned)) of \(objective.possible)"
            if style.plain {
                lines.append("  \(title): \(objective.percent) percent, \(counts).")
            } else {
                lines.append("  \(short.rightPadded(to: titleWidth))  \(bar(objective.percent))  \(String(objective.percent).leftPadded(to: 3))%  \(counts)")
            }
        }
        // Stopping early leaves the rest unanswered: list only what was answered wrong, not what was never seen.
        let stoppedEarly = report.ending == .quit || report.ending == .interrupted
        let missed = report.results.enumerated().filter { !$0.element.correct && ($0.element.answered || !stoppedEarly) }
        if !missed.isEmpty {
            lines.append("")
            lines.append("To go over (\(missed.count)):")
            for (index, result) in missed {
                let given = result.answer.map { "you answered \($0)" } ?? "not answered"
                lines += wrapper.wrap([StyledRun("\(index + 1). \(result.title)", sgr: ["1"]), StyledRun(" (\(given); right: \(result.rightAnswer))")],
                                      width: style.width, firstPrefix: "  ", prefix: "     ")
                lines += wrapper.wrap([StyledRun(result.explanation)], width: style.width, firstPrefix: "     ", prefix: "     ")
                lines.append(console.paint("     Lesson: \(result.lesson)", "2"))
            }
        }
        lines.append("")
        lines.append(console.paint("Seed \(report.seed): 'lab quiz \(report.quiz) --seed \(report.seed)' gives the same questions in the same order.", "2"))
        return lines
    }

    func bar(_ percent: Int) -> String {
        let filled = max(0, min(10, percent / 10))
        let (full, empty) = style.unicode ? ("█", "░") : ("#", "-")
        return "[" + String(repeating: full, count: filled) + String(repeating: empty, count: 10 - filled) + "]"
    }

    static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func clock(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded(.up))
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}

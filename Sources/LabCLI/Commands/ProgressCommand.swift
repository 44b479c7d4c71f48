import ArgumentParser
import Foundation
import LabKit
import LabQuiz
import LabStore
import LabTokens
import LabTerminal

/// `progress`: lessons done, quiz scores, a bar per objective, the weakest objectives, reviews due, the streak.
public struct ProgressCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "progress", abstract: "Your record: lessons, quiz scores, objectives, reviews due, streak.",
        subcommands: [ProgressExportCommand.self, ProgressResetCommand.self])
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        let summary = try Self.summary(session, now: Date())
        session.console.print(Self.render(summary, session: session))
    }

    static func summary(_ session: LabSession, now: Date) throws -> ProgressSummary {
        let store = try session.store()
        let library = try session.library()
        let quizzes = try session.quizzes()
        var questions: [String: (objective: String, lesson: String)] = [:]
        var titles: [String: String] = [:]
        for quiz in quizzes.entries.compactMap(\.quiz) {
            for q in quiz.questions { questions[q.id] = (q.objective, q.lesson) }
            for (id, title) in quizzes.objectives[quiz.exam] ?? [:] { titles[id] = title }
        }
        let events = try store.lessonEvents()
        return ProgressSummary(
            answers: try store.answers().map { ($0.quizID, $0.questionID, $0.points, $0.at) },
            attempts: try store.attempts().map { ($0.quizID, $0.percent, $0.passed, $0.at) },
            lessonsOpened: events.map(\.lessonID), lessonsFinished: events.filter { $0.kind == "finished" }.map(\.lessonID), lessonIDs: library.lessons.map(\.id), lessonEventDates: events.map(\.at),
            questions: questions, objectiveTitles: titles, now: now)
    }

    static func render(_ s: ProgressSummary, session: LabSession) -> [String] {
        let console = session.console
        let style = session.style
        var lines = [console.paint("Progress for \(session.profileName)", "1"), ""]
        lines.append("Lessons: \(s.lessonsOpened.count) of \(s.lessonCount) opened, \(s.lessonsFinished.count) read to the end" + (s.lessonsOpened.isEmpty ? "." : ": \(s.lessonsOpened.joined(separator: ", "))."))
        if s.quizzes.isEmpty {
            lines.append("Quizzes: none taken yet ('quizzes' lists them).")
        } else {
            lines.append("Quizzes:")
            for q in s.quizzes {
                lines.append("  \(q.quizID.rightPadded(to: 30)) best \(String(q.best).leftPadded(to: 3))%  last \(String(q.last).leftPadded(to: 3))%  \(q.attempts) attempt\(q.attempts == 1 ? "" : "s")\(q.passed ? "  passed" : "")")
            }
        }
        let grades = (try? session.store().simGrades()) ?? []
        if grades.isEmpty {
            lines.append("Simulator: no lab graded yet ('sim list' shows them).")
        } else {
            lines.append("Simulator labs:")
            var order: [String] = []
            for g in grades where !order.contains(g.scenarioID) { order.append(g.scenarioID) }
            for id in order {
                let mine = grades.filter { $0.scenarioID == id }
                let best = mine.map(\.score).max() ?? 0
                let solved = mine.contains(where: \.solved)
                lines.append("  \(id.rightPadded(to: 30)) best \(String(best).leftPadded(to: 3))%  \(mine.count) grade\(mine.count == 1 ? "" : "s")\(solved ? "  solved" : "")")
            }
        }
        lines.append("")
        lines.append("By objective (your latest answer to each question):")
        let width = s.objectives.map(\.id.count).max() ?? 10
        for o in s.objectives {
            if style.plain {
                lines.append("  \(o.title): \(o.percent) percent, \(o.answered) of \(o.total) questions answered.")
            } else {
                let filled = max(0, min(10, o.percent / 10))
                let (full, empty) = style.unicode ? ("█", "░") : ("#", "-")
                let bar = o.answered == 0 ? String(repeating: " ", count: 12) : "[" + String(repeating: full, count: filled) + String(repeating: empty, count: 10 - filled) + "]"
                let percent = o.answered == 0 ? "   -" : String(o.percent).leftPadded(to: 3) + "%"
                lines.append("  \(o.id.rightPadded(to: width))  \(bar)  \(percent)  \(o.answered) of \(o.total) answered")
            }
        }
        if !s.weakest.isEmpty {
            lines.append("")
            lines.append("Weakest objectives, and the lessons to revisit:")
            for o in s.weakest {
                lines += TextWrapper(style: style).wrap([StyledRun("\(o.id) (\(o.percent)%): "), StyledRun(o.lessons.isEmpty ? "review the questions" : o.lessons.joined(separator: ", "))],
                                                        width: style.width, firstPrefix: "  ", prefix: "    ")
            }
        }
        lines.append("")
        lines.append("Reviews: \(s.dueToday) due today, \(s.dueTomorrow) tomorrow ('review' asks them).")
        lines.append("Days studied in a row: \(s.streakDays).")
        return lines
    }
}

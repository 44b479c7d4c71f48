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

/// `progress export --json|--csv`: the whole record, for the learner or an instructor's spreadsheet.
public struct ProgressExportCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "export", abstract: "Print your record as JSON or CSV.")
    @OptionGroup public var global: GlobalOptions
    @Flag(help: "JSON (the default).") public var json = false
    @Flag(help: "CSV, one line per answer.") public var csv = false
    public init() {}

    public func validate() throws { if json && csv { throw ValidationError("choose --json or --csv") } }

    public func execute(in session: LabSession) throws {
        let store = try session.store()
        if csv {
            var lines = ["profile,quiz,question,answer,points,correct,seconds,mode,at"]
            let iso = ISO8601DateFormatter()
            func field(_ s: String) -> String { s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"\(s.replacingOccurrences(of: "\"", with: "\"\""))\"" : s }
            for a in try store.answers() {
                lines.append([session.profileName, a.quizID, a.questionID, a.answer, String(a.points), a.correct ? "true" : "false",
                              String(format: "%.1f", a.seconds), a.mode, iso.string(from: a.at)].map(field).joined(separator: ","))
            }
            session.console.print(lines)
            return
        }
        struct Export: Encodable { var profile: String; var lessons: [LessonRecord]; var answers: [AnswerRecord]; var attempts: [AttemptRecord] }
        try session.console.printJSON(Export(profile: session.profileName, lessons: try store.lessonEvents(),
                                             answers: try store.answers(), attempts: try store.attempts()))
    }
}

/// `progress reset [--yes]`: forgets this profile's record, after asking when a person is there.
public struct ProgressResetCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "reset", abstract: "Forget your record (asks first unless --yes).")
    @OptionGroup public var global: GlobalOptions
    @Flag(help: "Do not ask.") public var yes = false
    public init() {}

    public func execute(in session: LabSession) throws {
        let store = try session.store()
        if !yes {
            guard TerminalInfo.stdinIsTerminal else {
                throw LabCLIError.badLine("progress reset needs --yes when not at a terminal; nothing was deleted")
            }
            session.console.print("This deletes every lesson, answer and quiz result of profile '\(session.profileName)'. Type 'yes' to go on:")
            guard case .line(let answer) = session.reader().readLine(prompt: "> "), answer.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                session.console.print("Nothing was deleted.")
                return
            }
        }
        try store.reset()
        session.console.print("The record of profile '\(session.profileName)' is empty now.")
    }
}

/// `review`: the questions due for spaced review, missed ones first, as a practice session.
public struct ReviewCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "review", abstract: "Practise the questions due for review (missed ones first).")
    @OptionGroup public var global: GlobalOptions
    @Option(help: "Ask at most this many.") public var count: Int = 20
    public init() {}

    public func execute(in session: LabSession) throws {
        let store = try session.store()
        let quizzes = try session.quizzes()
        let now = Date()
        let scheduler = ReviewScheduler()
        let cards = scheduler.cards(from: try store.answers().map { ($0.quizID, $0.questionID, $0.points >= 1, $0.at) })
        let due = scheduler.due(cards, now: now)
        let (today, tomorrow) = scheduler.summary(cards, now: now)
        var byID: [String: (Question, Quiz)] = [:]
        for quiz in quizzes.entries.compactMap(\.quiz) { for q in quiz.questions { byID[q.id] = (q, quiz) } }
        let chosen = due.compactMap { byID[$0.questionID] }.prefix(max(1, count))
        guard let first = chosen.first else {
            let next = cards.map(\.due).filter { $0 > now }.min()
            session.console.print("Nothing is due for review. \(tomorrow) due tomorrow." + (next.map { " Next: \(TimeText.relativeWords($0.timeIntervalSince(now)))." } ?? " Answer some quiz questions first."))
            return
        }
        session.console.print("\(today) due today (\(chosen.count) now), \(tomorrow) tomorrow.")
        var cases: [String: CaseStudy] = [:]
        for (_, quiz) in chosen { cases.merge(quiz.cases) { a, _ in a } }
        let reviewQuiz = Quiz(id: "review", title: "Review", exam: first.1.exam, pass: 60, minutes: 30, lesson: nil,
                              questions: chosen.map(\.0), cases: cases, file: "review")
        let quizSession = try QuizSession(quiz: reviewQuiz, mode: .practice, seed: UInt64(now.timeIntervalSince1970), keepOrder: true)
        let presenter = QuizPresenter(style: session.style, console: session.console, objectiveTitles: quizzes.objectives[first.1.exam] ?? [:])
        let runner = QuizRunner(quiz: quizSession, reader: session.reader(), presenter: presenter,
                                interactive: TerminalInfo.stdinIsTerminal && session.console.captured == nil) { session.console.print($0) }
        runner.recordAnswers(to: store, mode: "review", console: session.console) { byID[$0.question.id]?.1.id ?? "review" }
        let report = runner.run()
        session.console.print(presenter.report(report, session: quizSession))
    }
}

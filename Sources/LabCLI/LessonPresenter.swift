import LabContent
import LabKit
import LabQuiz
import LabTerminal

/// Turns lessons into terminal lines: the course list, a lesson page, search results.
struct LessonPresenter {
    var style: OutputStyle
    var console: Console

    func list(_ library: LessonLibrary, read: Set<String>, current: String?, gate: LessonGate) -> [String] {
        guard !library.entries.isEmpty else { return ["No lessons yet: the Lessons/ folder is empty."] }
        let total = library.entries.compactMap(\.lesson).reduce(0) { $0 + $1.minutes }
        var lines = ["Lessons (\(library.entries.count), about \(total) minutes in all)", ""]
        let titleWidth = min(44, library.entries.map { ($0.declaredTitle ?? $0.file).count }.max() ?? 20)
        for entry in library.entries {
            let number = String(entry.number).leftPadded(to: 2)
            if entry.isBroken {
                let first = entry.diagnostics.first { $0.severity == .error }?.description ?? "cannot be read"
                let label = console.paint("broken", "1;31")
                if style.plain {
                    lines.append("\(entry.number). Broken lesson \(entry.file): \(first)")
                } else {
                    lines.append("\(number). [\(label)] \(entry.declaredTitle ?? entry.file)")
                    lines += TextWrapper(style: style).wrap([StyledRun(first)], width: style.width, firstPrefix: "          ", prefix: "          ")
                }
                continue
            }
            guard let lesson = entry.lesson else { continue }
            let locked = gate.lock(for: lesson.id) != nil
            let done = read.contains(lesson.id) || gate.passed(lesson.id)
            let isCurrent = current == lesson.id
            if style.plain {
                lines.append("\(entry.number). \(lesson.title), \(lesson.minutes) minutes, \(locked ? "locked" : gate.passed(lesson.id) ? "passed" : done ? "done" : "new")\(isCurrent ? ", current" : ""). Id: \(lesson.id).")
                continue
            }
            // "done" and "new " have the same width, so the titles line up with or without the symbols.
            let mark: String
            if locked { mark = console.paint((style.unicode ? "⊘ " : "") + "lock", "2") }
            else if gate.passed(lesson.id) { mark = console.paint((style.unicode ? "★ " : "") + "pass", "1;32") }
            else if done { mark = console.paint((style.unicode ? "✓ " : "") + "done", "32") }
            else { mark = console.paint((style.unicode ? "• " : "") + "new ", "33") }
            let title = lesson.title.count > titleWidth ? String(lesson.title.prefix(titleWidth - 1)) + "…" : lesson.title
            let pointer = isCurrent ? (style.unicode ? "▸" : ">") : " "
            lines.append("\(pointer)\(number). \(mark)  \(title.rightPadded(to: titleWidth))  \(String(lesson.minutes).leftPadded(to: 2)) min  \(console.paint(lesson.id, "2"))")
        }
        lines.append("")
        lines.append("Open one with 'open <number or id>'; 'next' continues where you left off.")
        return lines
    }

    func lessonPage(_ lesson: Lesson, number: Int, of total: Int, library: LessonLibrary, check: LessonGate.Check? = nil) -> [String] {
        var lines: [String] = []
        let header = "Lesson \(number) of \(total) · \(lesson.minutes) min · \(lesson.id)"
        lines.append(console.paint(style.plain ? "Lesson \(number) of \(total), \(lesson.minutes) minutes." : header, "2"))
        lines.append("")
        lines += MarkdownRenderer(style: style).render(lesson.document)
        lines.append("")
        if let check {
            lines += TextWrapper(style: style).wrap([StyledRun("Check yourself: 'quiz \(check.quizID)'. \(check.pass)% or more marks this lesson passed and unlocks the next.", sgr: ["1"])], width: style.width)
        }
        if let next = library.neighbour(of: lesson.id, offset: 1) {
            lines += TextWrapper(style: style).wrap([StyledRun("End of lesson \(number). Next: 'next' opens \(library.number(of: next.id) ?? number + 1). \(next.title).", sgr: ["2"])], width: style.width)
        } else {
            lines += TextWrapper(style: style).wrap([StyledRun("End of lesson \(number), the last one. The course is complete when its check quiz passes; then try 'quiz az204 --exam'.", sgr: ["2"])], width: style.width)
        }
        return lines
    }

    func searchResults(_ hits: [LessonSearch.Hit], query: String) -> [String] {
        guard !hits.isEmpty else { return ["No lesson line contains all of: \(query)"] }
        var lines: [String] = ["\(hits.count) match\(hits.count == 1 ? "" : "es") for \"\(query)\":"]
        var lastLesson = -1
        let wrapper = TextWrapper(style: style)
        for hit in hits {
            if hit.lessonNumber != lastLesson {
                lines.append("")
                lines.append(console.paint("\(hit.lessonNumber). \(hit.lessonTitle)", "1") + console.paint(" (\(hit.lessonID))", "2"))
                lastLesson = hit.lessonNumber
            }
            let section = hit.section.map { "§ \($0)" } ?? ""
            let location = style.plain ? "Line \(hit.line)\(hit.section.map { ", section \($0)" } ?? ""): " : "  \(console.paint("line \(hit.line)", "2")) \(console.paint(section, "36")): "
            lines += wrapper.wrap(highlight(hit.text, query: query), width: style.width, firstPrefix: location, prefix: "      ")
        }
        return lines
    }

    /// Matching words in bold (and between » « when there is no colour, so the match is still visible).
    private func highlight(_ text: String, query: String) -> [StyledRun] {
        let words = query.lowercased().split(separator: " ").map(String.init)
        var runs: [StyledRun] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let lower = rest.lowercased()
            var best: (Range<String.Index>, String)?
            for word in words {
                if let r = lower.range(of: word) {
                    let offset = lower.distance(from: lower.startIndex, to: r.lowerBound)
                    let start = rest.index(rest.startIndex, offsetBy: offset)
                    let end = rest.index(start, offsetBy: word.count)
                    if best == nil || start < best!.0.lowerBound { best = (start..<end, word) }
                }
            }
            guard let (range, _) = best else { runs.append(StyledRun(String(rest))); break }
            runs.append(StyledRun(String(rest[rest.startIndex..<range.lowerBound])))
            let matched = String(rest[range])
            runs.append(StyledRun(style.colour || style.plain ? matched : "»\(matched)«", sgr: ["1", "33"]))
            rest = rest[range.upperBound...]
        }
        return runs
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    func rightPadded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

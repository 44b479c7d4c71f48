import Foundation
import LabContent
import LabKit

/// Reads a quiz bank written in the format of Quizzes/README.md and reports every problem with its line.
public struct QuizParser: Sendable {
    /// Objective ids per exam (from objectives.yml).
    public var objectives: [String: [String: String]]
    /// Lesson ids a question may name (written lessons and the course plan).
    public var lessonIDs: Set<String>

    public init(objectives: [String: [String: String]], lessonIDs: Set<String>) {
        self.objectives = objectives
        self.lessonIDs = lessonIDs
    }

    public struct Result: Sendable {
        public var quiz: Quiz?
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public func parse(source: String, file: String, expectedID: String? = nil) -> Result {
        var diagnostics: [Diagnostic] = []
        func error(_ line: Int, _ message: String) { diagnostics.append(Diagnostic(file: file, line: line, message: message)) }

        let split: FrontMatter.Split
        let front: FrontMatter
        do {
            split = try FrontMatter.split(source, file: file)
            guard let yaml = split.yaml else {
                return Result(quiz: nil, diagnostics: [Diagnostic(file: file, line: 1, message: "missing front matter: a quiz starts with '---', then id, title, exam, pass, then '---'")])
            }
            front = try FrontMatter.parse(yaml, firstLine: split.yamlFirstLine, file: file)
        } catch ContentError.invalid(let diagnostic) {
            return Result(quiz: nil, diagnostics: [diagnostic])
        } catch {
            return Result(quiz: nil, diagnostics: [Diagnostic(file: file, line: 1, message: error.localizedDescription)])
        }
        func field(_ key: String) -> String? { front.fields[key]?.value.string }
        func fieldLine(_ key: String) -> Int { front.fields[key]?.line ?? split.bodyLineOffset }

        let id = field("id") ?? ""
        if id.isEmpty { error(split.bodyLineOffset, "missing required front matter field 'id'") }
        if let expectedID, !id.isEmpty, id != expectedID { error(fieldLine("id"), "quiz id '\(id)' must match the file name '\(expectedID).md'") }
        let title = field("title") ?? ""
        if title.isEmpty { error(fieldLine("title"), "missing required front matter field 'title'") }
        let exam = field("exam") ?? ""
        let examObjectives = objectives[exam]
        if exam.isEmpty {
            error(fieldLine("exam"), "missing required front matter field 'exam'")
        } else if examObjectives == nil {
            error(fieldLine("exam"), "exam '\(exam)' has no objectives in Quizzes/objectives.yml (known: \(objectives.keys.sorted().joined(separator: ", ")))")
        }
        var pass = 60
        if let text = field("pass") {
            if let value = Int(text.replacingOccurrences(of: "%", with: "")), (1...100).contains(value) { pass = value } else { error(fieldLine("pass"), "pass must be a percentage from 1 to 100") }
        }
        var minutes: Double?
        if let text = field("minutes") {
            if let value = Double(text), value > 0 { minutes = value } else { error(fieldLine("minutes"), "minutes must be a positive number") }
        }
        let lesson = field("lesson")
        if let lesson, !lessonIDs.contains(lesson) { error(fieldLine("lesson"), "lesson '\(lesson)' is not in the course") }
        for key in front.keys where !["id", "title", "exam", "pass", "minutes", "lesson"].contains(key) {
            diagnostics.append(Diagnostic(file: file, line: fieldLine(key), severity: .warning, message: "unknown front matter field '\(key)'"))
        }

        let document = MarkdownParser(lineOffset: split.bodyLineOffset).parse(split.body)
        diagnostics += BlockChecker(file: file).check(document)
        var questions: [Question] = []
        var cases: [String: CaseStudy] = [:]
        var currentCase: CaseStudy?
        var pending: (title: String, line: Int, blocks: [MarkdownBlock])?
        var seen: [String: Int] = [:]

        func finishQuestion() {
            guard let p = pending else { return }
            pending = nil
            if let question = buildQuestion(title: p.title, line: p.line, blocks: p.blocks, caseID: currentCase?.id,
                                            file: file, objectives: examObjectives, into: &diagnostics) {
                if let first = seen[question.id] {
                    error(p.line, "duplicate question id '\(question.id)' (first used at line \(first))")
                } else {
                    seen[question.id] = p.line
                    questions.append(question)
                }
            }
        }
        for block in document.blocks {
            if case .heading(let level, let content) = block.kind, level <= 2 {
                finishQuestion()
                let text = content.plainText.trimmed
                if level == 1 {
                    if let c = currentCase { cases[c.id] = c }
                    if text.lowercased().hasPrefix("case study:") {
                        let name = String(text.dropFirst("case study:".count)).trimmed
                        currentCase = CaseStudy(id: Self.slug(name), title: name, body: [])
                    } else {
                        currentCase = nil
                    }
                } else {
                    pending = (text, block.line, [])
                }
                continue
            }
            if pending != nil {
                pending!.blocks.append(block)
            } else if currentCase != nil {
                currentCase!.body.append(block)
            }
        }
        finishQuestion()
        if let c = currentCase { cases[c.id] = c }
        if questions.isEmpty && !diagnostics.contains(where: { $0.severity == .error }) {
            error(split.bodyLineOffset + 1, "the quiz has no questions: start each with a '## ' heading")
        }
        let quiz = Quiz(id: id, title: title, exam: exam, pass: pass, minutes: minutes ?? max(1, Double(questions.count) * 1.5),
                        lesson: lesson, questions: questions, cases: cases, file: file)
        return Result(quiz: id.isEmpty ? nil : quiz, diagnostics: diagnostics)
    }

    // MARK: - One question

    private func buildQuestion(title: String, line: Int, blocks: [MarkdownBlock], caseID: String?, file: String,
                               objectives: [String: String]?, into diagnostics: inout [Diagnostic]) -> Question? {
        func error(_ at: Int, _ message: String) { diagnostics.append(Diagnostic(file: file, line: at, message: message)) }
        guard let first = blocks.first, case .paragraph(let fieldInlines) = first.kind,
              let fields = Self.fields(fieldInlines), fields["id"] != nil else {
            error(blocks.first?.line ?? line, "question '\(title)' needs its fields right after the heading: id: ... · objective: ... · lesson: ...")
            return nil
        }
        let fieldsLine = first.line
        let id = fields["id"] ?? ""
        if !Self.isSlug(id) {
            error(fieldsLine, "question id '\(id)' must be lower-case words and digits joined by hyphens")
        }
        let objective = fields["objective"] ?? ""
        if objective.isEmpty {
            error(fieldsLine, "question '\(id)' has no objective")
        } else if let objectives, objectives[objective] == nil {
            let hint = Suggestion.nearest(to: objective, in: Array(objectives.keys)).map { " (did you mean '\($0)'?)" } ?? ""
            error(fieldsLine, "question '\(id)': unknown objective '\(objective)'\(hint)")
        }
        let lesson = fields["lesson"] ?? ""
        if lesson.isEmpty {
            error(fieldsLine, "question '\(id)' has no lesson")
        } else if !lessonIDs.contains(lesson) {
            let hint = Suggestion.nearest(to: lesson, in: Array(lessonIDs)).map { " (did you mean '\($0)'?)" } ?? ""
            error(fieldsLine, "question '\(id)': lesson '\(lesson)' is not in the course\(hint)")
        }
        let asks = fields["asks"]
        if let asks, !["exam", "platform"].contains(asks) { error(fieldsLine, "question '\(id)': asks must be 'exam' or 'platform'") }
        for key in fields.keys where !["id", "objective", "lesson", "kind", "asks"].contains(key) {
            diagnostics.append(Diagnostic(file: file, line: fieldsLine, severity: .warning, message: "question '\(id)': unknown field '\(key)'"))
        }

        var stem: [MarkdownBlock] = []
        var options: [Question.Option] = []
        var ordered = false
        var optionsLine = line
        var accepted: [String]?
        var hint: String?
        var explanation: [MarkdownBlock]?
        for block in blocks.dropFirst() {
            if explanation != nil { explanation!.append(block); continue }
            if case .paragraph(let inlines) = block.kind {
                let text = inlines.plainText.trimmed
                if let rest = Self.labelled(text, "Explanation") {
                    var body = inlines
                    Self.dropLabel(&body)
                    explanation = rest.isEmpty ? [] : [MarkdownBlock(.paragraph(body), line: block.line, column: block.column)]
                    continue
                }
                if let rest = Self.labelled(text, "Hint") { hint = rest; continue }
                if let rest = Self.labelled(text, "Answer") {
                    accepted = Self.variants(inlines)
                    if rest.isEmpty || accepted!.isEmpty { error(block.line, "question '\(id)': 'Answer:' lists no accepted answer") }
                    continue
                }
            }
            if case .list(let isOrdered, _, _, let items) = block.kind, options.isEmpty,
               isOrdered || items.contains(where: { $0.task != nil }) {
                ordered = isOrdered && !items.contains { $0.task != nil }
                optionsLine = block.line
                for item in items {
                    var text: [MarkdownInline] = []
                    var rationale: [MarkdownBlock] = []
                    var itemLine = block.line
                    for (index, sub) in item.blocks.enumerated() {
                        if index == 0, case .paragraph(let inlines) = sub.kind {
                            text = inlines
                            itemLine = sub.line
                        } else if case .blockQuote(let quoted) = sub.kind {
                            rationale += quoted
                        } else {
                            rationale.append(sub)
                        }
                    }
                    if text.plainText.trimmed.isEmpty {
                        error(itemLine, "question '\(id)' has an empty option")
                    }
                    if !ordered && item.task == nil {
                        error(itemLine, "question '\(id)': every option needs a box, '- [x]' for right or '- [ ]' for wrong")
                    }
                    options.append(Question.Option(text: text, isCorrect: ordered || item.task == true, rationale: rationale, line: itemLine))
                }
                continue
            }
            if options.isEmpty && accepted == nil {
                stem.append(block)
            } else {
                error(block.line, "question '\(id)': text after the answers must start with 'Hint:' or 'Explanation:'")
            }
        }

        // The kind: as declared, or inferred from the answers.
        let declared = fields["kind"].map { Question.Kind(rawValue: $0) }
        if let declared, declared == nil { error(fieldsLine, "question '\(id)': unknown kind '\(fields["kind"]!)' (single, multiple, true-false, order, short)") }
        let correct = options.filter(\.isCorrect).count
        let isTrueFalse = options.count == 2 && Set(options.map { $0.plainText.lowercased() }) == ["true", "false"]
        let inferred: Question.Kind = accepted != nil ? .short : ordered ? .order : isTrueFalse ? .trueFalse : correct > 1 ? .multiple : .single
        let kind = (declared ?? nil) ?? inferred
        switch kind {
        case .short:
            if accepted == nil { error(fieldsLine, "question '\(id)' is a short answer but has no 'Answer:' line") }
        case .order:
            if !ordered { error(optionsLine, "question '\(id)': an order question lists its steps as a numbered list, in the right order") }
            if options.count < 3 { error(optionsLine, "question '\(id)': an order question needs at least 3 steps") }
        case .single, .trueFalse, .multiple:
            if options.isEmpty && accepted == nil {
                error(line, "question '\(id)' has no answers: list them as '- [x] right' and '- [ ] wrong'")
            } else if correct == 0 {
                error(optionsLine, "question '\(id)' has no right answer: mark one with '- [x]'")
            } else if kind != .multiple && correct > 1 {
                error(optionsLine, "question '\(id)' is \(kind == .single ? "single choice" : "true/false") but marks \(correct) answers right")
            } else if kind == .multiple && correct < 2 {
                error(optionsLine, "question '\(id)' is multiple select but marks only \(correct) answer right")
            }
            if kind == .trueFalse && !isTrueFalse { error(optionsLine, "question '\(id)': a true-false question has exactly the options True and False") }
            if kind != .trueFalse && options.count < 2 { error(optionsLine, "question '\(id)' needs at least two options") }
            let texts = options.map { $0.plainText.lowercased() }
            if Set(texts).count != texts.count { error(optionsLine, "question '\(id)' lists the same option twice") }
        }
        if explanation == nil || explanation!.isEmpty {
            error(line, "question '\(id)' has no 'Explanation:' saying why the right answer is right")
        }
        return Question(id: id, title: title, objective: objective, lesson: lesson, kind: kind, asks: asks, caseStudy: caseID,
                        stem: stem, options: options, accepted: accepted ?? [], hint: hint, explanation: explanation ?? [],
                        file: file, line: line)
    }

    /// `key: value` pairs split at line breaks and at " · ".
    static func fields(_ inlines: [MarkdownInline]) -> [String: String]? {
        var lines: [String] = [""]
        for inline in inlines {
            if inline == .softBreak || inline == .lineBreak { lines.append("") } else { lines[lines.count - 1] += inline.plainText }
        }
        var result: [String: String] = [:]
        for part in lines.flatMap({ $0.split(separator: "·", omittingEmptySubsequences: true) }) {
            let trimmed = part.trimmed
            if trimmed.isEmpty { continue }
            guard let colon = trimmed.firstIndex(of: ":") else { return nil }
            let key = trimmed[..<colon].trimmed.lowercased()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else { return nil }
            result[key] = trimmed[trimmed.index(after: colon)...].trimmed
        }
        return result.isEmpty ? nil : result
    }

    /// The text after `Label:` when a paragraph starts with it.
    static func labelled(_ text: String, _ label: String) -> String? {
        guard text.count > label.count, text.prefix(label.count + 1).lowercased() == label.lowercased() + ":" else { return nil }
        return String(text.dropFirst(label.count + 1)).trimmed
    }

    /// Removes a leading `Label:` (plain or bold) from a paragraph's inlines.
    static func dropLabel(_ inlines: inout [MarkdownInline]) {
        guard let first = inlines.first else { return }
        switch first {
        case .text(let text):
            if let colon = text.firstIndex(of: ":") {
                let rest = text[text.index(after: colon)...].drop { $0 == " " }
                if rest.isEmpty { inlines.removeFirst() } else { inlines[0] = .text(String(rest)) }
            }
        case .strong, .emphasis:
            inlines.removeFirst()
            if case .text(let t)? = inlines.first { inlines[0] = .text(String(t.drop { $0 == " " || $0 == ":" })) }
        default: break
        }
        while let head = inlines.first, head == .softBreak { inlines.removeFirst() }
    }

    /// Accepted variants of `Answer: a | b | c`; code spans count as their text.
    static func variants(_ inlines: [MarkdownInline]) -> [String] {
        var body = inlines
        dropLabel(&body)
        return body.plainText.components(separatedBy: "|").map { $0.trimmed }.filter { !$0.isEmpty }
    }

    /// Lower-case words and digits joined by single hyphens.
    static func isSlug(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, first != "-", last != "-", !text.contains("--") else { return false }
        return text.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func slug(_ text: String) -> String {
        text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { s, c in
            if c == "-" && (s.isEmpty || s.last == "-") { return }
            s.append(c)
        }.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}

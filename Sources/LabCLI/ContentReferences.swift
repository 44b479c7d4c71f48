import Foundation
import LabContent
import LabKit
import LabQuiz
import LabSim
import LabTokens

/// Checks what lessons point at: every line of a ```lab "try it" block must be a lab command, and the sample,
/// scenario, quiz, question, lesson or glossary entry it names must exist.
struct ContentReferences {
    var lessonIDs: Set<String>
    var quizzes: QuizLibrary
    var scenarioIDs: Set<String>
    var glossaryWords: Set<String>

    func check(_ lesson: Lesson) -> [Diagnostic] {
        var found: [Diagnostic] = []
        visit(lesson.document.blocks) { block in
            guard case .code(let language?, let text) = block.kind, language.lowercased() == "lab" else { return }
            for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                guard !line.isEmpty, !line.hasPrefix("#") else { continue }
                if let problem = problem(in: line) {
                    // The fence is block.line; the block's first line is the one after it.
                    found.append(Diagnostic(file: lesson.file, line: block.line + 1 + offset, message: problem))
                }
            }
        }
        return found
    }

    private func visit(_ blocks: [MarkdownBlock], _ body: (MarkdownBlock) -> Void) {
        for block in blocks {
            body(block)
            switch block.kind {
            case .blockQuote(let inner), .alert(_, let inner): visit(inner, body)
            case .list(_, _, _, let items): for item in items { visit(item.blocks, body) }
            default: break
            }
        }
    }

    /// What is wrong with one line of a try-it block, or nil.
    func problem(in line: String) -> String? {
        guard var words = try? CommandLineTokenizer.split(line), !words.isEmpty else { return "try-it line does not parse: \(line)" }
        if words[0] == "lab" { words.removeFirst() }
        guard let command = words.first else { return "empty try-it line" }
        guard CommandTable.names.contains(command) else {
            return "try-it line '\(line)': '\(command)' is not a lab command" + (Suggestion.nearest(to: command, in: CommandTable.names).map { " (did you mean '\($0)'?)" } ?? "")
        }
        let args = Array(words.dropFirst())
        switch command {
        case "inspect" where args.first == "sample":
            guard args.count > 1 else { return nil }
            let names = TokenSamples.all.map(\.name)
            return names.contains(args[1]) ? nil : "try-it line '\(line)': there is no token sample '\(args[1])' (samples: \(names.joined(separator: ", ")))"
        case "sim" where args.first == "start":
            guard args.count > 1 else { return "try-it line '\(line)': sim start needs a scenario id" }
            return scenarioIDs.contains(args[1]) ? nil : "try-it line '\(line)': there is no scenario '\(args[1])' in Lessons/labs"
                + (Suggestion.nearest(to: args[1], in: Array(scenarioIDs)).map { " (did you mean '\($0)'?)" } ?? "")
        case "quiz":
            guard let id = args.first else { return nil }
            guard let quiz = quizzes.entry(id: id)?.quiz else { return "try-it line '\(line)': there is no quiz '\(id)'" }
            var index = 1
            while index < args.count {
                if args[index] == "--question", index + 1 < args.count {
                    let question = args[index + 1]
                    if !quiz.questions.contains(where: { $0.id == question }) {
                        return "try-it line '\(line)': quiz \(id) has no question '\(question)'" + (Suggestion.nearest(to: question, in: quiz.questions.map(\.id)).map { " (did you mean '\($0)'?)" } ?? "")
                    }
                    index += 1
                }
                index += 1
            }
            return nil
        case "open":
            guard let id = args.first, Int(id) == nil else { return nil }
            return lessonIDs.contains(id) ? nil : "try-it line '\(line)': there is no lesson '\(id)'"
        case "glossary":
            guard let word = args.first else { return nil }
            return glossaryWords.contains(word.lowercased()) ? nil : "try-it line '\(line)': the glossary has no entry '\(word)'"
        default:
            return nil
        }
    }
}

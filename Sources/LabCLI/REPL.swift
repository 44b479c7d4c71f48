import ArgumentParser
import Foundation
import LabContent
import LabKit
import LabTerminal
import LabTokens

/// The interactive lab: reads lines (readline at a terminal, plain stdin from a pipe) and runs commands.
/// A mistake never ends the session; the exit status says whether every piped command succeeded.
public final class REPL {
    let session: LabSession
    let reader: LineReader
    let interactive: Bool
    private(set) var failures = 0

    public init(session: LabSession, reader: LineReader? = nil) {
        self.session = session
        let interactive = reader == nil && TerminalInfo.stdinIsTerminal
        self.interactive = interactive
        if let reader {
            self.reader = reader
        } else if interactive {
            try? session.paths.ensureStateDirectory()
            self.reader = ReadlineLineReader(historyFile: session.paths.historyFile, completer: Self.completer(for: session))
        } else {
            self.reader = PipeLineReader()
        }
        session.lineReader = self.reader
    }

    /// Runs until exit, quit or end of input; returns the process exit status.
    public func run() -> Int32 {
        if interactive { banner() }
        let prompt = interactive ? session.console.paint("lab", "1;36") + "> " : ""
        loop: while true {
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                break loop
            case .interrupted:
                continue
            case .line(let line):
                if case .stop = execute(line) { break loop }
            }
        }
        session.stopEmulator()
        return failures == 0 ? 0 : 1
    }

    enum Outcome { case ok, failed, stop }

    /// Runs one line; errors are printed, counted and never thrown.
    @discardableResult
    func execute(_ line: String) -> Outcome {
        var words: [String]
        do {
            words = try Self.inspectWords(line) ?? CommandLineTokenizer.split(line)
        } catch {
            return fail(LabCLIError.badLine("a quote is not closed in that line").localizedDescription)
        }
        guard let first = words.first, !first.hasPrefix("#") else { return .ok }
        switch first.lowercased() {
        case "exit", "quit", "q":
            return .stop
        case "help", "?":
            return help(Array(words.dropFirst()))
        default:
            break
        }
        guard CommandTable.command(named: first) != nil else {
            let suggestion = Suggestion.nearest(to: first, in: CommandTable.names + CommandTable.replWords)
            return fail(LabCLIError.unknownCommand(first, suggestion: suggestion).localizedDescription)
        }
        if let error = Self.runCommand(words, in: session) { return fail(error) }
        return .ok
    }

    /// Parses and runs one lab command in this session (the REPL's lines and the simulator's `imds ...`);
    /// `--help` output is printed; a failure comes back as the message to show, so a typo never ends the session.
    static func runCommand(_ words: [String], in session: LabSession) -> String? {
        let parsed: ParsableCommand
        do {
            parsed = try LabCommand.parseAsRoot(words)
        } catch {
            let message = LabCommand.fullMessage(for: error)
            if LabCommand.exitCode(for: error) == .success {
                session.console.print(message)
                return nil
            }
            return message.replacingOccurrences(of: "Error: ", with: "")
        }
        guard let command = parsed as? SessionCommand else { return nil }
        do {
            try command.execute(in: session)
            return nil
        } catch {
            return error.localizedDescription
        }
    }

    /// `inspect` takes a pasted token or JSON as it is: quotes and spaces in a JSON response are not shell syntax.
    static func inspectWords(_ line: String) -> [String]? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("inspect ") else { return nil }
        var rest = String(trimmed.dropFirst("inspect ".count)).trimmingCharacters(in: .whitespaces)
        var flags: [String] = []
        for flag in ["--json", "--plain"] where rest.hasSuffix(" " + flag) || rest == flag {
            flags.append(flag)
            rest = String(rest.dropLast(flag.count)).trimmingCharacters(in: .whitespaces)
        }
        if rest.isEmpty || rest.hasPrefix("--") { return nil }
        return ["inspect", rest] + flags
    }

    private func fail(_ message: String) -> Outcome {
        failures += 1
        session.console.error(message)
        return .failed
    }

    private func help(_ topic: [String]) -> Outcome {
        if let name = topic.first {
            guard let type = CommandTable.command(named: name) else {
                if CommandTable.replWords.contains(name) {
                    session.console.print(name == "help" ? "help [command]: list the commands, or explain one." : "\(name): leave the lab (Ctrl-D does the same).")
                    return .ok
                }
                let suggestion = Suggestion.nearest(to: name, in: CommandTable.names)
                return fail(LabCLIError.unknownCommand(name, suggestion: suggestion).localizedDescription)
            }
            session.console.print(LabCommand.helpMessage(for: type, columns: session.style.width)
                .replacingOccurrences(of: "USAGE: lab ", with: "USAGE: "))
            return .ok
        }
        var lines = ["Commands:"]
        var entries: [(String, String)] = CommandTable.commands.map { type in
            let name = type.configuration.commandName ?? ""
            return (usageLine(for: type, name: name), type.configuration.abstract)
        }
        entries.append(("help [command]", "Show this list, or the details of one command."))
        entries.append(("exit, quit", "Leave the lab (Ctrl-D works too; Ctrl-C clears the line)."))
        let column = min(entries.map(\.0.count).max() ?? 10, 28) + 2
        let wrapper = TextWrapper(style: session.style)
        for (usage, abstract) in entries {
            // Abstracts wrap under themselves so the command column stays readable at any width;
            // a usage too long for the column gets the abstract on the next line.
            if usage.count >= column {
                lines.append("  " + usage)
                lines += wrapper.wrap([StyledRun(abstract)], width: session.style.width,
                                      firstPrefix: String(repeating: " ", count: column + 2), prefix: String(repeating: " ", count: column + 2))
            } else {
                lines += wrapper.wrap([StyledRun(abstract)], width: session.style.width,
                                      firstPrefix: "  " + usage.rightPadded(to: column), prefix: String(repeating: " ", count: column + 2))
            }
        }
        lines.append("")
        lines.append("Tab completes commands and lesson ids. Every command also runs from the shell: lab <command>.")
        session.console.print(lines)
        return .ok
    }

    private func usageLine(for type: ParsableCommand.Type, name: String) -> String {
        switch name {
        case "open": return "open <n|id>"
        case "search": return "search <words>"
        case "lint": return "lint [paths]"
        case "quiz": return "quiz <id> [--exam]"
        case "inspect": return "inspect [token]"
        case "glossary": return "glossary [term]"
        case "progress": return "progress [export|reset]"
        case "sim": return "sim [list|start <id>|grade|rules]"
        case "imds": return "imds [start|stop|status|serve|env]"
        default: return name
        }
    }

    private func banner() {
        let count = (try? session.library().entries.count) ?? 0
        var lines = [session.console.paint("Managed Identity Lab", "1") + " \(LabVersion.current): \(count) lessons."]
        lines.append("Type 'help' for commands, 'lessons' to see the course, 'next' to continue. Ctrl-D leaves.")
        if let error = (Result { try session.library() }).failureReason { lines.append(session.console.paint(error, "33")) }
        session.console.print(lines)
    }

    /// Tab completion: command names first, then lesson numbers and ids after `open`, command names after `help`.
    static func completer(for session: LabSession) -> (String, String) -> [String] {
        { before, word in
            let words = (try? CommandLineTokenizer.split(before)) ?? []
            if words.isEmpty {
                return (CommandTable.names + CommandTable.replWords).filter { $0.hasPrefix(word) }
            }
            switch words[0] {
            case "open":
                guard words.count == 1, let library = try? session.library() else { return [] }
                let ids = library.entries.compactMap(\.declaredID)
                let numbers = library.entries.map { String($0.number) }
                return (word.isEmpty ? ids : numbers + ids).filter { $0.hasPrefix(word) }
            case "quiz":
                guard words.count == 1, let quizzes = try? session.quizzes() else { return [] }
                return quizzes.entries.map(\.id).filter { $0.hasPrefix(word) }
            case "sim":
                if words.count == 1 { return ["list", "start", "grade", "rules"].filter { $0.hasPrefix(word) } }
                if words.count == 2, words[1] == "start", let scenarios = try? session.scenarios() { return scenarios.ids.filter { $0.hasPrefix(word) } }
                if words.count == 2, words[1] == "rules", let rulebook = try? session.rulebook() { return rulebook.rules.map(\.id).filter { $0.hasPrefix(word) } }
                return []
            case "imds":
                return words.count == 1 ? ["start", "stop", "status", "serve", "env", "fail"].filter { $0.hasPrefix(word) } : []
            case "glossary":
                return words.count == 1 ? ClaimGlossary.allNames.filter { $0.hasPrefix(word) } : []
            case "help":
                return words.count == 1 ? CommandTable.names.filter { $0.hasPrefix(word) } : []
            default:
                return []
            }
        }
    }
}

private extension Result where Failure == Error {
    var failureReason: String? {
        if case .failure(let error) = self { return error.localizedDescription }
        return nil
    }
}

/// What reading one line produced.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the line (or question) is abandoned, the session goes on.
    case interrupted
    /// Ctrl-D on an empty line, or the end of a pipe.
    case endOfInput
}

/// A source of input lines: GNU readline at a terminal, plain stdin from a pipe, or a script in tests.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineInput
}

/// Reads lines from standard input without prompts or editing, for pipes and scripts.
public final class PipeLineReader: LineReader {
    public init() {}
    public func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }
}

/// Replays fixed lines, for tests.
public final class ScriptedLineReader: LineReader {
    private var lines: [LineInput]
    public private(set) var prompts: [String] = []
    public init(_ lines: [LineInput]) { self.lines = lines }
    public convenience init(lines: [String]) { self.init(lines.map { .line($0) }) }
    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return lines.isEmpty ? .endOfInput : lines.removeFirst()
    }
}

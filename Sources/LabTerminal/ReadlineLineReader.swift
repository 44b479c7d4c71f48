import CReadline
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Readline's callback interface talks to C function pointers, which cannot capture: this state is theirs.
nonisolated(unsafe) private var deliveredLine: String?
nonisolated(unsafe) private var deliveredEOF = false
nonisolated(unsafe) private var delivered = false
nonisolated(unsafe) private var completionCandidates: [String] = []
nonisolated(unsafe) private var completionIndex = 0
nonisolated(unsafe) private var completionProvider: ((String, String) -> [String])?

private let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { raw in
    if let raw {
        deliveredLine = String(cString: raw)
        free(raw)
    } else {
        deliveredEOF = true
    }
    delivered = true
    rl_callback_handler_remove()
}

private let completionGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    if state == 0 { completionIndex = 0 }
    guard completionIndex < completionCandidates.count else { return nil }
    defer { completionIndex += 1 }
    return strdup(completionCandidates[completionIndex])
}

private let attemptedCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, start, _ in
    rl_attempted_completion_over = 1 // never fall back to file names
    let word = text.map { String(cString: $0) } ?? ""
    let buffer = rl_line_buffer.map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
    let before = String(decoding: buffer.prefix(Int(start)), as: UTF8.self)
    completionCandidates = completionProvider?(before, word).filter { $0.hasPrefix(word) } ?? []
    return rl_completion_matches(text, completionGenerator)
}

/// GNU readline at a terminal: line editing, Tab completion, persistent history without secrets, Ctrl-C to cancel.
public final class ReadlineLineReader: LineReader {
    private let historyFile: URL?
    private let interruptFD: Int32
    /// Off while answering quiz questions: answers are not commands worth recalling.
    public var recordsHistory = true

    /// - Parameters:
    ///   - historyFile: where history persists (created 0600); nil keeps none.
    ///   - completer: given the text before the word and the word, the candidates for it.
    public init(historyFile: URL?, completer: @escaping (String, String) -> [String]) {
        self.historyFile = historyFile
        completionProvider = completer
        interruptFD = InterruptTrap.install()
        rl_readline_name = UnsafePointer(strdup("lab"))
        rl_catch_signals = 0
        rl_attempted_completion_function = attemptedCompletion
        using_history()
        stifle_history(1000)
        if let historyFile {
            Self.ensurePrivateFile(historyFile)
            _ = read_history(historyFile.path)
        }
    }

    public func readLine(prompt: String) -> LineInput {
        InterruptTrap.consume()
        delivered = false
        deliveredEOF = false
        deliveredLine = nil
        rl_callback_handler_install(Self.readlineSafe(prompt), lineHandler)
        let notices = BackgroundNotices.shared
        notices.setReaderWaiting(true)
        defer { notices.setReaderWaiting(false) }
        while true {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: interruptFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: notices.readFD, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 3, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .endOfInput
            }
            if fds[2].revents & Int16(POLLIN) != 0 {
                // Print above the prompt, then redraw the prompt with whatever was typed so far.
                let lines = notices.drain()
                if !lines.isEmpty {
                    let savedPoint = rl_point
                    let saved = rl_copy_text(0, rl_end)
                    rl_save_prompt()
                    rl_replace_line("", 0)
                    rl_redisplay()
                    _ = rl_clear_visible_line()
                    FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                    rl_restore_prompt()
                    rl_replace_line(saved, 0)
                    rl_point = savedPoint
                    free(saved)
                    rl_forced_update_display()
                }
            }
            if fds[1].revents & Int16(POLLIN) != 0 {
                InterruptTrap.consume()
                // Echo ^C after the abandoned text, before readline restores the terminal (which returns the cursor to column 0).
                rl_point = rl_end
                rl_redisplay()
                FileHandle.standardOutput.write(Data("^C".utf8))
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_callback_handler_remove()
                FileHandle.standardOutput.write(Data("\n".utf8))
                return .interrupted
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
                if delivered {
                    if deliveredEOF { FileHandle.standardOutput.write("\n".data(using: .utf8)!); return .endOfInput }
                    let line = deliveredLine ?? ""
                    record(line.trimmingTrailingSpaces())
                    return .line(line)
                }
            }
        }
    }

    /// Adds a line to history unless it may hold a credential (tokens are never written to disk).
    private func record(_ line: String) {
        guard recordsHistory, HistoryFilter.shouldRecord(line) else { return }
        if let last = history_get(history_base + history_length - 1)?.pointee.line, String(cString: last) == line { return }
        add_history(line)
        if let historyFile {
            Self.ensurePrivateFile(historyFile)
            _ = append_history(1, historyFile.path)
            _ = history_truncate_file(historyFile.path, 1000)
            chmod(historyFile.path, 0o600)
        }
    }

    /// Creates the history file if needed and keeps it readable by the learner alone.
    static func ensurePrivateFile(_ url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if fd >= 0 { close(fd) }
        chmod(url.path, 0o600)
    }

    /// Marks escape sequences as invisible so readline measures the prompt correctly.
    static func readlineSafe(_ prompt: String) -> String {
        prompt.replacingOccurrences(of: "(\u{1B}\\[[0-9;]*m)", with: "\u{01}$1\u{02}", options: .regularExpression)
    }
}

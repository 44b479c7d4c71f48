import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shows long output a page at a time at a terminal: `$PAGER` if set, else a small built-in pager.
public struct Pager {
    public var environment: [String: String]
    public var rows: Int

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, rows: Int) {
        self.environment = environment
        self.rows = rows
    }

    /// Writes the lines, paging only when they do not fit on one screen; true when the reader reached the end.
    @discardableResult
    public func show(_ lines: [String]) -> Bool {
        let text = lines.joined(separator: "\n") + "\n"
        guard lines.count > rows - 1, rows > 4 else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return true
        }
        if let pager = environment["PAGER"]?.trimmingCharacters(in: .whitespaces), !pager.isEmpty, pager != "cat" {
            // An external pager does not say how far the reader got; count the lesson as read.
            if runExternal(pager, text: text) { return true }
        }
        return builtIn(lines)
    }

    private func runExternal(_ command: String, text: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var env = environment
        if env["LESS"] == nil { env["LESS"] = "FRX" } // keep colours, leave short output on screen
        process.environment = env
        let pipe = Pipe()
        process.standardInput = pipe
        do { try process.run() } catch { return false }
        // The pager may quit early (q): a broken pipe is expected, not an error.
        signal(SIGPIPE, SIG_IGN)
        try? pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }

    /// Space or f: next page; Enter or j: next line; b: back a page; q, Esc or Ctrl-C: stop.
    private func builtIn(_ lines: [String]) -> Bool {
        let out = FileHandle.standardOutput
        let page = max(1, rows - 1)
        var top = 0
        var shown = min(page, lines.count)
        out.write(Data((lines[0..<shown].joined(separator: "\n") + "\n").utf8))
        let tty = open("/dev/tty", O_RDONLY)
        guard tty >= 0 else {
            out.write(Data((lines[shown...].joined(separator: "\n") + "\n").utf8))
            return true
        }
        defer { close(tty) }
        var saved = termios()
        tcgetattr(tty, &saved)
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        tcsetattr(tty, TCSANOW, &raw)
        defer { tcsetattr(tty, TCSANOW, &saved) }
        while shown < lines.count {
            let percent = shown * 100 / lines.count
            let prompt = "-- more (\(percent)%): space next page, enter next line, b back, q quit --"
            out.write(Data("\u{1B}[7m\(prompt)\u{1B}[0m".utf8))
            var key: UInt8 = 0
            let n = read(tty, &key, 1)
            out.write(Data("\r\u{1B}[K".utf8))
            if n <= 0 { break }
            switch key {
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 27, 3:
                return false
            case 10, 13, UInt8(ascii: "j"):
                out.write(Data((lines[shown] + "\n").utf8))
                shown += 1
            case UInt8(ascii: "b"):
                top = max(0, shown - 2 * page)
                shown = min(lines.count, top + page)
                out.write(Data(("\u{1B}[2J\u{1B}[H" + lines[top..<shown].joined(separator: "\n") + "\n").utf8))
            default:
                let end = min(lines.count, shown + page)
                out.write(Data((lines[shown..<end].joined(separator: "\n") + "\n").utf8))
                shown = end
            }
        }
        return shown >= lines.count
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Facts about the process's terminal.
public enum TerminalInfo {
    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Columns and rows of the terminal on stdout (or stdin), if there is one.
    public static func size() -> (columns: Int, rows: Int)? {
        var ws = winsize()
        for fd in [STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO] {
            if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 {
                return (Int(ws.ws_col), Int(ws.ws_row))
            }
        }
        return nil
    }
}

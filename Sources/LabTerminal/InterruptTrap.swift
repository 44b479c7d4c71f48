import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Written from the signal handler: only async-signal-safe work there (one write to a pipe).
nonisolated(unsafe) private var trapWriteFD: Int32 = -1
nonisolated(unsafe) private var trapReadFD: Int32 = -1

private let sigintHandler: @convention(c) (Int32) -> Void = { _ in
    var byte: UInt8 = 3
    _ = write(trapWriteFD, &byte, 1)
}

/// Turns Ctrl-C into an event the REPL can wait on (the self-pipe trick), so it cancels a line, not the session.
public enum InterruptTrap {
    /// Installs the SIGINT handler once; returns the pipe's read end to poll.
    @discardableResult
    public static func install() -> Int32 {
        if trapReadFD >= 0 { return trapReadFD }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return -1 }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        trapReadFD = fds[0]
        trapWriteFD = fds[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = sigintHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0 // no SA_RESTART: a blocking read returns so the interrupt is seen at once
        sigaction(SIGINT, &action, nil)
        return trapReadFD
    }

    public static var readFD: Int32 { trapReadFD }

    /// True (and cleared) if Ctrl-C was pressed since the last call.
    @discardableResult
    public static func consume() -> Bool {
        guard trapReadFD >= 0 else { return false }
        var seen = false
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(trapReadFD, &buffer, buffer.count) > 0 { seen = true }
        return seen
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drains a file descriptor on a background thread into a locked buffer, so waiting on pipes or ptys never deadlocks.
final class FileDescriptorReader: @unchecked Sendable {
    private let fd: Int32
    private let condition = NSCondition()
    private var bytes: [UInt8] = []
    private var ended = false
    private var finished = false
    private var stopRequested = false

    /// Starts reading `fd` (which the caller keeps open until `stop()` returns).
    init(fd: Int32, name: String) {
        self.fd = fd
        let thread = Thread { [self] in self.readLoop() }
        thread.name = name
        thread.start()
    }

    /// Polls with a short timeout so a stop request is noticed even when nothing arrives.
    private func readLoop() {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while !isStopRequested {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 50)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 { continue }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                condition.lock()
                bytes.append(contentsOf: chunk[0..<count])
                condition.broadcast()
                condition.unlock()
            } else if count < 0 && (errno == EINTR || errno == EAGAIN) {
                continue
            } else {
                break  // 0 is EOF on a pipe; EIO means every pty slave descriptor is closed.
            }
        }
        condition.lock()
        ended = true
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private var isStopRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopRequested
    }

    /// Everything read so far.
    var data: [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return bytes
    }

    /// Whether the descriptor reached end of file (or the reader was stopped).
    var hasEnded: Bool {
        condition.lock()
        defer { condition.unlock() }
        return ended
    }

    /// Re-evaluates `check` on every new chunk until it returns a value or `deadline` passes; `ended` tells it no more data will come.
    func wait<T>(until deadline: Date, _ check: (_ bytes: [UInt8], _ ended: Bool) -> T?) -> T? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = check(bytes, ended) { return value }
            if ended || !condition.wait(until: deadline) {
                return check(bytes, ended)
            }
        }
    }

    /// Waits for end of file; returns false if `deadline` passed first.
    @discardableResult
    func waitForEnd(until deadline: Date) -> Bool {
        wait(until: deadline) { _, ended in ended ? true : nil } ?? false
    }

    /// Asks the thread to finish and waits for it, after which the caller may close the descriptor.
    func stop() {
        condition.lock()
        stopRequested = true
        let deadline = Date().addingTimeInterval(10)
        while !finished && condition.wait(until: deadline) {}
        condition.unlock()
    }
}

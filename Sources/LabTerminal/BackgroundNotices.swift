import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines that arrive while the learner is typing (the IMDS emulator's request log): queued from any thread,
/// and shown above the prompt by the line reader without losing what was typed.
public final class BackgroundNotices: @unchecked Sendable {
    public static let shared = BackgroundNotices()

    private let lock = NSLock()
    private var pending: [String] = []
    private var fds: [Int32] = [-1, -1]
    /// Set while a line reader is waiting: it drains the queue; otherwise lines are written at once.
    private var readerWaiting = false

    private init() {
        var pair: [Int32] = [0, 0]
        if pipe(&pair) == 0 {
            fds = pair
            _ = fcntl(pair[0], F_SETFL, fcntl(pair[0], F_GETFL) | O_NONBLOCK)
            _ = fcntl(pair[1], F_SETFL, fcntl(pair[1], F_GETFL) | O_NONBLOCK)
        }
    }

    /// The descriptor a reader polls: readable when lines are waiting.
    public var readFD: Int32 { fds[0] }

    /// Queues lines (any thread). With no reader waiting they are written straight to standard output.
    public func post(_ lines: [String]) {
        lock.lock()
        if !readerWaiting {
            lock.unlock()
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            return
        }
        pending += lines
        lock.unlock()
        var byte: UInt8 = 1
        _ = write(fds[1], &byte, 1)
    }

    /// Called by a reader around its wait.
    public func setReaderWaiting(_ waiting: Bool) {
        lock.lock()
        readerWaiting = waiting
        let leftover = waiting ? [] : pending
        if !waiting { pending.removeAll() }
        lock.unlock()
        if !leftover.isEmpty { FileHandle.standardOutput.write(Data((leftover.joined(separator: "\n") + "\n").utf8)) }
    }

    /// Takes the queued lines and empties the wake-up pipe.
    public func drain() -> [String] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(fds[0], &buffer, buffer.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let lines = pending
        pending.removeAll()
        return lines
    }
}

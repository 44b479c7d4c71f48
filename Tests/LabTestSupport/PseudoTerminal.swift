import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why driving a program through a pseudo-terminal failed.
public enum PseudoTerminalError: Error, CustomStringConvertible {
    /// Allocating or configuring the pty failed.
    case setupFailed(step: String, errno: Int32)
    /// The executable was not found on the PATH or could not be started.
    case spawnFailed(executable: String, errno: Int32)
    /// The expected text did not appear in time.
    case timeout(needle: String, transcript: String)
    /// The program closed the terminal before the expected text appeared.
    case endOfOutput(needle: String, transcript: String)
    /// The program did not exit in time.
    case exitTimeout(transcript: String)

    public var description: String {
        switch self {
        case let .setupFailed(step, code):
            return "pseudo-terminal setup failed at \(step): \(String(cString: strerror(code)))"
        case let .spawnFailed(executable, code):
            return "could not start \(executable) in a pseudo-terminal: \(String(cString: strerror(code)))"
        case let .timeout(needle, transcript):
            return "timed out waiting for \(needle.debugDescription); transcript without escape codes:\n"
                + PseudoTerminal.stripANSI(transcript)
        case let .endOfOutput(needle, transcript):
            return "the program closed the terminal before printing \(needle.debugDescription); transcript without escape codes:\n"
                + PseudoTerminal.stripANSI(transcript)
        case let .exitTimeout(transcript):
            return "timed out waiting for the program to exit; transcript without escape codes:\n"
                + PseudoTerminal.stripANSI(transcript)
        }
    }
}

/// Runs a program in a new session whose controlling terminal is a fresh pty, so tests can drive readline, Tab and Ctrl-C like a user.
public final class PseudoTerminal: @unchecked Sendable {
    /// The child's process id, which is also its session and foreground process group id.
    public let processIdentifier: pid_t

    private let master: Int32
    private let reader: FileDescriptorReader
    private let lock = NSLock()
    private var consumed = 0
    private var exitStatus: Int32?
    private var closed = false

    /// Starts `executable` with `arguments` in a new session whose controlling terminal is a fresh pty of the given size.
    public init(executable: String, arguments: [String] = [], environment: [String: String], currentDirectory: String? = nil,
                columns: Int = 80, rows: Int = 24) throws {
        let path = try Self.resolve(executable, environment: environment)

        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else {
            throw PseudoTerminalError.setupFailed(step: "openpty", errno: errno)
        }
        // The parent's slave descriptor only keeps the pair alive until the child has opened its own.
        defer { close(slave) }
        do {
            _ = fcntl(master, F_SETFD, FD_CLOEXEC)
            _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
            var name = [CChar](repeating: 0, count: Int(PATH_MAX))
            let code = ttyname_r(slave, &name, name.count)
            guard code == 0 else { throw PseudoTerminalError.setupFailed(step: "ttyname_r", errno: code) }
            processIdentifier = try Self.spawn(path: path, arguments: arguments, environment: environment,
                                               currentDirectory: currentDirectory, slavePath: String(cString: name))
        } catch {
            close(master)
            throw error
        }
        self.master = master
        reader = FileDescriptorReader(fd: master, name: "PseudoTerminal \(processIdentifier)")
    }

    deinit {
        terminate()
    }

    /// Writes raw bytes to the terminal, as if typed.
    public func send(_ text: String) {
        lock.lock()
        let isClosed = closed
        lock.unlock()
        guard !isClosed else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0 && (errno == EINTR || errno == EAGAIN) {
                continue
            } else {
                return  // EIO: the program has closed the terminal.
            }
        }
    }

    /// Types Ctrl-`letter`: "c" is 0x03 (SIGINT), "d" 0x04 (EOF at line start), "i" 0x09 (Tab), "[" 0x1B (Escape).
    public func sendControl(_ letter: Character) {
        guard let ascii = letter.uppercased().unicodeScalars.first?.value, ascii < 0x80 else { return }
        let code = ascii == 0x3F ? 0x7F : ascii & 0x1F
        send(String(UnicodeScalar(UInt8(code))))
    }

    /// Waits until the output since the last `expect` (or start) contains `needle`; returns that output chunk; throws PseudoTerminalError.timeout(needle:, transcript:) with the whole transcript.
    @discardableResult
    public func expect(_ needle: String, timeout: TimeInterval = 10) throws -> String {
        lock.lock()
        let start = consumed
        lock.unlock()
        let pattern = Array(needle.utf8)
        enum Outcome { case found(end: Int), ended }
        let outcome = reader.wait(until: Date().addingTimeInterval(timeout)) { bytes, ended -> Outcome? in
            if let end = Self.endOfMatch(of: pattern, in: bytes, from: start) { return .found(end: end) }
            return ended ? .ended : nil
        }
        let bytes = reader.data
        switch outcome {
        case let .found(end)?:
            lock.lock()
            consumed = end
            lock.unlock()
            return String(decoding: bytes[start..<end], as: UTF8.self)
        case .ended?:
            throw PseudoTerminalError.endOfOutput(needle: needle, transcript: String(decoding: bytes, as: UTF8.self))
        case nil:
            throw PseudoTerminalError.timeout(needle: needle, transcript: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Everything read so far (raw, with escape codes).
    public var transcript: String {
        String(decoding: reader.data, as: UTF8.self)
    }

    /// Drops CSI, OSC and other escape sequences, carriage returns and bells, leaving the text a user would read.
    public static func stripANSI(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        func isFinal(_ value: UInt32) -> Bool { (0x40...0x7E).contains(value) }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar.value {
            case 0x0D, 0x07:
                continue
            case 0x1B:
                guard index < scalars.count else { continue }
                let kind = scalars[index].value
                index += 1
                switch kind {
                case 0x5B:  // "[" CSI: parameters and intermediates up to a final byte.
                    while index < scalars.count && !isFinal(scalars[index].value) { index += 1 }
                    index += 1
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // OSC, DCS, SOS, PM, APC: up to BEL or ESC "\".
                    while index < scalars.count {
                        let value = scalars[index].value
                        index += 1
                        if value == 0x07 { break }
                        if value == 0x1B && index < scalars.count && scalars[index].value == 0x5C { index += 1; break }
                    }
                case 0x20...0x2F:  // e.g. ESC ( B: intermediates, then one final byte.
                    while index < scalars.count && (0x20...0x2F).contains(scalars[index].value) { index += 1 }
                    index += 1
                default:  // Two-byte sequences such as ESC = or ESC 7.
                    break
                }
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Waits for the program to exit and returns its status (128+signal if killed), after draining its last output.
    public func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = reap(blocking: false) {
                reader.waitForEnd(until: min(deadline, Date().addingTimeInterval(2)))
                return status
            }
            if Date() >= deadline { throw PseudoTerminalError.exitTimeout(transcript: transcript) }
            usleep(10_000)
        }
    }

    /// Kills the program (SIGKILL to its process group) if still running, reaps it and closes the terminal; safe to call twice.
    public func terminate() {
        lock.lock()
        let alreadyExited = exitStatus != nil
        let wasClosed = closed
        closed = true
        lock.unlock()
        if !alreadyExited {
            kill(-processIdentifier, SIGKILL)
            kill(processIdentifier, SIGKILL)
            _ = reap(blocking: true)
        }
        if !wasClosed {
            reader.stop()
            close(master)
        }
    }

    /// Collects the exit status once with waitpid on this child only, so no zombie is left and no other child is reaped.
    private func reap(blocking: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        var result: pid_t
        repeat {
            result = waitpid(processIdentifier, &status, blocking ? 0 : WNOHANG)
        } while result < 0 && errno == EINTR
        guard result == processIdentifier else { return nil }
        let signal = status & 0x7F
        exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return exitStatus
    }

    /// Changes the terminal size; the kernel sends SIGWINCH to the foreground process group.
    public func resize(columns: Int, rows: Int) throws {
        try Self.setWindowSize(master, columns: columns, rows: rows)
    }

    private static func setWindowSize(_ fd: Int32, columns: Int, rows: Int) throws {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(fd, UInt(TIOCSWINSZ), &size) == 0 else {
            throw PseudoTerminalError.setupFailed(step: "TIOCSWINSZ", errno: errno)
        }
    }

    private static func endOfMatch(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !pattern.isEmpty else { return start }
        guard bytes.count - start >= pattern.count else { return nil }
        for offset in start...(bytes.count - pattern.count) where bytes[offset] == pattern[0] {
            if bytes[offset..<(offset + pattern.count)].elementsEqual(pattern) { return offset + pattern.count }
        }
        return nil
    }

    /// Finds `executable` on the child's PATH unless it already contains a slash.
    private static func resolve(_ executable: String, environment: [String: String]) throws -> String {
        if executable.contains("/") { return executable }
        let searchPath = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw PseudoTerminalError.spawnFailed(executable: executable, errno: ENOENT)
    }

    private typealias FileActionInt = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias FileActionPath = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's GNU-only spawn extensions, which the Glibc module does not import.
    private static func glibcSymbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// glibc's POSIX_SPAWN_SETSID: the child calls setsid() before the file actions run.
    private static let spawnSetSID: Int32 = 0x80

    /// Spawns the child as a session leader that opens the slave without O_NOCTTY, which makes it the controlling terminal.
    private static func spawn(path: String, arguments: [String], environment: [String: String], currentDirectory: String?,
                              slavePath: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let currentDirectory {
            guard let addChdir = glibcSymbol("posix_spawn_file_actions_addchdir_np", as: FileActionPath.self) else {
                throw PseudoTerminalError.setupFailed(step: "posix_spawn_file_actions_addchdir_np", errno: ENOSYS)
            }
            let code = addChdir(&actions, currentDirectory)
            guard code == 0 else { throw PseudoTerminalError.setupFailed(step: "chdir \(currentDirectory)", errno: code) }
        }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        if let closeFrom = glibcSymbol("posix_spawn_file_actions_addclosefrom_np", as: FileActionInt.self) {
            _ = closeFrom(&actions, 3)  // Other tests' pipes must not leak into the child.
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(spawnSetSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard code == 0 else { throw PseudoTerminalError.spawnFailed(executable: path, errno: code) }
        return pid
    }
}

import Foundation
import LabTestSupport
import Testing

/// A terminal-like environment for the programs under the pty, the way the lab tests run the REPL.
private func terminalEnvironment() -> [String: String] {
    [
        "TERM": "xterm-256color",
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
        "HOME": FileManager.default.temporaryDirectory.path,
        "LANG": "C.UTF-8",
    ]
}

private func shell(_ script: String, columns: Int = 80, rows: Int = 24) throws -> PseudoTerminal {
    try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", script], environment: terminalEnvironment(),
                       columns: columns, rows: rows)
}

/// The Python 3 with a working readline module, if any: the REPL tests need GNU readline behind input().
private let python3: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first { path in
    guard FileManager.default.isExecutableFile(atPath: path) else { return false }
    let probe = try? LabBinary.run(executable: URL(fileURLWithPath: path), arguments: ["-c", "import readline"], timeout: 30)
    return probe?.status == 0
}

@Suite("PseudoTerminal")
struct PseudoTerminalTests {
    @Test("cat echoes what is typed, and the line discipline echoes it too")
    func catEchoes() throws {
        let terminal = try PseudoTerminal(executable: "/bin/cat", environment: terminalEnvironment())
        terminal.send("hello\n")
        try terminal.expect("hello", timeout: 30)  // The pty's own echo.
        try terminal.expect("hello", timeout: 30)  // What cat wrote back.
        terminal.terminate()
    }

    @Test("the pty is the child's controlling terminal and its process group is in the foreground")
    func controllingTerminal() throws {
        let terminal = try shell(#"exec 3</dev/tty && echo CTTY-OK; set -- $(cat /proc/$$/stat); echo "IDS $1 $5 $6 $8 END""#)
        try terminal.expect("CTTY-OK", timeout: 30)
        let chunk = try terminal.expect("END", timeout: 30)
        let line = try #require(PseudoTerminal.stripANSI(chunk).split(separator: "\n").first { $0.hasPrefix("IDS ") })
        let ids = line.split(separator: " ").dropFirst().prefix(4).map(String.init)
        let pid = String(terminal.processIdentifier)
        #expect(ids == [pid, pid, pid, pid], "pid, process group, session and terminal foreground group should match")
        #expect(try terminal.waitForExit(timeout: 30) == 0)
    }

    @Test("Ctrl-C delivers SIGINT to the child through the line discipline")
    func controlCInterrupts() throws {
        let terminal = try shell(#"trap 'echo GOT-INT' INT; echo READY; while true; do sleep 0.1; done"#)
        try terminal.expect("READY", timeout: 30)
        terminal.sendControl("c")
        try terminal.expect("GOT-INT", timeout: 30)
        terminal.terminate()
        #expect(try terminal.waitForExit() == 128 + SIGKILL)
    }

    @Test("the window size is set before the child starts", arguments: [(80, 24), (132, 43)])
    func windowSize(columns: Int, rows: Int) throws {
        let terminal = try shell("echo SIZE $(stty size) END", columns: columns, rows: rows)
        try terminal.expect("SIZE \(rows) \(columns) END", timeout: 30)
        #expect(try terminal.waitForExit(timeout: 30) == 0)
    }

    @Test("resizing sends SIGWINCH and the program sees the new size")
    func resize() throws {
        let terminal = try shell(#"trap 'echo SIZE $(stty size) END' WINCH; echo READY; while true; do sleep 0.1; done"#)
        try terminal.expect("READY", timeout: 30)
        try terminal.resize(columns: 100, rows: 30)
        try terminal.expect("SIZE 30 100 END", timeout: 30)
    }

    @Test("Ctrl-D at the start of a line is end of file")
    func controlDEndsInput() throws {
        let terminal = try PseudoTerminal(executable: "/bin/cat", environment: terminalEnvironment())
        terminal.send("line\n")
        try terminal.expect("line", timeout: 30)
        try terminal.expect("line", timeout: 30)
        terminal.sendControl("d")
        #expect(try terminal.waitForExit(timeout: 30) == 0)
    }

    @Test("GNU readline edits the line: Tab, Ctrl-A and Enter work in the pty", .enabled(if: python3 != nil))
    func readlineEditing() throws {
        let directory = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = "import readline\nfor _ in range(2):\n    x = input('> ')\n    print('got', x)\n"
        let terminal = try PseudoTerminal(executable: try #require(python3), arguments: ["-c", script],
                                          environment: terminalEnvironment(), currentDirectory: directory.path)
        try terminal.expect("> ", timeout: 30)
        terminal.send("abc\t\n")
        try terminal.expect("got abc", timeout: 30)
        try terminal.expect("> ", timeout: 30)
        terminal.send("bc")
        terminal.sendControl("a")  // Readline's beginning-of-line; a cooked tty would pass ^A through.
        terminal.send("a\n")
        try terminal.expect("got abc", timeout: 30)
        #expect(try terminal.waitForExit(timeout: 30) == 0)
    }

    @Test("the child inherits only the terminal as fds 0, 1 and 2")
    func noLeakedDescriptors() throws {
        let terminal = try shell(#"echo FDS $(ls /proc/self/fd | tr '\n' ' ')END"#)
        // ls sees the terminal on 0 and 2, the command substitution pipe on 1 and its directory handle on 3.
        try terminal.expect("FDS 0 1 2 3 END", timeout: 30)
    }

    @Test("the program starts with no blocked signals")
    func signalMask() throws {
        let terminal = try PseudoTerminal(executable: "/bin/grep", arguments: ["SigBlk", "/proc/self/status"],
                                          environment: terminalEnvironment())
        try terminal.expect("SigBlk:\t0000000000000000", timeout: 30)
    }

    @Test("environment and working directory are the ones passed")
    func environmentAndDirectory() throws {
        let directory = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let terminal = try PseudoTerminal(executable: "sh", arguments: ["-c", #"echo "T=$TERM D=$(pwd -P) END""#],
                                          environment: terminalEnvironment(), currentDirectory: directory.path)
        let resolved = directory.resolvingSymlinksInPath().path
        try terminal.expect("T=xterm-256color D=\(resolved) END", timeout: 30)
    }

    @Test("exit statuses, including 128+signal")
    func exitStatus() throws {
        #expect(try shell("exit 3").waitForExit(timeout: 30) == 3)
        #expect(try shell("kill -TERM $$").waitForExit(timeout: 30) == 128 + SIGTERM)
        let sleeper = try PseudoTerminal(executable: "/bin/sleep", arguments: ["1000"], environment: terminalEnvironment())
        sleeper.terminate()
        #expect(try sleeper.waitForExit() == 128 + SIGKILL)
    }

    @Test("expect reports a timeout with the transcript, and end of output early")
    func expectFailures() throws {
        let quiet = try shell("echo ONLY-THIS; exec sleep 1000")
        try quiet.expect("ONLY-THIS", timeout: 30)
        do {
            try quiet.expect("NEVER", timeout: 0.5)
            Issue.record("expect should have timed out")
        } catch let PseudoTerminalError.timeout(needle, transcript) {
            #expect(needle == "NEVER")
            #expect(transcript.contains("ONLY-THIS"))
        }

        let finished = try shell("echo BYE")
        let start = Date()
        do {
            try finished.expect("NEVER", timeout: 60)
            Issue.record("expect should have seen end of output")
        } catch let PseudoTerminalError.endOfOutput(_, transcript) {
            #expect(transcript.contains("BYE"))
        }
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test("expect consumes output up to the match, so later needles are searched after it")
    func expectConsumes() throws {
        let terminal = try shell("echo A1; echo B2; echo A3")
        let first = try terminal.expect("A", timeout: 30)
        #expect(!first.contains("B2"))
        let second = try terminal.expect("A", timeout: 30)
        #expect(PseudoTerminal.stripANSI(second).contains("B2"))
        try terminal.expect("3", timeout: 30)
    }

    @Test("stripANSI drops CSI, OSC, charset selections, bells and carriage returns")
    func stripANSI() {
        let raw = "\u{1B}[?2004h\u{1B}]0;title\u{07}> \u{1B}[1;32mgreen\u{1B}[0m\u{1B}(B\u{1B}=\u{07}x\r\n\u{1B}]8;;u\u{1B}\\link\u{1B}]8;;\u{1B}\\"
        #expect(PseudoTerminal.stripANSI(raw) == "> greenx\nlink")
    }

    @Test("sendControl maps letters to control codes")
    func controlCodes() throws {
        let terminal = try shell("stty raw -echo; echo READY; od -An -tx1 -N4; stty sane")
        try terminal.expect("READY", timeout: 30)
        // In raw mode od gets the bytes as typed: Ctrl-A, Ctrl-I (Tab), Ctrl-[ (Escape), Ctrl-? (DEL).
        terminal.sendControl("a")
        terminal.sendControl("i")
        terminal.sendControl("[")
        terminal.sendControl("?")
        try terminal.expect("01 09 1b 7f", timeout: 30)
    }
}

@Suite("LabBinary runner")
struct ProcessRunnerTests {
    @Test("large stdout and stderr are drained concurrently without deadlock")
    func largeOutputs() throws {
        let result = try LabBinary.run(executable: URL(fileURLWithPath: "/bin/sh"),
                                       arguments: ["-c", "yes e | head -c 200000 >&2; yes | head -c 200000"], timeout: 60)
        #expect(result.status == 0)
        #expect(result.stdout.utf8.count == 200_000)
        #expect(result.stderr.utf8.count == 200_000)
    }

    @Test("stdin is a pipe closed after writing, or /dev/null")
    func standardInput() throws {
        let cat = URL(fileURLWithPath: "/bin/cat")
        #expect(try LabBinary.run(executable: cat, arguments: [], stdin: "hello\nworld\n").stdout == "hello\nworld\n")
        #expect(try LabBinary.run(executable: cat, arguments: []).stdout == "")
        let big = String(repeating: "x", count: 300_000)
        #expect(try LabBinary.run(executable: cat, arguments: [], stdin: big).stdout.utf8.count == 300_000)
        // A program that never reads its input must not kill the tests with SIGPIPE.
        #expect(try LabBinary.run(executable: URL(fileURLWithPath: "/bin/true"), arguments: [], stdin: big).status == 0)
    }

    @Test("status, stdout and stderr are reported separately")
    func statusAndStreams() throws {
        let result = try LabBinary.run(executable: URL(fileURLWithPath: "/bin/sh"),
                                       arguments: ["-c", "echo out; echo err >&2; exit 7"])
        #expect(result.status == 7)
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
        let killed = try LabBinary.run(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "kill -TERM $$"])
        #expect(killed.status == 128 + SIGTERM)
    }

    @Test("the program starts with no blocked signals, even when run from a Swift concurrency thread")
    func signalMask() throws {
        let result = try LabBinary.run(executable: URL(fileURLWithPath: "/bin/grep"), arguments: ["SigBlk", "/proc/self/status"])
        #expect(result.stdout == "SigBlk:\t0000000000000000\n")
    }

    @Test("the environment is clean: PATH, LANG, a temporary HOME, no TERM, plus the extras")
    func cleanEnvironment() throws {
        let result = try LabBinary.run(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: [],
                                       environment: ["LAB_HOME": "/tmp/state"])
        let variables = Dictionary(result.stdout.split(separator: "\n").map { line -> (String, String) in
            let parts = line.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }, uniquingKeysWith: { _, last in last })
        #expect(variables["TERM"] == nil)
        #expect(variables["LANG"] == "C.UTF-8")
        #expect(variables["LAB_HOME"] == "/tmp/state")
        #expect(variables["PATH"] != nil)
        let home = try #require(variables["HOME"])
        #expect(home != ProcessInfo.processInfo.environment["HOME"])
        #expect(!FileManager.default.fileExists(atPath: home), "the per-call HOME is removed afterwards")
        let given = try LabBinary.run(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "echo $HOME"],
                                      environment: ["HOME": "/nonexistent-home"])
        #expect(given.stdout == "/nonexistent-home\n")
    }

    @Test("the working directory is the one passed")
    func workingDirectory() throws {
        let directory = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try LabBinary.run(executable: URL(fileURLWithPath: "/bin/pwd"), arguments: ["-P"], currentDirectory: directory)
        #expect(result.stdout == directory.resolvingSymlinksInPath().path + "\n")
    }

    @Test("a program running past the timeout is killed and reported")
    func timeout() throws {
        let start = Date()
        #expect(throws: LabBinaryError.self) {
            try LabBinary.run(executable: URL(fileURLWithPath: "/bin/sleep"), arguments: ["60"], timeout: 1)
        }
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test("the repository root holds Package.swift")
    func repositoryRoot() {
        #expect(FileManager.default.fileExists(atPath: LabBinary.repositoryRoot.appendingPathComponent("Package.swift").path))
    }
}

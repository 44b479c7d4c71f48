import Foundation
import LabTestSupport
import LabStore
import Testing

/// The REPL in a real pseudo-terminal: prompt, Tab completion, history redaction, Ctrl-C, Ctrl-D.
@Suite(.serialized) struct EndToEndTerminalTests {
    func start(home: URL, extra: [String: String] = [:], arguments: [String] = [], columns: Int = 100, rows: Int = 40) throws -> PseudoTerminal {
        var environment = ProcessInfo.processInfo.environment
        environment["LAB_HOME"] = home.path
        environment["LAB_CONTENT"] = LabBinary.repositoryRoot.path
        environment["TERM"] = "xterm-256color"
        environment["PAGER"] = "cat"
        environment["LAB_UNLOCK_ALL"] = "1"
        environment["INPUTRC"] = "/dev/null"
        environment.removeValue(forKey: "NO_COLOR")
        for (k, v) in extra { environment[k] = v }
        return try PseudoTerminal(executable: try LabBinary.url().path, arguments: arguments, environment: environment, columns: columns, rows: rows)
    }

    @Test func theSimulatorHasItsOwnPromptAndCtrlCCancelsOnlyTheLine() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let term = try start(home: home)
        defer { term.terminate() }
        try term.expect("> ")
        term.send("sim start fix-miss\t")
        try term.expect("fix-missing-header")
        term.send("\r")
        try term.expect("Required metadata header not specified")
        try term.expect("sim:fix-missing-header")
        try term.expect("> ")
        term.send("grant Owner to everything")
        try term.expect("everything") // as a person would: Ctrl-C once the text is on screen
        term.sendControl("c")
        try term.expect("^C")
        try term.expect("sim:fix-missing-header")
        term.send("show\r")
        try term.expect("vm-report")
        try term.expect("sim:fix-missing-header")
        term.send("back\r")
        try term.expect("lab")
        try term.expect("> ")
        term.sendControl("d")
        let status = try term.waitForExit(timeout: 15)
        #expect(status == 0)
    }

    @Test func theEmulatorRunsInTheBackgroundAndItsRequestsJoinTheFlow() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let term = try start(home: home)
        defer { term.terminate() }
        try term.expect("> ")
        term.send("sim start fix-missing-header\r")
        try term.expect("sim:fix-missing-header")
        term.send("imds start --port 0\r")
        let started = try term.expect(" as vm-report")
        let port = try #require(started.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression).map { String(started[$0].split(separator: ":").last!) })
        try term.expect("sim:fix-missing-header")
        // Half a command typed when a request arrives: the log line goes above, the typing survives.
        term.send("sho")
        try term.expect("sho")
        let curl = try LabBinary.run(executable: URL(fileURLWithPath: "/usr/bin/curl"), arguments: [
            "-s", "--noproxy", "*", "-H", "Metadata: true",
            "http://127.0.0.1:\(port)/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://storage.azure.com/"])
        #expect(curl.stdout.contains("\"access_token\""), "\(curl.stdout) \(curl.stderr)")
        try term.expect("imds #1 GET /metadata/identity/oauth2/token")
        try term.expect("sho")
        term.send("w\r")
        try term.expect("resource group rg-reports")
        term.send("flow\r")
        try term.expect("Metadata: true")
        try term.expect("PASS 200")
        term.send("imds stop\r")
        try term.expect("IMDS emulator stopped (1 request served)")
        term.send("back\r")
        try term.expect("lab")
        term.sendControl("d")
        _ = try term.waitForExit(timeout: 15)
    }

    @Test func promptCompletionHistoryAndControlKeys() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let term = try start(home: home)
        defer { term.terminate() }
        try term.expect("lab")
        try term.expect("> ")
        // Tab completes a command.
        term.send("less\t")
        try term.expect("lessons")
        term.send("\r")
        try term.expect("imds-token-flow")
        try term.expect("> ")
        // Tab completes a lesson id after open.
        term.send("open imds\t")
        try term.expect("imds-token-flow")
        // Ctrl-C abandons the line but not the session.
        term.sendControl("c")
        try term.expect("^C")
        try term.expect("> ")
        // A token never reaches history.
        let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3ZhdWx0LmF6dXJlLm5ldCJ9.c2lnbmF0dXJl"
        term.send("open \(token)\r")
        try term.expect("no lesson")
        try term.expect("> ")
        term.send("search Metadata\r")
        try term.expect("match")
        try term.expect("> ")
        // Ctrl-D leaves cleanly.
        term.sendControl("d")
        let status = try term.waitForExit(timeout: 15)
        #expect(status == 1, "one command failed, so the status is 1")
        let historyURL = home.appendingPathComponent("history")
        let history = try String(contentsOf: historyURL, encoding: .utf8)
        #expect(history.contains("lessons"))
        #expect(history.contains("search Metadata"))
        #expect(!history.contains("eyJ"), "the token must not be in history: \(history)")
        #expect(!history.contains("open imds-token-flow"), "an interrupted line is not history")
        let mode = try FileManager.default.attributesOfItem(atPath: historyURL.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func historyPersistsAcrossSessions() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        do {
            let term = try start(home: home)
            defer { term.terminate() }
            try term.expect("> ")
            term.send("lessons\r")
            try term.expect("> ")
            term.send("exit\r")
            #expect(try term.waitForExit() == 0)
        }
        let term = try start(home: home)
        defer { term.terminate() }
        try term.expect("> ")
        term.send("\u{1B}[A") // up arrow recalls the last session's lines, newest first
        try term.expect("exit")
        term.send("\u{1B}[A")
        try term.expect("lessons")
        term.send("\r")
        try term.expect("about")
        try term.expect("> ")
        term.sendControl("d")
        #expect(try term.waitForExit() == 0)
    }

    @Test func controlCCancelsAQuestionNotTheSession() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let term = try start(home: home)
        defer { term.terminate() }
        try term.expect("> ")
        term.send("quiz check-imds-token-flow --seed 4\r")
        try term.expect("Question 1 of 5")
        try term.expect("answer> ")
        term.send("zzz\r")
        try term.expect("answer> ")
        term.sendControl("c")
        try term.expect("Stopped after")
        try term.expect("lab")
        try term.expect("> ")
        term.send("lessons\r")
        try term.expect("imds-token-flow")
        try term.expect("> ")
        term.sendControl("d")
        _ = try term.waitForExit()
        let history = try String(contentsOf: home.appendingPathComponent("history"), encoding: .utf8)
        #expect(history.contains("quiz check-imds-token-flow"))
        #expect(!history.contains("zzz"), "quiz answers are not history")
    }

    @Test func pastingATokenAtTheInspectPromptKeepsItOutOfHistory() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let term = try start(home: home)
        defer { term.terminate() }
        try term.expect("> ")
        term.send("inspect sample\r")
        try term.expect("tampered")
        try term.expect("> ")
        term.send("inspect\r")
        try term.expect("token> ")
        let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3ZhdWx0LmF6dXJlLm5ldCJ9.c2lnbmF0dXJl"
        term.send(token + "\r")
        try term.expect("for Azure Key Vault")
        try term.expect("> ")
        term.sendControl("d")
        _ = try term.waitForExit()
        let history = try String(contentsOf: home.appendingPathComponent("history"), encoding: .utf8)
        #expect(history.contains("inspect sample"))
        #expect(!history.contains("eyJ"), "a pasted token is never history: \(history)")
    }

    @Test func longLessonsPageWithTheBuiltInPager() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        // An empty PAGER means the built-in pager.
        let term = try start(home: home, extra: ["PAGER": ""], arguments: ["open", "imds-token-flow"], columns: 80, rows: 24)
        defer { term.terminate() }
        try term.expect("-- more (")
        term.send(" ")
        try term.expect("-- more (")
        term.send("q")
        #expect(try term.waitForExit() == 0)
        #expect(!PseudoTerminal.stripANSI(term.transcript).contains("Check yourself"), "q stops before the end")
    }

    @Test func killingTheLabMidQuizLosesNoAnsweredQuestion() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let term = try start(home: home, extra: ["LAB_PROFILE": "kill-test"])
        defer { term.terminate() }
        try term.expect("> ")
        term.send("quiz check-imds-token-flow --seed 4\r")
        try term.expect("Question 1 of 5")
        try term.expect("answer> ")
        term.send("skip\r")
        try term.expect("Question 2 of 5")
        try term.expect("answer> ")
        // Answer whatever kind comes up, until two answers are in.
        var answered = 0
        var guard_ = 0
        while answered < 2 && guard_ < 8 {
            guard_ += 1
            for attempt in ["t", "a", "Metadata: true", "abcd"] {
                term.send(attempt + "\r")
                let chunk = try term.expect("answer> ")
                if chunk.contains("Right") || chunk.contains("Not right") || chunk.contains("Wrong") || chunk.contains("Partly") { answered += 1; break }
            }
        }
        #expect(answered == 2)
        kill(term.processIdentifier, SIGKILL)
        _ = try term.waitForExit()
        let store = try AppDatabase.open(path: home.appendingPathComponent("progress.sqlite").path, profile: "kill-test")
        #expect(try store.answerCount(quizID: "check-imds-token-flow") == 2)
    }
}

import Foundation
import LabTerminal
import Testing
@testable import LabCLI

/// The REPL in-process: scripted lines in, captured output out.
@Suite struct REPLTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func session(_ extra: [String] = []) throws -> (LabSession, URL) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lab-repl-\(UUID().uuidString)")
        let options = try GlobalOptions.parse(["--content", Self.root.path, "--width", "80"] + extra)
        let session = LabSession(options: options, environment: ["LAB_HOME": home.path, "TERM": "dumb", "LAB_UNLOCK_ALL": "1"], interactive: false, capture: true)
        return (session, home)
    }

    @Test func commandsRunAndMistakesDoNotEndTheSession() throws {
        let (session, home) = try session()
        defer { try? FileManager.default.removeItem(at: home) }
        let repl = REPL(session: session, reader: ScriptedLineReader(lines: ["lessons", "lesons", "open 99", "", "# a comment", "open 1", "exit", "lessons"]))
        let status = repl.run()
        let output = session.console.captured!.joined(separator: "\n")
        #expect(status == 1, "a failed command makes the exit status 1")
        #expect(output.contains("1. • new   Why managed identities") || output.contains("Why managed identities"))
        #expect(output.contains("error: unknown command 'lesons'. Did you mean 'lessons'?"))
        #expect(output.contains("error: no lesson '99'"))
        #expect(output.contains("Lesson 1 of"))
        #expect(repl.failures == 2, "exit stops before the last 'lessons'")
    }

    @Test func nextAndPrevFollowTheCourseAndRememberIt() throws {
        let (session, home) = try session()
        defer { try? FileManager.default.removeItem(at: home) }
        let repl = REPL(session: session, reader: ScriptedLineReader(lines: ["next", "next", "prev", "prev"]))
        #expect(repl.run() == 1, "the last prev has nowhere to go")
        let output = session.console.captured!.joined(separator: "\n")
        #expect(output.components(separatedBy: "Lesson 1 of").count == 3)
        #expect(output.components(separatedBy: "Lesson 2 of").count == 2)
        #expect(output.contains("error: this is the first lesson."))
        #expect(try session.store().lessonsOpened() == ["why-managed-identities", "identity-types"])
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("progress.sqlite").path))
    }

    @Test func helpListsEveryCommandAndExplainsOne() throws {
        let (session, home) = try session()
        defer { try? FileManager.default.removeItem(at: home) }
        let repl = REPL(session: session, reader: ScriptedLineReader(lines: ["help", "help open", "help opne", "open --help"]))
        _ = repl.run()
        let output = session.console.captured!.joined(separator: "\n")
        for name in CommandTable.names + ["help", "exit"] { #expect(output.contains(name)) }
        #expect(output.contains("USAGE: open"))
        #expect(output.contains("unknown command 'opne'. Did you mean 'open'?"))
    }

    @Test func searchShowsLessonAndSection() throws {
        let (session, home) = try session()
        defer { try? FileManager.default.removeItem(at: home) }
        _ = REPL(session: session, reader: ScriptedLineReader(lines: ["search metadata header", "search"])).run()
        let output = session.console.captured!.joined(separator: "\n")
        #expect(output.contains("Getting a token from IMDS"))
        #expect(output.contains("line "))
        #expect(output.contains("error: search needs some words"))
    }

    @Test func completionOffersCommandsAndLessons() throws {
        let (session, home) = try session()
        defer { try? FileManager.default.removeItem(at: home) }
        let complete = REPL.completer(for: session)
        #expect(complete("", "le") == ["lessons"])
        #expect(complete("", "").contains("open") && complete("", "").contains("exit"))
        #expect(complete("open ", "imds") == ["imds-token-flow"])
        #expect(complete("open ", "1") == ["1", "10"])
        #expect(complete("open ", "5") == ["5"])
        #expect(complete("sim start ", "fix-w") == ["fix-wrong-scope"])
        #expect(complete("help ", "se") == ["search"])
        #expect(complete("lessons ", "x") == [])
    }
}

import Testing
@testable import LabTerminal
import LabKit

@Suite struct LineEditingTests {
    @Test(arguments: [
        "inspect eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3ZhdWx0LmF6dXJlLm5ldCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ",
        "Authorization: Bearer abc.def",
        "bearer sometokenvalue",
        "client_secret=hunter2hunter2",
        "AccountKey=Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy==",
        "aaaaaaaaaaaa.bbbbbbbbbbbb.cccccccccc",
        "x-identity-header: 1234",
    ])
    func secretsNeverReachHistory(line: String) {
        #expect(HistoryFilter.isSensitive(line))
        #expect(!HistoryFilter.shouldRecord(line))
    }

    @Test(arguments: ["lessons", "open 2", "open imds-token-flow", "search Metadata header", "lint Lessons/01-why-managed-identities.md", "search api-version 2018-02-01"])
    func ordinaryCommandsAreKept(line: String) {
        #expect(HistoryFilter.shouldRecord(line))
    }

    @Test func blankAndSpaceLedLinesAreNotKept() {
        #expect(!HistoryFilter.shouldRecord("   "))
        #expect(!HistoryFilter.shouldRecord(" lessons"))
    }

    @Test func tokenizerSplitsLikeAShell() throws {
        #expect(try CommandLineTokenizer.split("search  \"token lifetime\" 'a b' c\\ d") == ["search", "token lifetime", "a b", "c d"])
        #expect(try CommandLineTokenizer.split("") == [])
        #expect(throws: CommandLineTokenizer.Failure.unclosedQuote("\"")) { try CommandLineTokenizer.split("search \"open") }
    }

    @Test func scriptedReaderReplaysLines() {
        let reader = ScriptedLineReader([.line("lessons"), .interrupted])
        #expect(reader.readLine(prompt: "lab> ") == .line("lessons"))
        #expect(reader.readLine(prompt: "lab> ") == .interrupted)
        #expect(reader.readLine(prompt: "lab> ") == .endOfInput)
        #expect(reader.prompts == ["lab> ", "lab> ", "lab> "])
    }

    @Test func readlinePromptMarksEscapesInvisible() {
        #expect(ReadlineLineReader.readlineSafe("\u{1B}[1mlab\u{1B}[0m> ") == "\u{01}\u{1B}[1m\u{02}lab\u{01}\u{1B}[0m\u{02}> ")
    }
}

import ArgumentParser

/// Options every command takes, so `lab --plain open 2` and `open 2` in a `--plain` REPL look the same.
public struct GlobalOptions: ParsableArguments {
    @Flag(name: .long, help: "Screen-reader friendly output: no colour or box drawing, diagrams as numbered steps, tables as lists.")
    public var plain = false

    @Option(name: .long, help: ArgumentHelp("The folder holding Lessons/ and Quizzes/ (also LAB_CONTENT).", valueName: "dir"))
    public var content: String?

    @Option(name: .long, help: ArgumentHelp("Wrap text to this many columns instead of the terminal's width.", valueName: "columns"))
    public var width: Int?

    @Option(help: ArgumentHelp("Whose progress to use, so learners sharing a machine stay apart (default: your user name).", valueName: "name"))
    public var profile: String?

    @Flag(name: .customLong("unlock-all"), help: "Open every lesson without passing the check quizzes first (instructors, returning experts; also LAB_UNLOCK_ALL=1).")
    public var unlockAll = false

    @Flag(name: .customLong("no-pager"), help: "Never page long output.")
    public var noPager = false

    public init() {}
}

import ArgumentParser
import Foundation
import LabTerminal

/// The `lab` command: with no subcommand it opens the REPL; every REPL command is also a subcommand.
public struct LabCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "The Managed Identity Lab: learn Azure managed identities the way AZ-204 tests them and the way they behave.",
        discussion: """
        Run 'lab' with no command to open the interactive lab (line editing, history, Tab completion).
        Commands also read from a pipe: printf 'lessons\\nopen 1\\n' | lab
        Environment: LAB_CONTENT (content folder), LAB_HOME (state folder, default $XDG_STATE_HOME/lab), NO_COLOR, PAGER.
        Shell completion: lab --generate-completion-script bash|zsh|fish
        """,
        version: LabVersion.current,
        subcommands: CommandTable.commands
    )

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() throws {
        let session = LabSession(options: global)
        let status = REPL(session: session).run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// The version printed by `lab --version`.
public enum LabVersion {
    public static let current = "0.1.0"
}

/// The commands, in the order `help` lists them: the single list both the CLI and the REPL read.
public enum CommandTable {
    public static let commands: [ParsableCommand.Type] = [
        LessonsCommand.self, OpenCommand.self, NextCommand.self, PrevCommand.self, SearchCommand.self,
        QuizzesCommand.self, QuizCommand.self, ReviewCommand.self, ProgressCommand.self, InspectCommand.self, SimulatorCommand.self, ImdsCommand.self, GlossaryCommand.self, JWKSCommand.self, LintCommand.self,
    ]

    /// Words the REPL understands besides the commands.
    public static let replWords = ["help", "exit", "quit"]

    public static var names: [String] {
        commands.compactMap { $0.configuration.commandName }
    }

    public static func command(named name: String) -> ParsableCommand.Type? {
        commands.first { $0.configuration.commandName == name }
    }
}

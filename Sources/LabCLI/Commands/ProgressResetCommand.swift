import ArgumentParser
import Foundation
import LabKit
import LabQuiz
import LabStore
import LabTokens
import LabTerminal

/// `progress reset [--yes]`: forgets this profile's record, after asking when a person is there.
public struct ProgressResetCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "reset", abstract: "Forget your record (asks first unless --yes).")
    @OptionGroup public var global: GlobalOptions
    @Flag(help: "Do not ask.") public var yes = false
    public init() {}

    public func execute(in session: LabSession) throws {
        let store = try session.store()
        if !yes {
            guard TerminalInfo.stdinIsTerminal else {
                throw LabCLIError.badLine("progress reset needs --yes when not at a terminal; nothing was deleted")
            }
            session.console.print("This deletes every lesson, answer and quiz result of profile '\(session.profileName)'. Type 'yes' to go on:")
            guard case .line(let answer) = session.reader().readLine(prompt: "> "), answer.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                session.console.print("Nothing was deleted.")
                return
            }
        }
        try store.reset()
        session.console.print("The record of profile '\(session.profileName)' is empty now.")
    }
}

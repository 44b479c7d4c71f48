import ArgumentParser
import Foundation
import LabSim

/// `sim rules [id]`: the rulebook the grader applies, or one rule with its exam and platform notes.
public struct SimRulesCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "rules", abstract: "Show the simulator's rulebook, or one rule.")
    @OptionGroup public var global: GlobalOptions
    @Argument(help: ArgumentHelp("A rule id.", valueName: "id"))
    public var id: String?
    public init() {}

    public func execute(in session: LabSession) throws {
        let rulebook = try session.rulebook()
        let presenter = SimPresenter(style: session.style, console: session.console)
        if let id {
            guard let rule = rulebook.rule(id) else { throw SimError.usage("no rule '\(id)'; 'lab sim rules' lists them") }
            session.console.print(presenter.rule(rule))
        } else {
            session.console.print(rulebook.rules.flatMap { presenter.rule($0) + [""] })
        }
    }
}

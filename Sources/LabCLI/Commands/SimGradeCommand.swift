import ArgumentParser
import Foundation
import LabSim

/// `sim grade <world.yaml>`: grades a saved world, no prompt; exit status 0 solved, 1 not solved, 2 cannot grade.
public struct SimGradeCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "grade", abstract: "Grade a saved world file against the rulebook (and a scenario's goal).",
        discussion: "Exit status: 0 when every rule that applies passes (and the scenario's goal is met), 1 when not, 2 when the file cannot be graded.")
    @OptionGroup public var global: GlobalOptions
    @Argument(help: ArgumentHelp("A world saved with 'save' (YAML).", valueName: "world.yaml"))
    public var file: String
    @Option(help: ArgumentHelp("Check this scenario's goal too.", valueName: "id"))
    public var scenario: String?
    @Flag(help: "Print the grade as JSON.")
    public var json = false
    public init() {}

    public func execute(in session: LabSession) throws {
        let world: World
        let goal: Goal?
        do {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw SimError.usage("cannot read \(file)") }
            world = try WorldFile.decode(text, file: file)
            goal = try scenario.map { try session.scenarios().scenario($0).goal }
        } catch {
            session.console.error(error.localizedDescription)
            throw ExitCode(2)
        }
        let rulebook = try session.rulebook()
        let report = SimGrader(rulebook: rulebook).grade(GradingContext(world: world, runs: [], goal: goal))
        if json {
            try session.console.printJSON(GradeJSON(report, scenario: scenario))
        } else {
            session.console.print(SimPresenter(style: session.style, console: session.console).render(report, rulebook: rulebook, scenario: scenario))
        }
        if !report.solved { throw ExitCode.failure }
    }
}

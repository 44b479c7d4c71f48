import ArgumentParser
import Foundation
import LabSim

/// `sim start <id>`: a scenario's brief and starting world, then the simulator prompt.
public struct SimStartCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a scenario: its brief, its world, its goal.")
    @OptionGroup public var global: GlobalOptions
    @Argument(help: ArgumentHelp("The scenario id ('sim list' shows them).", valueName: "scenario"))
    public var id: String
    public init() {}

    public func execute(in session: LabSession) throws {
        let scenario = try session.scenarios().scenario(id)
        defer { session.stopEmulator() }
        let status = try SimulatorRunner(session: session, scenario: scenario).run()
        if status != 0 { throw ExitCode(status) }
    }
}

import ArgumentParser
import Foundation
import LabSim

/// `sim`: the configuration simulator. With no subcommand, free play in an empty subscription.
public struct SimulatorCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "sim", abstract: "The configuration simulator: build identities and roles, request tokens, call targets, get graded.",
        discussion: """
        'sim' alone opens free play; 'sim start <scenario>' opens a lab with a brief and a goal ('sim list' shows
        them). Inside, type simulator commands (create, enable, assign, grant, token, http, call, show, flow, grade,
        undo, save, load; 'help' lists them) and 'back' to return. Commands also come from a pipe:
        printf 'create vm web --system-identity\\nshow\\n' | lab sim
        'sim grade <world.yaml>' grades a saved world without a prompt, for instructors' checking scripts.
        """,
        subcommands: [SimListCommand.self, SimStartCommand.self, SimGradeCommand.self, SimRulesCommand.self])
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        defer { session.stopEmulator() }
        let status = try SimulatorRunner(session: session, scenario: nil).run()
        if status != 0 { throw ExitCode(status) }
    }
}

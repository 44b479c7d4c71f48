import ArgumentParser
import Foundation
import LabSim
import LabTerminal

/// `sim list`: the scenarios, with kind, time, lesson, and whether you have solved each.
public struct SimListCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "list", abstract: "List the simulator scenarios.")
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        let library = try session.scenarios()
        let solved = Set(((try? session.store().simGrades()) ?? []).filter(\.solved).map(\.scenarioID))
        var lines = ["Scenarios (sim start <id>):"]
        let width = library.ids.map(\.count).max() ?? 10
        for entry in library.entries {
            guard let s = entry.scenario else {
                lines.append("  \(entry.id.rightPadded(to: width))  BROKEN: \(entry.error ?? "")")
                continue
            }
            let mark = solved.contains(s.id) ? "solved " : "       "
            lines += TextWrapper(style: session.style).wrap([StyledRun("\(s.title) (\(s.kind == .troubleshoot ? "troubleshooting" : "build"), \(s.minutes) min)")],
                width: session.style.width, firstPrefix: "  \(mark)\(s.id.rightPadded(to: width))  ", prefix: String(repeating: " ", count: width + 11))
        }
        session.console.print(lines)
    }
}

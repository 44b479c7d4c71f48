import ArgumentParser
import Foundation

/// A command that runs the same way as `lab <command>` and as a line in the REPL.
public protocol SessionCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func execute(in session: LabSession) throws
}

extension SessionCommand {
    public func run() throws {
        let session = LabSession(options: global)
        do {
            try execute(in: session)
        } catch let error as ExitCode {
            throw error
        } catch {
            session.console.error(error.localizedDescription)
            throw ExitCode.failure
        }
    }
}

import ArgumentParser
import Foundation
import LabKit

/// The executable's entry point: catches mistyped commands before argument parsing so they get a suggestion.
public enum LabMain {
    public static func main(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        if let first = arguments.first, !first.hasPrefix("-"), first != "help",
           CommandTable.command(named: first) == nil {
            let suggestion = Suggestion.nearest(to: first, in: CommandTable.names)
            let message = LabCLIError.unknownCommand(first, suggestion: suggestion).localizedDescription
                .replacingOccurrences(of: "Type 'help' for the list.", with: "Run 'lab --help' for the list.")
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            exit(64)
        }
        LabCommand.main(arguments)
        exit(0)
    }
}

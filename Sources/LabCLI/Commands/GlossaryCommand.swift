import ArgumentParser
import Foundation
import LabKit
import LabTerminal
import LabTokens

/// `glossary [name]`: what a claim, header field or response field means.
public struct GlossaryCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "glossary", abstract: "Explain a token claim or response field (glossary aud), or list them all.")
    @OptionGroup public var global: GlobalOptions
    @Argument(help: "A claim, header field or response field, such as aud, xms_mirid, expires_in.")
    public var name: String?
    public init() {}

    public func execute(in session: LabSession) throws {
        let wrapper = TextWrapper(style: session.style)
        guard let name else {
            var lines = ["Token claims, header fields and IMDS response fields the lab explains (glossary <name> for one):", ""]
            lines += wrapper.wrap([StyledRun(ClaimGlossary.allNames.joined(separator: ", "))], width: session.style.width, firstPrefix: "  ", prefix: "  ")
            session.console.print(lines)
            return
        }
        guard let info = ClaimGlossary.lookup(name) else {
            let suggestion = Suggestion.nearest(to: name, in: ClaimGlossary.allNames)
            throw LabCLIError.badLine("'\(name)' is not in the glossary" + (suggestion.map { ". Did you mean '\($0)'?" } ?? ". Type 'glossary' for the list."))
        }
        var lines = [session.console.paint("\(info.name): \(info.title)", "1")]
        lines += wrapper.wrap([StyledRun(info.meaning)], width: session.style.width, firstPrefix: "  ", prefix: "  ")
        session.console.print(lines)
    }
}

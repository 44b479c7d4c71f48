import ArgumentParser
import Foundation
import LabContent
import LabKit
import LabTerminal
import LabTokens

/// `glossary [word]`: a course term (managed identity, scope, IMDS...) or a token claim (aud, xms_mirid...).
public struct GlossaryCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "glossary", abstract: "Explain a term of the course or a token claim (glossary scope, glossary aud), or list them all.")
    @OptionGroup public var global: GlobalOptions
    @Argument(help: "A term (such as 'managed identity', IMDS, scope) or a claim (aud, xms_mirid, expires_in).")
    public var words: [String] = []
    public init() {}

    public func execute(in session: LabSession) throws {
        let wrapper = TextWrapper(style: session.style)
        let course = try session.courseGlossary()
        guard !words.isEmpty else {
            var lines = ["Terms of the course (glossary <term>):", ""]
            lines += wrapper.wrap([StyledRun(course.entries.map(\.term).joined(separator: ", "))], width: session.style.width, firstPrefix: "  ", prefix: "  ")
            lines += ["", "Token claims, header fields and IMDS response fields (glossary <name>):", ""]
            lines += wrapper.wrap([StyledRun(ClaimGlossary.allNames.joined(separator: ", "))], width: session.style.width, firstPrefix: "  ", prefix: "  ")
            session.console.print(lines)
            return
        }
        let name = words.joined(separator: " ")
        if let info = ClaimGlossary.lookup(name) {
            var lines = [session.console.paint("\(info.name): \(info.title)", "1")]
            lines += wrapper.wrap([StyledRun(info.meaning)], width: session.style.width, firstPrefix: "  ", prefix: "  ")
            if let term = course.lookup(name) { lines += [""] + entry(term, wrapper: wrapper, session: session) }
            session.console.print(lines)
            return
        }
        if let term = course.lookup(name) {
            session.console.print(entry(term, wrapper: wrapper, session: session))
            return
        }
        let partial = course.entries.filter { $0.term.lowercased().contains(name.lowercased()) }
        if !partial.isEmpty {
            session.console.print(["No entry '\(name)'; terms that contain it:"] + partial.map { "  " + $0.term })
            return
        }
        let suggestion = Suggestion.nearest(to: name, in: ClaimGlossary.allNames + course.allNames)
        throw LabCLIError.badLine("'\(name)' is not in the glossary" + (suggestion.map { ". Did you mean '\($0)'?" } ?? ". Type 'glossary' for the list."))
    }

    private func entry(_ term: CourseGlossary.Entry, wrapper: TextWrapper, session: LabSession) -> [String] {
        var lines = [session.console.paint(term.term, "1") + (term.aliases.isEmpty ? "" : " (also: \(term.aliases.joined(separator: ", ")))")]
        lines += wrapper.wrap([StyledRun(term.definition)], width: session.style.width, firstPrefix: "  ", prefix: "  ")
        lines.append("  Taught in: open \(term.lesson)")
        return lines
    }
}

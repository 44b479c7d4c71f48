import ArgumentParser
import Foundation
import LabKit
import LabTerminal
import LabTokens

/// `inspect [TOKEN | - | @file]`: every header field and claim explained, the signature, and what the token tells you.
public struct InspectCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Explain a token or an IMDS response: every claim, the signature, findings.",
        discussion: """
        Accepts a bare JWT, 'Bearer <jwt>', an 'Authorization: Bearer <jwt>' line, or a whole IMDS / App Service JSON
        response. Give it as an argument, '-' for standard input, or @file. With nothing, the lab asks you to paste it.
        The token never leaves this machine and is never written to history.
        """)
    @OptionGroup public var global: GlobalOptions
    @Argument(help: ArgumentHelp("The token, '-' for stdin, or @file.", valueName: "token"))
    public var token: String?
    @Flag(help: "Print the report as JSON.")
    public var json = false
    public init() {}

    public func execute(in session: LabSession) throws {
        let text = try readInput(session)
        let report = try TokenInspector(now: Date()).inspect(text)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            session.console.print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            session.console.print(TokenPresenter(style: session.style, console: session.console).render(report))
        }
    }

    private func readInput(_ session: LabSession) throws -> String {
        switch token {
        case "-"?:
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        case let value? where value.hasPrefix("@"):
            let path = String(value.dropFirst())
            guard let data = FileManager.default.contents(atPath: path) else { throw TokenError.unreadableFile(path) }
            guard let text = String(data: data, encoding: .utf8) else { throw TokenError.notUTF8 }
            return text
        case let value?:
            return value
        case nil:
            return try paste(session)
        }
    }

    /// Asks for a paste; a JSON response may span lines, so reading goes on until its braces balance.
    private func paste(_ session: LabSession) throws -> String {
        let reader = session.reader()
        let readline = reader as? ReadlineLineReader
        let saved = readline?.recordsHistory
        readline?.recordsHistory = false
        defer { if let saved { readline?.recordsHistory = saved } }
        let interactive = TerminalInfo.stdinIsTerminal
        if interactive { session.console.print("Paste a token or an IMDS response, then press Enter:") }
        var collected = ""
        var depth = 0
        repeat {
            switch reader.readLine(prompt: interactive ? (collected.isEmpty ? "token> " : "...> ") : "") {
            case .line(let line):
                collected += (collected.isEmpty ? "" : "\n") + line
                depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
            case .interrupted, .endOfInput:
                if collected.isEmpty { throw TokenError.empty }
                depth = 0
            }
        } while depth > 0
        return collected
    }
}

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

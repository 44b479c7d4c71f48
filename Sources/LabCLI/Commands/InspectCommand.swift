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
        'inspect sample' lists ready examples signed with the lab's key; 'inspect sample vm-keyvault' shows one.
        --as keyvault|storage|cosmos|sql|openai|arm|servicebus|eventhubs (or --audience URI) walks through the
        checks that service makes. Signatures are checked against --jwks (a file, or a URL on this machine) or, for
        lab tokens, the lab's own key. The token never leaves this machine and is never written to history.
        """)
    @OptionGroup public var global: GlobalOptions
    @Argument(help: ArgumentHelp("The token, '-' for stdin, @file, or 'sample [name]'.", valueName: "token"))
    public var inputs: [String] = []
    @Option(name: .customLong("as"), help: ArgumentHelp("Walk through the validation this service performs.", valueName: "service"))
    public var service: String?
    @Option(help: ArgumentHelp("Walk through validation for this audience URI.", valueName: "uri"))
    public var audience: String?
    @Option(help: ArgumentHelp("Check the signature with this key set: a file, or an http URL on 127.0.0.1/localhost.", valueName: "file|url"))
    public var jwks: String?
    @Flag(help: "Print the report as JSON.")
    public var json = false
    public init() {}

    var token: String? { inputs.first }

    public func validate() throws {
        if service != nil && audience != nil { throw ValidationError("give --as or --audience, not both") }
        if let service, AudienceCatalog.service(named: service) == nil {
            throw ValidationError("unknown service '\(service)'; use one of \(AudienceCatalog.aliases.keys.sorted().joined(separator: ", ")) or --audience URI")
        }
    }

    public func execute(in session: LabSession) throws {
        let now = Date()
        let text: String
        if inputs.first == "sample" {
            guard inputs.count > 1 else {
                session.console.print(["Samples (inspect sample <name>), minted now and signed with the lab's key:"]
                    + TokenSamples.all.map { "  \($0.name.rightPadded(to: 18)) \($0.summary)" })
                return
            }
            let minter = TokenMinter(key: try session.signingKey())
            guard let sample = try TokenSamples.token(inputs[1], minter: minter, now: now) else {
                let names = TokenSamples.all.map(\.name)
                throw LabCLIError.badLine("no sample '\(inputs[1])'" + (Suggestion.nearest(to: inputs[1], in: names).map { ". Did you mean '\($0)'?" } ?? "; samples: \(names.joined(separator: ", "))"))
            }
            if !json { session.console.print([session.console.paint("Sample '\(inputs[1])':", "2"), sample, ""]) }
            text = sample
        } else {
            if inputs.count > 1 { throw LabCLIError.badLine("inspect takes one token; quote it if it contains spaces") }
            text = try readInput(session)
        }
        let inspector = TokenInspector(now: now)
        var (report, decoded) = try inspector.inspectToken(text)
        let (keys, source) = try keySet(for: decoded, session: session)
        if let keys {
            let verdict = keys.verify(decoded)
            report.signature.verified = verdict.passed
            report.signature.note = verdict.explanation + " (keys from \(source ?? "the given set"))"
            if !verdict.passed { report.findings.insert(TokenReport.Finding(severity: .problem, code: "signature", message: "Signature: \(verdict.explanation)."), at: 0) }
        }
        var walkthrough: ValidationWalkthrough?
        if let target = service.flatMap(AudienceCatalog.service(named:)) ?? audience.flatMap(AudienceCatalog.service(for:)) {
            walkthrough = ValidationWalkthrough(token: decoded, service: target, audience: target.audience, jwks: keys, jwksSource: source, now: now)
        } else if let audience {
            walkthrough = ValidationWalkthrough(token: decoded, service: nil, audience: audience, jwks: keys, jwksSource: source, now: now)
        }
        if json {
            struct Output: Encodable { var report: TokenReport; var validation: ValidationWalkthrough? }
            try session.console.printJSON(Output(report: report, validation: walkthrough))
        } else {
            let presenter = TokenPresenter(style: session.style, console: session.console)
            session.console.print(presenter.render(report))
            if let walkthrough { session.console.print(presenter.render(walkthrough)) }
        }
    }

    /// The key set to check the signature with: --jwks, else the lab's key for lab tokens, else none.
    private func keySet(for token: DecodedToken, session: LabSession) throws -> (JWKS?, String?) {
        if let jwks {
            if jwks.hasPrefix("http://") || jwks.hasPrefix("https://") {
                guard let url = URL(string: jwks), let host = url.host, ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else {
                    throw LabCLIError.badLine("--jwks URLs must be on this machine (127.0.0.1 or localhost): the lab never sends anything elsewhere")
                }
                guard let data = try? Data(contentsOf: url) else { throw LabCLIError.badLine("could not fetch \(jwks)") }
                return (try JWKS.parse(data), jwks)
            }
            guard let data = FileManager.default.contents(atPath: jwks) else { throw TokenError.unreadableFile(jwks) }
            return (try JWKS.parse(data), jwks)
        }
        if token.claimString("tid") == LabIssuer.tenantID, FileManager.default.fileExists(atPath: session.signingKeyURL.path) {
            return (try session.signingKey().jwks, "the lab's own key")
        }
        return (nil, nil)
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

import ArgumentParser
import Foundation
import LabIMDS
import LabKit
import LabSim
import LabTokens

/// `imds`: the IMDS emulator, serving the simulated world over real HTTP so curl and Azure SDKs get tokens.
public struct ImdsCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "imds", abstract: "The IMDS emulator: the simulated world over real HTTP, for curl and Azure SDKs.",
        discussion: """
        'lab imds serve' runs it in the foreground until Ctrl-C; in the lab, 'imds start' runs it in the background
        (its requests appear above the prompt and join the simulator's flow and grade), 'imds status' and 'imds stop'.
        'lab imds env' prints the lines that point Azure SDKs at it: eval "$(lab imds env)".
        It listens on 127.0.0.1 unless --host says otherwise, and the signing key never leaves the state folder.
        """,
        subcommands: [ImdsServeCommand.self, ImdsStartCommand.self, ImdsStopCommand.self, ImdsStatusCommand.self, ImdsEnvCommand.self, ImdsFailCommand.self])
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        session.console.print(Self.helpMessage(columns: session.style.width).replacingOccurrences(of: "USAGE: lab ", with: "USAGE: "))
    }
}

/// Options shared by `imds serve` and `imds start`.
public struct EmulatorOptions: ParsableArguments {
    @Option(help: "Address to listen on (default 127.0.0.1; anything else exposes tokens to the network).")
    public var host = "127.0.0.1"
    @Option(help: "Port (default 41741, the port the simulator's IDENTITY_ENDPOINT uses; 0 picks a free one).")
    public var port = 41741
    @Option(help: ArgumentHelp("Serve this saved world (YAML).", valueName: "file"))
    public var world: String?
    @Option(help: ArgumentHelp("Serve this scenario's starting world.", valueName: "id"))
    public var scenario: String?
    @Option(name: .customLong("as"), help: ArgumentHelp("The compute resource whose identities are served (default: the first that has one).", valueName: "resource"))
    public var compute: String?
    @Option(help: ArgumentHelp("Lifetime of new tokens (default 1h, the exam's hour; e.g. 90s, 10m, 24h).", valueName: "duration"))
    public var tokenLifetime = "1h"
    @Flag(help: "Throttle as IMDS does: 20 requests per second and 5 at once, then 429.")
    public var rateLimit = false
    @Option(help: ArgumentHelp("Fail the next token requests with this status (404, 410, 429, 500; add :N for N requests, default 3) to watch SDK retries.", valueName: "status[:n]"))
    public var fail: String?
    @Option(help: ArgumentHelp("Sign tokens as if the clock were off by this much (e.g. 10m, -10m).", valueName: "duration"))
    public var clockSkew: String?
    public init() {}

    func configuration(session: LabSession) throws -> EmulatorConfiguration {
        if world != nil && scenario != nil { throw LabCLIError.badLine("give --world or --scenario, not both") }
        let chosen: World
        if let world {
            guard let text = try? String(contentsOfFile: world, encoding: .utf8) else { throw LabCLIError.badLine("cannot read \(world)") }
            chosen = try WorldFile.decode(text, file: world)
        } else if let scenario {
            chosen = try session.scenarios().scenario(scenario).world
        } else if let current = session.simulator?.world {
            chosen = current
        } else {
            throw LabCLIError.badLine("no world to serve: give --world FILE or --scenario ID, or build one with 'sim' first")
        }
        guard let lifetime = SimCommand.parseDuration(tokenLifetime), lifetime >= 60 else { throw LabCLIError.badLine("--token-lifetime must be a duration of a minute or more, such as 10m or 1h") }
        var skew: TimeInterval = 0
        if let clockSkew {
            let negative = clockSkew.hasPrefix("-")
            guard let value = SimCommand.parseDuration(negative ? String(clockSkew.dropFirst()) : clockSkew) else { throw LabCLIError.badLine("--clock-skew is a duration such as 10m or -10m") }
            skew = negative ? -value : value
        }
        var failures: FailureInjection?
        if let fail {
            let parts = fail.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard let first = parts.first, let status = Int(first), parts.count <= 2, let count = parts.count == 2 ? Int(parts[1]) : 3 else {
                throw LabCLIError.badLine("--fail is a status code, optionally :N, such as 410 or 500:2")
            }
            failures = try FailureInjection(status: status, count: count)
        }
        guard (0...65535).contains(port) else { throw LabCLIError.badLine("--port must be 0 to 65535") }
        return EmulatorConfiguration(host: host, port: port, world: chosen, computeName: compute, tokenLifetime: lifetime, clockSkew: skew,
                                     rateLimit: rateLimit ? .imds : nil, failures: failures)
    }
}

/// `imds serve`: foreground, live log on stdout, until Ctrl-C.
public struct ImdsServeCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the emulator in the foreground until Ctrl-C, printing every request.")
    @OptionGroup public var global: GlobalOptions
    @OptionGroup public var options: EmulatorOptions
    @Flag(help: "Do not print every request (for load tests).")
    public var quiet = false
    public init() {}

    @Sendable static func printRecord(_ record: EmulatorLogRecord) {
        Swift.print(record.summary)
    }

    public func execute(in session: LabSession) throws {
        if session.lineReader != nil { throw LabCLIError.badLine("in the lab, use 'imds start' to run the emulator in the background") }
        let configuration = try options.configuration(session: session)
        if let warning = configuration.exposureWarning { session.console.error("warning: \(warning)") }
        let key = try session.signingKey()
        setvbuf(stdout, nil, _IOLBF, 0)
        var printer: (@Sendable (EmulatorLogRecord) -> Void)?
        if !quiet { printer = Self.printRecord }
        let emulator = try IMDSEmulator(configuration: configuration, key: key, onRecord: printer)
        let stateFile = session.paths.stateDirectory.appendingPathComponent("imds.json")
        let host = configuration.host
        try EmulatorHost.wait {
            try await emulator.serve { port in
                Swift.print("IMDS emulator listening on http://\(host):\(port) as \(emulator.status.compute) (Ctrl-C stops it)")
                Swift.print("Point SDKs at it from another shell with: eval \"$(lab imds env)\"")
                for line in emulator.envLines(port: port) { Swift.print("  " + line) }
                ImdsEnvCommand.remember(port: port, host: host, header: configuration.identityHeader,
                                        endpoint: emulator.status.endpoint ?? .imds, in: stateFile)
            }
        }
        try? FileManager.default.removeItem(at: stateFile)
        Swift.print("IMDS emulator stopped.")
    }
}

/// `imds start`: in the background of this lab session.
public struct ImdsStartCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "start", abstract: "Run the emulator in the background of this lab session.")
    @OptionGroup public var global: GlobalOptions
    @OptionGroup public var options: EmulatorOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        guard session.lineReader != nil else {
            throw LabCLIError.badLine("'imds start' runs inside the lab (open it with 'lab'); from a shell use 'lab imds serve'")
        }
        if let host = session.emulatorHost { throw LabCLIError.badLine("the emulator already runs on port \(host.port); 'imds stop' first") }
        let configuration = try options.configuration(session: session)
        if let warning = configuration.exposureWarning { session.console.error("warning: \(warning)") }
        let compute = try configuration.resolveCompute().name
        let relay = RecordRelay()
        let emulator = try IMDSEmulator(configuration: configuration, key: try session.signingKey(), onRecord: { record in relay.host?.received(record, compute: compute) })
        let port = try EmulatorHost.wait { try await emulator.start() }
        let host = EmulatorHost(emulator: emulator, port: port)
        relay.host = host
        session.emulatorHost = host
        ImdsEnvCommand.remember(port: port, host: configuration.host, header: configuration.identityHeader,
                                endpoint: emulator.status.endpoint ?? .imds, in: session.paths.stateDirectory.appendingPathComponent("imds.json"))
        session.console.print(["IMDS emulator listening on http://\(configuration.host):\(port) as \(compute). Requests appear here as they arrive.",
                               "In another shell: eval \"$(lab imds env)\", then curl or an Azure SDK:"]
                              + emulator.envLines(port: port).map { "  " + $0 }
                              + ["  curl -s -H 'Metadata: true' 'http://127.0.0.1:\(port)/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net'"])
    }
}

/// Hands records to the host once it exists (the emulator is made before the host that wraps it).
final class RecordRelay: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: EmulatorHost?
    var host: EmulatorHost? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// `imds stop`.
public struct ImdsStopCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the background emulator.")
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        guard let host = session.emulatorHost else { throw LabCLIError.badLine("the emulator is not running ('imds start' starts it)") }
        let emulator = host.emulator
        session.stopEmulator()
        let served = emulator.status.requests
        session.console.print("IMDS emulator stopped (\(served) request\(served == 1 ? "" : "s") served).")
    }
}

/// `imds status`.
public struct ImdsStatusCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "status", abstract: "Whether the emulator runs, where, and what it has served.")
    @OptionGroup public var global: GlobalOptions
    public init() {}

    public func execute(in session: LabSession) throws {
        guard let host = session.emulatorHost else {
            session.console.print("The emulator is not running in this lab ('imds start', or 'lab imds serve' from a shell).")
            return
        }
        let s = host.emulator.status
        var lines = ["IMDS emulator on http://\(s.host):\(host.port) as \(s.compute) (\(s.endpoint == .appService ? "App Service endpoint /msi/token and IMDS" : "IMDS and the App Service endpoint")).",
                     "Requests \(s.requests), tokens signed \(s.tokensIssued), cache hits \(s.cacheHits), throttled \(s.throttled), injected failures left \(s.injectedFailuresLeft)."]
        if let warning = s.exposureWarning { lines.append("Warning: \(warning)") }
        session.console.print(lines)
    }
}

/// `imds fail <status> [n]`: make the next requests fail, to watch an SDK retry.
public struct ImdsFailCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "fail", abstract: "Fail the next token requests with 404, 410, 429 or 500, to watch SDK retries.")
    @OptionGroup public var global: GlobalOptions
    @Argument(help: "The status code.") public var status: Int
    @Argument(help: "How many requests (default 3).") public var count = 3
    public init() {}

    public func execute(in session: LabSession) throws {
        guard let host = session.emulatorHost else { throw LabCLIError.badLine("the emulator is not running ('imds start' starts it)") }
        host.emulator.injectFailures(try FailureInjection(status: status, count: count))
        session.console.print("The next \(count) token request\(count == 1 ? "" : "s") will get \(status).")
    }
}

/// `imds env`: the environment lines for the running emulator, for `eval "$(lab imds env)"`.
public struct ImdsEnvCommand: SessionCommand {
    public static let configuration = CommandConfiguration(commandName: "env", abstract: "Print the lines that point Azure SDKs at the emulator: eval \"$(lab imds env)\".")
    @OptionGroup public var global: GlobalOptions
    @Option(help: "Use this port instead of the running emulator's.") public var port: Int?
    @Option(help: ArgumentHelp("imds or app-service (default: what the served resource uses).", valueName: "endpoint")) public var endpoint: String?
    public init() {}

    struct Remembered: Codable { var host: String; var port: Int; var header: String; var endpoint: String }

    static func remember(port: Int, host: String, header: String, endpoint: IdentityEndpointKind, in file: URL) {
        let value = Remembered(host: host, port: port, header: header, endpoint: endpoint.rawValue)
        if let data = try? JSONEncoder().encode(value) { FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600]) }
    }

    public func execute(in session: LabSession) throws {
        let file = session.paths.stateDirectory.appendingPathComponent("imds.json")
        let remembered = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(Remembered.self, from: $0) }
        if remembered == nil && port == nil {
            session.console.error("no emulator is running (lab imds serve); printing the lines for the default port 41741")
        }
        var kind = IdentityEndpointKind(rawValue: remembered?.endpoint ?? "imds") ?? .imds
        if let endpoint {
            guard let chosen = IdentityEndpointKind(rawValue: endpoint) else { throw LabCLIError.badLine("--endpoint is imds or app-service") }
            kind = chosen
        }
        session.console.print(IMDSEmulator.envLines(host: remembered?.host ?? "127.0.0.1", port: port ?? remembered?.port ?? 41741,
                                                    identityHeader: remembered?.header ?? EmulatorConfiguration.defaultIdentityHeader, endpoint: kind))
    }
}

import Foundation
import Hummingbird
import LabKit
import LabSim
import LabTokens
import Logging

/// The HTTP emulator of IMDS and App Service's identity endpoint, driven by a LabSim world: started in the
/// REPL's background (`imds start|stop|status`) or in the foreground (`lab imds serve`). Prints nothing.
public final class IMDSEmulator: @unchecked Sendable {
    /// What `imds status` shows.
    public struct Status: Sendable, Equatable {
        public var running: Bool
        public var host: String
        public var port: Int?
        public var compute: String
        public var endpoint: IdentityEndpointKind?
        public var requests: Int
        public var tokensIssued: Int
        public var cacheHits: Int
        public var throttled: Int
        public var injectedFailuresLeft: Int
        public var exposureWarning: String?
    }

    public let configuration: EmulatorConfiguration
    let state: EmulatorState
    let clock: any LabClock
    private let service: TokenService
    private let jwksText: String
    private let lock = NSLock()
    private var runTask: Task<Void, any Error>?
    private var boundPort: Int?

    /// Resolves the served compute resource now, so a wrong `--as` fails before anything listens.
    public init(configuration: EmulatorConfiguration, key: LabSigningKey, clock: any LabClock = SystemClock(),
                onRecord: (@Sendable (EmulatorLogRecord) -> Void)? = nil) throws {
        self.configuration = configuration
        self.clock = clock
        let compute = try configuration.resolveCompute()
        service = TokenService(key: key, lifetime: configuration.tokenLifetime, identityHeader: configuration.identityHeader)
        jwksText = key.jwks.json()
        state = EmulatorState(world: configuration.world, compute: compute, rateLimit: configuration.rateLimit,
                              failures: configuration.failures, logCapacity: configuration.logCapacity, onRecord: onRecord)
    }

    // MARK: Routes

    /// The router with every route and the JSON error middleware; tests drive it with `app.test(.router)`.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: EmulatorMiddleware(state: state, clock: clock))
        IMDSRoutes(state: state, service: service, clock: clock, clockSkew: configuration.clockSkew, throttleIMDS: configuration.rateLimit != nil,
                   jwksText: jwksText, fallbackBase: { [weak self] in self?.baseURL ?? "http://127.0.0.1" }).add(to: router)
        return router
    }

    /// The Hummingbird application; `onBound` receives the port the socket really got (useful with port 0).
    public func makeApplication(onBound: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "lab.imds")
        logger.logLevel = .critical
        return Application(router: makeRouter(),
                           configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
                           onServerRunning: { channel in await onBound(channel.localAddress?.port ?? 0) },
                           logger: logger)
    }

    // MARK: Running

    /// Starts listening in the background and returns the bound port once the socket is open.
    public func start() async throws -> Int {
        if let port = currentPort { throw IMDSError.alreadyRunning(port: port) }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = makeApplication { port in continuation.yield(port); continuation.finish() }
        let task = Task<Void, any Error> {
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        for await port in ports {
            lock.withLock { runTask = task; boundPort = port }
            return port
        }
        do { try await task.value } catch {
            throw IMDSError.couldNotBind(host: configuration.host, port: configuration.port, reason: String(describing: error))
        }
        throw IMDSError.couldNotBind(host: configuration.host, port: configuration.port, reason: "the server stopped before it listened")
    }

    /// Stops a background server gracefully and waits until the socket is closed.
    public func stop() async {
        let task = lock.withLock { () -> Task<Void, any Error>? in
            defer { runTask = nil; boundPort = nil }
            return runTask
        }
        guard let task else { return }
        task.cancel()
        _ = try? await task.value
    }

    /// Runs in the foreground until SIGINT or SIGTERM, then shuts down gracefully (`lab imds serve`).
    public func serve(onBound: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = makeApplication { [weak self] port in
            self?.lock.withLock { self?.boundPort = port }
            await onBound(port)
        }
        defer { lock.withLock { boundPort = nil } }
        try await app.runService(gracefulShutdownSignals: [.sigint, .sigterm])
    }

    public var currentPort: Int? { lock.withLock { boundPort } }

    var baseURL: String {
        let port = currentPort ?? configuration.port
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    public var status: Status {
        let counters = state.snapshot
        let served = state.served
        return Status(running: currentPort != nil, host: configuration.host, port: currentPort, compute: served.compute.name,
                      endpoint: served.compute.kind.endpoint, requests: counters.requests, tokensIssued: counters.tokensIssued,
                      cacheHits: counters.cacheHits, throttled: counters.throttled,
                      injectedFailuresLeft: state.pendingFailures?.count ?? 0, exposureWarning: configuration.exposureWarning)
    }

    // MARK: Changing it while it runs

    /// Fails the next token requests on purpose (`imds fail 410 3`), or clears pending failures with nil.
    public func injectFailures(_ injection: FailureInjection?) { state.injectFailures(injection) }

    /// Serves another world (and compute resource) from now on; cached tokens are dropped.
    public func replaceWorld(_ world: World, computeName: String? = nil) throws {
        var configuration = configuration
        configuration.world = world
        configuration.computeName = computeName
        state.replace(world: world, compute: try configuration.resolveCompute())
    }

    // MARK: Reading the log

    /// Records numbered above `sequence` still in the ring (the last `logCapacity`), oldest first.
    public func records(after sequence: Int = 0) -> [EmulatorLogRecord] { state.records(after: sequence) }

    // MARK: Environment

    /// The `export` lines that point Azure SDKs at this emulator (`eval "$(lab imds env)"`), for the endpoint the
    /// served compute has; `endpoint` overrides it. No comment lines, so an unquoted `eval $(...)` works too.
    public func envLines(port: Int, endpoint: IdentityEndpointKind? = nil) -> [String] {
        Self.envLines(host: configuration.host, port: port, identityHeader: configuration.identityHeader,
                      endpoint: endpoint ?? state.served.compute.kind.endpoint ?? .imds)
    }

    /// IMDS_ENDPOINT is never exported: with IDENTITY_ENDPOINT it makes azure-identity and MSAL think they run on Azure Arc.
    public static func envLines(host: String, port: Int, identityHeader: String, endpoint: IdentityEndpointKind) -> [String] {
        let connectHost = (host == "0.0.0.0" || host == "::") ? "127.0.0.1" : (host.contains(":") ? "[\(host)]" : host)
        let base = "http://\(connectHost):\(port)"
        switch endpoint {
        case .appService:
            return ["export IDENTITY_ENDPOINT=\(base)\(TokenService.appServicePath)",
                    "export IDENTITY_HEADER=\(shellQuoted(identityHeader))",
                    "export AZURE_POD_IDENTITY_AUTHORITY_HOST=\(base)",
                    "unset MSI_ENDPOINT MSI_SECRET IMDS_ENDPOINT"]
        case .imds:
            return ["export AZURE_POD_IDENTITY_AUTHORITY_HOST=\(base)",
                    "unset IDENTITY_ENDPOINT IDENTITY_HEADER MSI_ENDPOINT MSI_SECRET IMDS_ENDPOINT"]
        }
    }

    static func shellQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

import Foundation
import LabKit
import LabTokens

/// The simulator: a world the learner changes command by command, the runs they make against it, and the
/// feedback each step earns. Time is simulated (starting at the injected clock) so `wait` can expire tokens.
public final class Simulator {
    public private(set) var world: World
    public private(set) var runs: [SimRun] = []
    public let scenario: Scenario?
    public let service: TokenService
    public let jwks: JWKS
    private var history: [World] = []
    private var caches: [String: TokenCache] = [:]
    /// Tokens each app holds, by identity and audience: what `call` sends.
    private var held: [String: [(principalID: String, audience: String, token: String, expiresOn: Date)]] = [:]
    private let start: Date
    public private(set) var elapsed: TimeInterval = 0

    /// What one command produced: messages for the learner, feedback, and the run it made, if any.
    public struct Reply: Sendable {
        public var messages: [String] = []
        public var feedback: [Feedback] = []
        public var run: SimRun?
        public var changedWorld = false
    }

    public init(world: World, scenario: Scenario? = nil, key: LabSigningKey, clock: LabClock, lifetime: TimeInterval = 3600) {
        self.world = world
        self.scenario = scenario
        self.service = TokenService(key: key, lifetime: lifetime)
        self.jwks = key.jwks
        self.start = clock.now()
    }

    /// The simulated now.
    public var now: Date { start.addingTimeInterval(elapsed) }

    /// Back to the starting world, with no runs.
    public func reset(to world: World) {
        history.append(self.world)
        self.world = world
        runs.removeAll()
        caches.removeAll()
        held.removeAll()
    }

    /// Runs one command; a refusal throws `SimError` and changes nothing.
    @discardableResult
    public func run(_ command: SimCommand) throws -> Reply {
        switch command {
        case .token(let from, let resource, let selector):
            return try requestToken(from: from, resource: resource, selector: selector)
        case .http(let from, let request):
            return try sendHTTP(from: from, request: request)
        case .call(let target, let operation, let from):
            return try call(target: target, operation: operation, from: from)
        case .wait(let seconds):
            elapsed += seconds
            var reply = Reply()
            reply.messages = ["\(Self.duration(seconds)) pass. Simulated time: \(Self.timestamp(now))."]
            let expired = held.values.flatMap { $0 }.filter { $0.expiresOn <= now }
            if !expired.isEmpty {
                reply.feedback.append(Feedback(.note, "\(expired.count) token(s) the apps hold have now expired: a call with one gets 401. SDKs refresh before expiry; raw code must ask again.", rule: "token-lifetime"))
            }
            return reply
        case .session(let word, _):
            throw SimError.usage("'\(word)' is handled by the lab, not the world")
        default:
            var next = world
            var reply = Reply()
            try WorldEditor.apply(command, to: &next, reply: &reply)
            history.append(world)
            world = next
            reply.changedWorld = true
            forgetDetachedTokens()
            return reply
        }
    }

    /// Adds runs that happened outside the simulator's own commands (requests to the HTTP emulator).
    public func record(_ external: [SimRun]) {
        runs += external
    }

    /// Steps back one world change; runs stay recorded.
    public func undo() -> Bool {
        guard let previous = history.popLast() else { return false }
        world = previous
        forgetDetachedTokens()
        return true
    }

    /// A deleted (or re-created) app, or an identity taken away, leaves no token behind: the new process has none.
    private func forgetDetachedTokens() {
        for (name, tokens) in held {
            guard let compute = world.computeResource(name) else { held[name] = nil; caches[name] = nil; continue }
            let attached = Set(TokenService.attachedIdentities(of: compute, in: world).map(\.ids.principalID))
            held[name] = tokens.filter { attached.contains($0.principalID) }
        }
        for name in caches.keys where world.computeResource(name) == nil { caches[name] = nil }
    }

    /// The principal a request from `compute` with this selector would get, if it can be told.
    private func selectedPrincipal(of compute: ComputeResource, selector: SimCommand.Selector?) -> String? {
        let attached = TokenService.attachedIdentities(of: compute, in: world)
        switch selector {
        case nil: return TokenService.defaultIdentity(among: attached)?.ids.principalID
        case .clientID(let id)?: return attached.first { $0.ids.clientID.lowercased() == id.lowercased() }?.ids.principalID
        case .objectID(let id)?: return attached.first { $0.ids.principalID.lowercased() == id.lowercased() }?.ids.principalID
        case .identityName(let name)?: return attached.first { $0.name == name }?.ids.principalID
        case .resourceID(let id)?:
            return attached.first { if case .user(let n, _) = $0, let i = world.identity(n) { return world.resourceID(of: i).lowercased() == id.lowercased() }; return false }?.ids.principalID
        }
    }

    public var canUndo: Bool { !history.isEmpty }

    // MARK: Tokens

    func requestToken(from name: String, resource: String, selector: SimCommand.Selector?) throws -> Reply {
        let compute = try computeNamed(name)
        let audience = world.target(resource)?.kind.audience ?? resource
        guard let endpoint = compute.kind.endpoint else {
            return record(from: compute, mode: .sdk, request: SimHTTPRequest(url: "http://\(TokenService.imdsHost)\(TokenService.imdsPath)"),
                          endpoint: .imds)
        }
        var query: [(name: String, value: String)] = [("api-version", endpoint == .imds ? "2018-02-01" : "2019-08-01"), ("resource", audience)]
        switch selector {
        case .clientID(let id)?: query.append(("client_id", id))
        case .objectID(let id)?: query.append((endpoint == .imds ? "object_id" : "principal_id", id))
        case .resourceID(let id)?: query.append((endpoint == .imds ? "msi_res_id" : "mi_res_id", id))
        case .identityName(let identityName)?:
            guard let identity = world.identity(identityName) else { throw SimError.refused("there is no user-assigned identity called \(identityName)") }
            query.append(("client_id", identity.principal.clientID))
        case nil: break
        }
        // The SDK keeps its own cache per identity: a second ask for the same token sends nothing.
        let wanted = selectedPrincipal(of: compute, selector: selector)
        if let wanted, let cached = held[compute.name]?.last(where: { $0.principalID == wanted && $0.audience == audience && $0.expiresOn.timeIntervalSince(now) > 300 }) {
            var reply = Reply()
            reply.messages = ["ManagedIdentityCredential answered from its own cache: no request was sent (the token has \(Self.duration(cached.expiresOn.timeIntervalSince(now))) left)."]
            reply.feedback.append(Feedback(.goodPractice, "Caching the token and reusing it until shortly before expiry is what the SDKs do; it keeps you clear of IMDS throttling.", rule: "token-lifetime"))
            return reply
        }
        let request: SimHTTPRequest
        switch endpoint {
        case .imds:
            request = SimHTTPRequest(method: "GET", path: TokenService.imdsPath, query: query, headers: [("Metadata", "true")], host: TokenService.imdsHost)
        case .appService:
            request = SimHTTPRequest(method: "GET", path: TokenService.appServicePath, query: query,
                                     headers: [("X-IDENTITY-HEADER", service.identityHeader)], host: "127.0.0.1:41741")
        }
        return record(from: compute, mode: .sdk, request: request, endpoint: endpoint)
    }

    func sendHTTP(from name: String, request: SimHTTPRequest) throws -> Reply {
        let compute = try computeNamed(name)
        let host = request.host.lowercased()
        if host.hasPrefix("login.microsoftonline.com") || host.hasPrefix("sts.windows.net") || host.hasPrefix("login.windows.net") {
            var reply = Reply()
            let run = SimRun.directToEntra(from: compute.name, request: request, at: now)
            runs.append(run)
            reply.run = run
            reply.messages = ["HTTP 401 Unauthorized",
                              SimHTTPResponse.error(401, "invalid_client", "AADSTS7000216: 'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.").body]
            reply.feedback.append(Feedback(.mistake, "Code never calls Microsoft Entra ID for a managed identity token: it has no secret to prove who it is. It asks the local endpoint (IMDS, or IDENTITY_ENDPOINT on App Service), which asks Entra ID on the resource's behalf.", rule: "imds-intermediary"))
            return reply
        }
        let endpoint: IdentityEndpointKind
        if host == TokenService.imdsHost {
            endpoint = .imds
        } else if request.url.lowercased().hasPrefix(TokenService.appServiceEndpoint.lowercased()) || host == "127.0.0.1" || host == "localhost" {
            endpoint = .appService
        } else {
            var reply = Reply()
            reply.messages = ["No answer: the lab's network has no host '\(request.host)'. Token requests go to http://\(TokenService.imdsHost)\(TokenService.imdsPath) (VMs and the like) or to IDENTITY_ENDPOINT (App Service and Functions: \(TokenService.appServiceEndpoint))."]
            return reply
        }
        return record(from: compute, mode: .http, request: request, endpoint: endpoint)
    }

    private func record(from compute: ComputeResource, mode: SimRun.Mode, request: SimHTTPRequest, endpoint: IdentityEndpointKind) -> Reply {
        var reply = Reply()
        var exchange: TokenService.Exchange
        if compute.kind == .onPremServer {
            exchange = TokenService.Exchange(endpoint: endpoint, request: request, response: .unreachable("\(compute.name) is outside Azure: there is no IMDS and no identity endpoint (link-local 169.254.169.254 exists only inside Azure)"),
                                             identity: nil, token: nil, fromCache: false,
                                             problem: .init(rule: "no-on-premises-identity", why: "managed identities exist only on Azure resources; on-premises code needs another credential (Azure Arc-enabled servers are the exception)"), reachedEntra: false)
        } else if compute.kind.endpoint != endpoint {
            let why = endpoint == .imds
                ? "App Service and Functions do not expose IMDS to your code: use IDENTITY_ENDPOINT with the X-IDENTITY-HEADER header"
                : "the App Service identity endpoint exists only in App Service and Functions; \(compute.kind.displayName)s ask IMDS at \(TokenService.imdsHost)"
            exchange = TokenService.Exchange(endpoint: endpoint, request: request, response: .unreachable(why), identity: nil, token: nil, fromCache: false,
                                             problem: .init(rule: "imds-intermediary", why: why), reachedEntra: false)
        } else {
            var cache = caches[compute.name] ?? TokenCache()
            let heldValid = held[compute.name]?.contains { $0.expiresOn.timeIntervalSince(now) > 300 && request.parameter("resource") == $0.audience } ?? false
            exchange = service.answer(request, endpoint: endpoint, from: compute, in: world, now: now, cache: &cache)
            caches[compute.name] = cache
            if exchange.fromCache && heldValid && mode == .http {
                reply.feedback.append(Feedback(.mistake, "You asked again while the app still held a valid token. Ask once and reuse the token until shortly before it expires; the SDKs cache for you, and IMDS throttles at 20 requests per second.", rule: "token-lifetime"))
            }
        }
        let run = SimRun.token(from: compute.name, mode: mode, exchange: exchange, at: now)
        runs.append(run)
        reply.run = run
        if let token = exchange.token, exchange.response.status == 200, let principal = exchange.identity?.ids.principalID {
            let audience = exchange.response.field("resource") ?? ""
            let expiresOn = exchange.expiresOn ?? now.addingTimeInterval(service.lifetime)
            held[compute.name, default: []].removeAll { $0.audience == audience && $0.principalID == principal }
            held[compute.name, default: []].append((principal, audience, token, expiresOn))
            reply.feedback.append(Feedback(.goodPractice, "The token came from the local endpoint, not from a stored secret: nothing to leak or rotate.", rule: "imds-intermediary"))
            if !exchange.fromCache {
                reply.feedback.append(Feedback(.note, "Exam: the token lasts 1 hour (expires_in 3600). Platform: managed identity tokens are cached by the back end for about 24 hours.", rule: "token-lifetime"))
            }
        } else if let problem = exchange.problem {
            reply.feedback.append(Feedback(.mistake, problem.why, rule: problem.rule))
        }
        return reply
    }

    // MARK: Calls

    func call(target name: String, operation: DataOperation, from: String?) throws -> Reply {
        guard let target = world.target(name) else {
            throw SimError.refused("there is no target called \(name)" + suggestion(name, in: world.targets.map(\.name)))
        }
        let caller: String
        if let from {
            caller = try computeNamed(from).name
        } else if let last = runs.last(where: { if case .token(_, _, let e, _) = $0 { return e.token != nil }; return false })?.caller {
            caller = last
        } else {
            throw SimError.refused("no app holds a token yet: run 'token <resource> \(name)' first")
        }
        guard let tokens = held[caller], !tokens.isEmpty else {
            throw SimError.refused("\(caller) holds no token yet: run 'token \(caller) \(name)' first")
        }
        let token = tokens.last(where: { $0.audience.trimmingSlash == target.kind.audience.trimmingSlash }) ?? tokens.last!
        let result = TargetCall.make(token: token.token, caller: caller, target: target, operation: operation, world: world, jwks: jwks, now: now)
        let run = SimRun.call(result, at: now)
        runs.append(run)
        var reply = Reply()
        reply.run = run
        if result.succeeded {
            if let scope = world.roleAssignments.first(where: { $0.principalID == result.principalID && world.scope($0.scope, covers: target) })?.scope, scope.breadth <= 1 {
                reply.feedback.append(Feedback(.goodPractice, "Access comes from a data role at the narrowest scope that works.", rule: "narrowest-scope"))
            }
        } else {
            reply.feedback.append(Feedback(.mistake, result.reason, rule: result.rule))
        }
        return reply
    }

    // MARK: Helpers

    func computeNamed(_ name: String) throws -> ComputeResource {
        guard let compute = world.computeResource(name) else {
            if world.target(name) != nil { throw SimError.refused("\(name) is a target; tokens are requested from inside compute resources") }
            throw SimError.refused("there is no compute resource called \(name)" + suggestion(name, in: world.compute.map(\.name)))
        }
        return compute
    }

    func suggestion(_ name: String, in names: [String]) -> String {
        WorldEditor.suggestionText(name, names)
    }

    static func duration(_ seconds: TimeInterval) -> String {
        TimeText.duration(Int(seconds.rounded()))
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The runs since the last token request of `caller` (or of the last app that asked): what `flow` draws.
    public func lastFlow() -> [SimRun] {
        guard let index = runs.lastIndex(where: { if case .call = $0 { return false }; return true }) else {
            return runs.last.map { [$0] } ?? []
        }
        let caller = runs[index].caller
        return [runs[index]] + runs[(index + 1)...].filter { $0.caller == caller }
    }
}

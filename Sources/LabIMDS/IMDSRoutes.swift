import Foundation
import Hummingbird
import LabKit
import LabSim
import LabTokens

/// The emulator's routes: IMDS and App Service token endpoints answered by LabSim's `TokenService`,
/// OpenID discovery and the lab key's JWKS (public part only).
struct IMDSRoutes: Sendable {
    static let discoveryPath = "/.well-known/openid-configuration"
    static let keysPath = "/discovery/keys"
    /// Parameters either endpoint understands; anything else is ignored and logged, as real clients send extras.
    static let knownParameters: Set<String> = [
        "api-version", "resource", "client_id", "object_id", "msi_res_id", "mi_res_id", "principal_id", "clientid", "bypass_cache",
    ]

    let state: EmulatorState
    let service: TokenService
    let clock: any LabClock
    let clockSkew: TimeInterval
    let throttleIMDS: Bool
    let jwksText: String
    let fallbackBase: @Sendable () -> String

    static func isKnown(_ path: String) -> Bool {
        if [TokenService.imdsPath, TokenService.appServicePath, discoveryPath, keysPath].contains(path) { return true }
        let parts = path.split(separator: "/")
        return parts.count >= 2 && (path.hasSuffix(discoveryPath) || path.hasSuffix("/discovery/keys") || path.hasSuffix("/discovery/v2.0/keys"))
    }

    func add(to router: Router<some RequestContext>) {
        router.get(RouterPath(TokenService.imdsPath)) { request, _ in try self.token(request, endpoint: .imds) }
        router.get(RouterPath(TokenService.appServicePath)) { request, _ in try self.token(request, endpoint: .appService) }
        router.get(RouterPath(Self.discoveryPath)) { request, _ in self.discovery(request) }
        router.get("/:tenant/.well-known/openid-configuration") { request, context in
            try Self.checkTenant(context.parameters.get("tenant") ?? "")
            return self.discovery(request)
        }
        router.get(RouterPath(Self.keysPath)) { request, _ in self.keys(request) }
        for path in ["/:tenant/discovery/keys", "/:tenant/discovery/v2.0/keys"] {
            router.get(RouterPath(path)) { request, context in
                try Self.checkTenant(context.parameters.get("tenant") ?? "")
                return self.keys(request)
            }
        }
    }

    static func checkTenant(_ tenant: String) throws {
        guard [LabIssuer.tenantID, "common", "organizations"].contains(tenant.lowercased()) else { throw IMDSError.unknownTenant(tenant) }
    }

    /// One token request: strict query, throttle and injected failures, then the simulator's answer, logged.
    func token(_ request: Request, endpoint: IdentityEndpointKind) throws -> Response {
        let started = clock.now()
        let query = try QueryString.parse(request.uri.query)
        let ignored = query.map(\.name).filter { !Self.knownParameters.contains($0) }
        let selectorNames = ["client_id", "object_id", "msi_res_id", "mi_res_id", "principal_id", "clientid"]
        let selector = query.first { selectorNames.contains($0.name) }.map { "\($0.name)=\($0.value)" }
        var record = EmulatorLogRecord(time: started, method: request.method.rawValue, path: request.uri.path, endpoint: endpoint, selector: selector,
                                       resource: query.first { $0.name == "resource" }?.value, status: 0, ignoredParameters: ignored)
        func finish(_ response: Response) -> Response {
            record.milliseconds = clock.now().timeIntervalSince(started) * 1000
            state.record(record)
            return response
        }

        let counted: Bool
        switch state.admit(at: started, throttle: throttleIMDS && endpoint == .imds) {
        case .refused(let error, let note):
            record.status = error.statusCode
            record.note = note
            record.why = error.errorDescription
            return finish(EmulatorResponse.json(error.body))
        case .admitted(let c): counted = c
        }
        defer { state.finish(counted: counted) }

        let simRequest = SimHTTPRequest(method: request.method.rawValue, path: request.uri.path, query: query,
                                        headers: request.headers.map { (name: $0.name.rawName, value: $0.value) }, host: Self.hostName(request) ?? "127.0.0.1")
        let exchange = state.answer(simRequest, endpoint: endpoint, service: service, now: started.addingTimeInterval(clockSkew))
        record.status = exchange.response.status
        record.rule = exchange.problem?.rule
        record.why = exchange.problem?.why
        record.identity = exchange.identity?.name
        record.fromCache = exchange.fromCache
        record.reachedEntra = exchange.reachedEntra
        record.exchange = exchange
        return finish(EmulatorResponse.json(exchange.response))
    }

    func discovery(_ request: Request) -> Response {
        let base = baseURL(request)
        let tenant = LabIssuer.tenantID
        let fields: [(String, Any)] = [
            ("issuer", LabIssuer.issuer),
            ("authorization_endpoint", "\(base)/\(tenant)/oauth2/authorize"),
            ("token_endpoint", "\(base)/\(tenant)/oauth2/token"),
            ("jwks_uri", "\(base)\(Self.keysPath)"),
            ("response_types_supported", ["code", "id_token", "code id_token", "token id_token", "token"]),
            ("subject_types_supported", ["pairwise"]),
            ("id_token_signing_alg_values_supported", ["RS256"]),
            ("token_endpoint_auth_methods_supported", ["client_secret_post", "private_key_jwt", "client_secret_basic"]),
            ("claims_supported", ["aud", "iss", "iat", "nbf", "exp", "appid", "oid", "sub", "tid", "ver", "xms_mirid"]),
            ("tenant_region_scope", "lab"),
            ("cloud_instance_name", "lab.invalid"),
        ]
        let object = Dictionary(uniqueKeysWithValues: fields)
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return logged(request, EmulatorResponse.json(status: 200, text: String(decoding: data, as: UTF8.self)))
    }

    func keys(_ request: Request) -> Response { logged(request, EmulatorResponse.json(status: 200, text: jwksText)) }

    private func logged(_ request: Request, _ response: Response) -> Response {
        state.record(EmulatorLogRecord(time: clock.now(), method: request.method.rawValue, path: request.uri.path, status: Int(response.status.code)))
        return response
    }

    /// The address the client used (its Host header, if it looks like one), so `jwks_uri` points back at this server.
    func baseURL(_ request: Request) -> String {
        if let host = Self.authority(request), host.range(of: #"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$"#, options: .regularExpression) != nil {
            return "http://\(host)"
        }
        return fallbackBase()
    }

    /// HTTP/1's Host header, which HTTPTypes moves to the `:authority` pseudo-header.
    static func authority(_ request: Request) -> String? {
        request.head.authority ?? request.headers.first { $0.name.canonicalName == "host" }?.value
    }

    static func hostName(_ request: Request) -> String? {
        guard let host = Self.authority(request), !host.isEmpty, host.utf8.count < 256 else { return nil }
        return host.range(of: #"^[A-Za-z0-9.\-:\[\]]+$"#, options: .regularExpression) != nil ? host : nil
    }
}

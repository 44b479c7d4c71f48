import Foundation
import LabTokens

/// The local token service of a compute resource: the checks of fact sheet sections 2 and 3 (IMDS and App
/// Service's identity endpoint), in order, with their status codes and JSON error bodies. Shared by the simulator
/// and the HTTP emulator. Error texts the platform is known to send are in `documentedTexts`; the others are the
/// lab's wording, and `Exchange.labWording` says so to the learner.
public struct TokenService: Sendable {
    public static let imdsHost = "169.254.169.254"
    public static let imdsPath = "/metadata/identity/oauth2/token"
    /// What the simulated App Service platform puts in `IDENTITY_ENDPOINT`.
    public static let appServiceEndpoint = "http://127.0.0.1:41741/msi/token"
    public static let appServicePath = "/msi/token"

    /// What one request produced, for the learner, the flow diagram and the grader.
    public struct Exchange: Sendable, Equatable {
        public var endpoint: IdentityEndpointKind
        public var request: SimHTTPRequest
        public var response: SimHTTPResponse
        public var identity: World.Principal?
        public var token: String?
        public var fromCache: Bool
        /// Where it went wrong: the rule broken and why, in the learner's words.
        public var problem: Problem?
        /// Whether Microsoft Entra ID was asked (a cache hit or an early refusal never reaches it).
        public var reachedEntra: Bool
        /// When the token handed out expires (both endpoints; App Service sends no `expires_in`).
        public var expiresOn: Date?

        /// True when the error text is the lab's own wording rather than one the platform is known to send.
        public var labWording: Bool {
            guard response.status >= 400, let text = response.errorText else { return false }
            return !TokenService.documentedTexts.contains(text)
        }
    }

    /// `error_description` texts seen from the real services (fact sheet section 2; captured IMDS responses).
    public static let documentedTexts: Set<String> = [
        "Required metadata header not specified", "Identity not found",
        "Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request",
        "Unable to load the proper Managed Identity.",
    ]

    public struct Problem: Sendable, Equatable {
        public var rule: String?
        public var why: String
    }

    public var key: LabSigningKey
    /// Seconds a new token lives: 3600 by default (the exam's hour).
    public var lifetime: TimeInterval
    /// The value App Service puts in `IDENTITY_HEADER` (and the older `MSI_SECRET`).
    public var identityHeader: String

    public init(key: LabSigningKey, lifetime: TimeInterval = 3600, identityHeader: String = "lab-identity-header") {
        self.key = key
        self.lifetime = lifetime
        self.identityHeader = identityHeader
    }

    /// Resources Microsoft Entra ID knows in the lab's tenant (every target's audience, Resource Manager, ...).
    public static func isKnownResource(_ resource: String) -> Bool {
        let trimmed = resource.trimmingSlash
        if TargetKind.allCases.contains(where: { $0.audience.trimmingSlash == trimmed }) { return true }
        if AudienceCatalog.service(for: resource) != nil { return true }
        return ["https://management.azure.com", "https://management.core.windows.net", "https://eventhubs.azure.net"].contains(trimmed)
    }

    /// Answers one request made from inside `compute`.
    public func answer(_ request: SimHTTPRequest, endpoint: IdentityEndpointKind, from compute: ComputeResource, in world: World,
                       now: Date, cache: inout TokenCache) -> Exchange {
        var exchange = Exchange(endpoint: endpoint, request: request, response: .unreachable(""), identity: nil, token: nil,
                                fromCache: false, problem: nil, reachedEntra: false, expiresOn: nil)
        func fail(_ response: SimHTTPResponse, rule: String?, _ why: String) -> Exchange {
            var response = response
            if endpoint == .appService, let code = response.field("error") {
                // App Service answers in its own shape; an identity it cannot find is "Unable to load the proper Managed Identity."
                let text = response.field("error_description") ?? code
                let message = ["Identity not found"].contains(text) || text.hasPrefix("Multiple user assigned") ? "Unable to load the proper Managed Identity." : text
                response = .appServiceError(response.status, message)
            }
            exchange.response = response
            exchange.problem = Problem(rule: rule, why: why)
            return exchange
        }
        guard request.method == "GET" else {
            return fail(.error(405, "invalid_request", "The HTTP method \(request.method) is not supported; use GET"), rule: "request-parameters",
                        "the token endpoint answers GET only")
        }
        let legacy = endpoint == .appService && request.parameter("api-version") == "2017-09-01"
        switch endpoint {
        case .imds:
            if request.header("X-Forwarded-For") != nil {
                return fail(.error(400, "invalid_request", "Requests with an X-Forwarded-For header are not accepted"), rule: "metadata-header",
                            "IMDS refuses requests that came through a proxy (X-Forwarded-For)")
            }
            guard request.header("Metadata") == "true" else {
                let sent = request.header("Metadata").map { " (it was '\($0)'; IMDS wants lower-case true)" } ?? ""
                return fail(.error(400, "invalid_request", "Required metadata header not specified"), rule: "metadata-header",
                            "the request has no 'Metadata: true' header\(sent): IMDS refuses it, a guard against server-side request forgery")
            }
        case .appService:
            let headerName = legacy ? "secret" : "X-IDENTITY-HEADER"
            guard let sent = request.header(headerName) else {
                return fail(.error(400, "invalid_request", "The \(headerName) header is missing"), rule: "metadata-header",
                            "App Service's endpoint wants the \(headerName) header with the value of \(legacy ? "MSI_SECRET" : "IDENTITY_HEADER")")
            }
            guard sent == identityHeader else {
                return fail(.error(401, "invalid_request", "The \(headerName) header does not match"), rule: "metadata-header",
                            "the \(headerName) header must carry the current value of \(legacy ? "MSI_SECRET" : "IDENTITY_HEADER") (the platform rotates it)")
            }
        }
        guard let apiVersion = request.parameter("api-version"), !apiVersion.isEmpty else {
            return fail(.error(400, "invalid_request", "Required query variable 'api-version' is missing"), rule: "request-parameters",
                        "the request has no api-version (IMDS: 2018-02-01 or later; App Service: 2019-08-01)")
        }
        if let problem = Self.checkVersion(apiVersion, endpoint: endpoint) {
            return fail(.error(400, "invalid_request", problem), rule: "request-parameters", "api-version '\(apiVersion)' is not one this endpoint accepts")
        }
        guard let resource = request.parameter("resource"), !resource.isEmpty else {
            return fail(.error(400, "invalid_request", "Required audience parameter not specified"), rule: "request-parameters",
                        "the request names no resource: the App ID URI of the target, which becomes the token's aud")
        }

        // Which identity: a selector, else the system-assigned one, else the only user-assigned one.
        let selectorNames: [String]
        switch endpoint {
        case .imds: selectorNames = ["client_id", "object_id", "msi_res_id"]
        case .appService: selectorNames = legacy ? ["clientid"] : ["client_id", "principal_id", "object_id", "mi_res_id"]
        }
        if endpoint == .appService, request.parameter("msi_res_id") != nil {
            return fail(.error(400, "invalid_request", "Unknown parameter msi_res_id; this endpoint selects by mi_res_id"), rule: "selector-required",
                        "App Service spells the resource-id selector mi_res_id (msi_res_id is the IMDS spelling)")
        }
        if endpoint == .imds, request.parameter("mi_res_id") != nil && request.parameter("msi_res_id") == nil {
            return fail(.error(400, "invalid_request", "Unknown parameter mi_res_id; IMDS selects by msi_res_id"), rule: "selector-required",
                        "IMDS spells the resource-id selector msi_res_id (mi_res_id is the App Service spelling)")
        }
        let selectors = selectorNames.compactMap { name in request.parameter(name).map { (name, $0) } }
        if selectors.count > 1 {
            return fail(.error(400, "invalid_request", "Only one of \(selectorNames.joined(separator: ", ")) may be specified"), rule: "selector-required",
                        "a request may carry one selector only")
        }
        let attached = Self.attachedIdentities(of: compute, in: world)
        let chosen: World.Principal
        if let (name, value) = selectors.first {
            let match = attached.first { principal in
                switch name {
                case "client_id", "clientid": return principal.ids.clientID.caseInsensitiveCompare(value) == .orderedSame
                case "object_id", "principal_id": return principal.ids.principalID.caseInsensitiveCompare(value) == .orderedSame
                default:
                    guard case .user(let identityName, _) = principal, let identity = world.identity(identityName) else { return false }
                    return world.resourceID(of: identity).caseInsensitiveCompare(value) == .orderedSame
                }
            }
            guard let match else {
                return fail(.error(400, "invalid_request", "Identity not found"), rule: "selector-required",
                            "\(name)=\(value) names no identity attached to \(compute.name)")
            }
            chosen = match
        } else if let byDefault = Self.defaultIdentity(among: attached) {
            chosen = byDefault
        } else if attached.isEmpty {
            return fail(.error(400, "invalid_request", "Identity not found"), rule: nil,
                        "\(compute.name) has no managed identity: enable the system-assigned one or assign a user-assigned one")
        } else {
            return fail(.error(400, "invalid_request", "Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request"),
                        rule: "selector-required",
                        "\(compute.name) holds \(attached.count) user-assigned identities and no system-assigned one, so the request must say which (client_id)")
        }
        exchange.identity = chosen

        if let cached = cache.valid(principalID: chosen.ids.principalID, resource: resource, at: now) {
            exchange.fromCache = true
            exchange.token = cached.token
            exchange.expiresOn = cached.expiresOn
            exchange.response = Self.success(token: cached.token, clientID: chosen.ids.clientID, resource: resource,
                                             issuedAt: cached.issuedAt, expiresOn: cached.expiresOn, now: now, endpoint: endpoint, legacy: legacy)
            return exchange
        }
        exchange.reachedEntra = true
        guard Self.isKnownResource(resource) else {
            return fail(.error(400, "invalid_resource", "AADSTS500011: The resource principal named \(resource) was not found in the tenant named \(LabIssuer.tenantID)."),
                        rule: "audience-matches-target", "Microsoft Entra ID knows no resource called '\(resource)': use the target's App ID URI")
        }
        var identityResource = world.resourceID(of: compute)
        if case .user(let name, _) = chosen, let identity = world.identity(name) { identityResource = world.resourceID(of: identity) }
        let minted: String
        do {
            minted = try TokenMinter(key: key).mint(TokenMinter.Request(
                audience: resource, identityResourceID: identityResource, clientID: chosen.ids.clientID, principalID: chosen.ids.principalID,
                computeResourceID: world.resourceID(of: compute), issuedAt: now, lifetime: lifetime))
        } catch {
            return fail(.error(500, "server_error", "The token could not be signed"), rule: nil, "the lab could not sign a token: \(error.localizedDescription)")
        }
        let expiresOn = now.addingTimeInterval(lifetime)
        cache.store(TokenCache.Entry(token: minted, issuedAt: now, expiresOn: expiresOn), principalID: chosen.ids.principalID, resource: resource)
        exchange.token = minted
        exchange.expiresOn = expiresOn
        exchange.response = Self.success(token: minted, clientID: chosen.ids.clientID, resource: resource, issuedAt: now,
                                         expiresOn: expiresOn, now: now, endpoint: endpoint, legacy: legacy)
        return exchange
    }

    /// User-assigned identities first in assignment order would hide the default; system-assigned comes first.
    public static func attachedIdentities(of compute: ComputeResource, in world: World) -> [World.Principal] {
        var result: [World.Principal] = []
        if let system = compute.systemIdentity { result.append(.system(resource: compute.name, system)) }
        for name in compute.userIdentities {
            if let identity = world.identity(name) { result.append(.user(name: name, identity.principal)) }
        }
        return result
    }

    /// The identity a request without a selector gets: the system-assigned one, else the only user-assigned one.
    public static func defaultIdentity(among attached: [World.Principal]) -> World.Principal? {
        if let system = attached.first(where: { if case .system = $0 { return true }; return false }) { return system }
        return attached.count == 1 ? attached[0] : nil
    }

    static func checkVersion(_ version: String, endpoint: IdentityEndpointKind) -> String? {
        switch endpoint {
        case .appService:
            return ["2019-08-01", "2017-09-01"].contains(version) ? nil : "Invalid api-version '\(version)'; this endpoint supports 2019-08-01 (and the older 2017-09-01)"
        case .imds:
            let parts = version.split(separator: "-")
            guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }), version >= "2018-02-01", version.count == 10 else {
                return "Invalid api-version '\(version)'; use 2018-02-01 or later"
            }
            return nil
        }
    }

    static func success(token: String, clientID: String, resource: String, issuedAt: Date, expiresOn: Date, now: Date,
                        endpoint: IdentityEndpointKind, legacy: Bool) -> SimHTTPResponse {
        let expiresOnEpoch = String(Int(expiresOn.timeIntervalSince1970))
        let remaining = String(max(0, Int(expiresOn.timeIntervalSince(now))))
        switch endpoint {
        case .imds:
            return SimHTTPResponse(status: 200, fields: [
                ("access_token", token), ("client_id", clientID), ("expires_in", remaining), ("expires_on", expiresOnEpoch),
                ("ext_expires_in", remaining), ("not_before", String(Int(issuedAt.timeIntervalSince1970))), ("resource", resource),
                ("token_type", "Bearer"),
            ])
        case .appService:
            if legacy {
                // A date string (fact sheet section 3); the shape follows Microsoft's old sample, 12-hour clock with AM/PM.
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "UTC")
                formatter.dateFormat = "MM/dd/yyyy hh:mm:ss a '+00:00'"
                return SimHTTPResponse(status: 200, fields: [
                    ("access_token", token), ("expires_on", formatter.string(from: expiresOn)), ("resource", resource), ("token_type", "Bearer"),
                ])
            }
            return SimHTTPResponse(status: 200, fields: [
                ("access_token", token), ("expires_on", expiresOnEpoch), ("resource", resource), ("token_type", "Bearer"), ("client_id", clientID),
            ])
        }
    }
}

extension String {
    var trimmingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}

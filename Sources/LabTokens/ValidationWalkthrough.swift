import Foundation

/// The checks a resource server makes before it honours a token, in order, each passed or failed with the reason.
/// It runs locally from published keys, as Key Vault or Cosmos DB do; it never calls Entra ID.
public struct ValidationWalkthrough: Sendable, Equatable, Codable {
    public struct Step: Sendable, Equatable, Codable {
        public var name: String
        /// nil: cannot be decided here.
        public var passed: Bool?
        public var detail: String

        public init(name: String, passed: Bool?, detail: String) {
            self.name = name
            self.passed = passed
            self.detail = detail
        }
    }

    public var service: String
    public var expectedAudience: String
    public var steps: [Step]
    /// The HTTP status the service would answer with.
    public var outcome: String

    /// Clock skew a validator tolerates on nbf and exp.
    public static let skew: TimeInterval = 300

    public init(token: DecodedToken, service: AudienceCatalog.Service?, audience: String, jwks: JWKS?, jwksSource: String?, now: Date) {
        self.service = service?.name ?? "a service with audience \(audience)"
        expectedAudience = audience
        var steps: [Step] = []
        // 1. Signature.
        if let jwks {
            let verdict = jwks.verify(token)
            steps.append(Step(name: "signature", passed: verdict.passed, detail: verdict.explanation + (jwksSource.map { " (keys from \($0))" } ?? "")))
        } else {
            steps.append(Step(name: "signature", passed: nil, detail: "not checked: no key set. A resource server takes the key named by kid from the issuer's JWKS (OpenID metadata, .../discovery/v2.0/keys), cached; give one with --jwks"))
        }
        // 2. Issuer.
        let iss = token.claimString("iss") ?? ""
        let tid = token.claimString("tid") ?? ""
        let v1 = "https://sts.windows.net/\(tid)/", v2 = "https://login.microsoftonline.com/\(tid)/v2.0"
        if iss.isEmpty {
            steps.append(Step(name: "issuer", passed: false, detail: "no iss claim"))
        } else if iss == v1 || iss == v2 {
            steps.append(Step(name: "issuer", passed: true, detail: "\(iss) is an Entra ID issuer for tenant \(tid)\(tid == LabIssuer.tenantID ? " (the lab's practice tenant)" : "")"))
        } else {
            steps.append(Step(name: "issuer", passed: false, detail: "\(iss) is not https://sts.windows.net/{tid}/ or https://login.microsoftonline.com/{tid}/v2.0 for the token's tenant"))
        }
        // 3. Audience.
        let aud = token.claims["aud"]?.string ?? ""
        if aud == audience {
            steps.append(Step(name: "audience", passed: true, detail: "aud \(aud) is this service's own"))
        } else if AudienceCatalog.normalise(aud) == AudienceCatalog.normalise(audience) {
            steps.append(Step(name: "audience", passed: nil, detail: "aud \(aud) differs from \(audience) only by a trailing slash; aud is exactly the requested resource, and the service may reject a form it does not document: request exactly \(audience)"))
        } else {
            steps.append(Step(name: "audience", passed: false, detail: "aud is \(aud.isEmpty ? "missing" : aud), but this service only accepts \(audience): request the token with resource=\(audience)"))
        }
        // 4. Times, with skew.
        let t = now.timeIntervalSince1970
        if let nbf = token.claimNumber("nbf") {
            let ok = nbf <= t + Self.skew
            steps.append(Step(name: "not before", passed: ok, detail: ok ? "nbf \(TimeText.describe(nbf, now: now)) is past, or within the 5 minutes of skew allowed" : "nbf is \(TimeText.relative(nbf - t)), beyond 5 minutes of skew: check the clocks"))
        } else {
            steps.append(Step(name: "not before", passed: true, detail: "no nbf claim; nothing to check"))
        }
        if let exp = token.claimNumber("exp") {
            let ok = exp > t - Self.skew
            steps.append(Step(name: "expiry", passed: ok, detail: ok ? "exp \(TimeText.describe(exp, now: now)) is still ahead" : "expired \(TimeText.relative(exp - t)), beyond 5 minutes of skew: get a new token"))
        } else {
            steps.append(Step(name: "expiry", passed: false, detail: "no exp claim"))
        }
        // 5. Authorization.
        let oid = token.claimString("oid") ?? "(no oid)"
        let need = service?.access ?? "whatever that service grants"
        steps.append(Step(name: "authorization", passed: nil, detail: "the principal \(oid) needs \(need), at a scope that covers the request; without it the answer is 403. The inspector cannot see role assignments (the simulator can)."))
        self.steps = steps
        let failed = steps.prefix(5).contains { $0.passed == false }
        let unchecked = steps.prefix(5).contains { $0.passed == nil }
        outcome = failed ? "401 Unauthorized: the token is rejected before any role is looked at"
            : unchecked ? "token checks passed except the signature, which was not checked; then 200 or 403 depending on the role"
            : "token accepted; then 200 if the principal holds the role, 403 if not"
    }
}

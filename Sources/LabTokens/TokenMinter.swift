import Foundation

/// Mints realistic managed identity tokens (claims as in fact sheet section 5) signed with the lab's key,
/// issued by the lab's tenant so they can never pass for real ones.
public struct TokenMinter: Sendable {
    /// Who the token is for and which identity asks.
    public struct Request: Sendable, Equatable {
        public var audience: String
        /// `xms_mirid`: the compute resource's id (system-assigned) or the identity's (user-assigned).
        public var identityResourceID: String
        public var clientID: String
        public var principalID: String
        public var computeResourceID: String?
        public var issuedAt: Date
        public var lifetime: TimeInterval

        public init(audience: String, identityResourceID: String, clientID: String, principalID: String,
                    computeResourceID: String? = nil, issuedAt: Date, lifetime: TimeInterval = 3600) {
            self.audience = audience
            self.identityResourceID = identityResourceID
            self.clientID = clientID
            self.principalID = principalID
            self.computeResourceID = computeResourceID
            self.issuedAt = issuedAt
            self.lifetime = lifetime
        }
    }

    public var key: LabSigningKey

    public init(key: LabSigningKey) { self.key = key }

    public func claims(for request: Request) -> [String: Any] {
        let iat = Int(request.issuedAt.timeIntervalSince1970)
        var claims: [String: Any] = [
            "aud": request.audience, "iss": LabIssuer.issuer, "iat": iat, "nbf": iat, "exp": iat + Int(request.lifetime),
            "aio": "lab", "appid": request.clientID, "appidacr": "2", "idp": LabIssuer.issuer, "idtyp": "app",
            "oid": request.principalID, "rh": "lab", "sub": request.principalID, "tid": LabIssuer.tenantID,
            "uti": Base64URL.encode(Data(UUID().uuidString.utf8).prefix(16)), "ver": "1.0", "xms_mirid": request.identityResourceID,
        ]
        if let compute = request.computeResourceID { claims["xms_az_rid"] = compute }
        return claims
    }

    public func mint(_ request: Request) throws -> String {
        try key.sign(header: ["typ": "JWT"], claims: claims(for: request))
    }
}

import Foundation

/// Reads a token the way a learner needs it explained; the current time is a parameter, as jwt-kit's validators take it.
public struct TokenInspector: Sendable {
    public var now: Date

    public init(now: Date) { self.now = now }

    static let timeClaims: Set<String> = ["iat", "nbf", "exp", "auth_time", "xms_tcdt"]

    public func inspect(_ text: String) throws -> TokenReport {
        try inspectToken(text).report
    }

    /// The report and the decoded token it describes, so callers can verify or walk through it without decoding again.
    public func inspectToken(_ text: String) throws -> (report: TokenReport, token: DecodedToken) {
        let input = try TokenInput.read(text)
        let token = try DecodedToken.decode(input.token)
        var report = inspect(token)
        switch input {
        case .token(_, let wrapper):
            report.input = wrapper.map { "JWT (from the \($0))" } ?? "JWT"
        case .response(let fields, let order, _):
            report.input = "token response"
            report.response = order.map { responseField($0, fields[$0]!) }
            report.findings += responseFindings(fields, token: token)
        }
        return (report, token)
    }

    public func inspect(_ token: DecodedToken) -> TokenReport {
        let header = token.headerOrder.map { name -> TokenReport.Field in
            let value = token.header[name]!
            let info = ClaimGlossary.header[name]
            return TokenReport.Field(name: name, value: value, display: value.text, title: info?.title, meaning: info?.meaning, known: info != nil)
        }
        let claims = token.claimOrder.map { name -> TokenReport.Field in
            let value = token.claims[name]!
            let info = ClaimGlossary.claims[name]
            var display = value.text
            if Self.timeClaims.contains(name), let epoch = value.number { display = "\(value.text) = \(TimeText.describe(epoch, now: now))" }
            return TokenReport.Field(name: name, value: value, display: display, title: info?.title, meaning: info?.meaning, known: info != nil)
        }
        let alg = token.header["alg"]?.string ?? "(none given)"
        let signature = TokenReport.Signature(algorithm: alg, bytes: token.signature.count, verified: nil,
                                              note: token.signature.isEmpty ? "there is no signature" : "not checked: no key was given (a resource server checks it with the key named by kid from the issuer's JWKS)")
        let (analysis, findings) = analyse(token)
        return TokenReport(input: "JWT", header: header, claims: claims, signature: signature, analysis: analysis, findings: findings, response: nil)
    }

    func analyse(_ token: DecodedToken) -> (TokenReport.Analysis, [TokenReport.Finding]) {
        var findings: [TokenReport.Finding] = []
        func add(_ severity: TokenReport.Finding.Severity, _ code: String, _ message: String) {
            findings.append(TokenReport.Finding(severity: severity, code: code, message: message))
        }
        let iss = token.claimString("iss")
        let tenant = token.claimString("tid")
        let isLab = tenant == LabIssuer.tenantID || iss == LabIssuer.issuer
        let entraIssuer = iss.map { $0.hasPrefix("https://sts.windows.net/") || $0.hasPrefix("https://login.microsoftonline.com/") } ?? false

        // Identity kind.
        var identity: ManagedIdentityResource?
        if let mirid = token.claimString("xms_mirid") {
            identity = ManagedIdentityResource(resourceID: mirid)
            if let identity {
                switch identity.kind {
                case .userAssigned:
                    add(.note, "identity-user-assigned", "A user-assigned identity, '\(identity.name)' (xms_mirid ends in userAssignedIdentities/\(identity.name)). Any resource it is assigned to can get tokens as this identity.")
                case .systemAssigned:
                    add(.note, "identity-system-assigned", "A system-assigned identity of the \(identity.holderType ?? "resource") '\(identity.name)' (xms_mirid is that resource's id). It lives and dies with that resource.")
                }
            }
        } else if token.claimString("idtyp") == "app" {
            add(.note, "identity-unknown", "An app-only token without xms_mirid: it may come from a managed identity or any other service principal; this token does not say which.")
        }

        // Audience and target service.
        let audience = token.claims["aud"]?.string ?? token.claims["aud"].map(\.text)
        var service: AudienceCatalog.Service?
        if let audience {
            service = AudienceCatalog.service(for: audience)
            if let service {
                add(.note, "audience", "For \(service.name) (aud \(audience)). There the identity needs \(service.access).")
                if service.audience != audience && AudienceCatalog.normalise(service.audience) == AudienceCatalog.normalise(audience) {
                    add(.note, "audience-slash", "aud is exactly the resource that was requested: \(audience) and \(service.audience) differ only by a trailing slash, and a service may accept only the form it documents.")
                }
            } else if audience.hasPrefix("api://") || UUID(uuidString: audience) != nil {
                add(.warning, "audience-custom", "aud \(audience) is an application's id or App ID URI, not an Azure service: only that application accepts this token.")
            } else {
                add(.warning, "audience-unknown", "aud \(audience) is not an Azure resource the lab knows: a service rejects (401) a token whose aud is not its own.")
            }
        } else {
            add(.problem, "missing-aud", "No aud claim: no resource server can accept a token that does not say whom it is for.")
        }

        // Version.
        var version: String?
        if let iss {
            if iss.hasPrefix("https://sts.windows.net/") { version = "v1.0" }
            else if iss.hasSuffix("/v2.0") { version = "v2.0" }
        }
        if let ver = token.claimString("ver") { version = ver == "1.0" ? "v1.0" : ver == "2.0" ? "v2.0" : version }
        if version == "v2.0" { add(.note, "version-2", "A v2.0 token (issuer .../v2.0). Managed identity tokens for Azure services are v1.0; the resource decides the version, not the client.") }
        else if version == "v1.0" { add(.note, "version-1", "A v1.0 token (issuer https://sts.windows.net/{tenant}/), as managed identity tokens are.") }

        // Algorithm.
        let alg = token.header["alg"]?.string ?? ""
        if alg.lowercased() == "none" { add(.problem, "alg-none", "alg is none: an unsigned token. No resource server may accept it; Entra ID signs with RS256.") }
        else if alg.hasPrefix("HS") && entraIssuer { add(.problem, "alg-hmac", "alg is \(alg) on a token claiming an Entra ID issuer: Entra ID signs access tokens with RS256 and a published key; a shared-secret signature is a forgery sign.") }
        else if alg.isEmpty { add(.problem, "alg-missing", "The header has no alg.") }
        if token.header["kid"] == nil && alg == "RS256" { add(.warning, "kid-missing", "No kid in the header: a resource server cannot tell which published key to check the signature with.") }

        // Times.
        let iat = token.claimNumber("iat"), nbf = token.claimNumber("nbf"), exp = token.claimNumber("exp")
        let nowEpoch = now.timeIntervalSince1970
        var lifetime: Int?
        if let exp {
            if exp < nowEpoch {
                add(.warning, "expired", "Expired \(TimeText.relative(exp - nowEpoch)) (exp \(Int(exp))). Services allow about 5 minutes of clock skew, no more; ask for a new token (SDKs refresh on their own).")
            }
            if let start = iat ?? nbf {
                lifetime = Int(exp - start)
                let l = lifetime!
                if (3000...5400).contains(l) {
                    add(.note, "lifetime-hour", "Lifetime \(TimeText.duration(l)): about 1 hour, the exam's default (ordinary Entra access tokens live 60 to 90 minutes).")
                } else if (79_200...93_600).contains(l) {
                    add(.note, "lifetime-day", "Lifetime \(TimeText.duration(l)): about 24 hours. That is what managed identity tokens live on the real platform (cached by the back end; MSAL refreshes at half life). The exam's answer for the default lifetime is still 1 hour.")
                } else if l <= 0 {
                    add(.problem, "lifetime-negative", "exp is not after iat/nbf: this token was never valid.")
                } else {
                    add(.warning, "lifetime-unusual", "Lifetime \(TimeText.duration(l)) is unusual for an Entra ID access token (about 1 hour on the exam, 60-90 minutes or about 24 hours on the platform).")
                }
            }
        } else {
            add(.problem, "missing-exp", "No exp claim: the token never expires, which no Entra ID access token does.")
        }
        if let nbf, nbf > nowEpoch + 300 { add(.warning, "not-yet-valid", "Not valid until \(TimeText.relative(nbf - nowEpoch)) (nbf), beyond the usual 5 minutes of clock skew: check the clocks.") }
        if let iat, iat > nowEpoch + 300 { add(.warning, "issued-in-future", "Issued \(TimeText.relative(iat - nowEpoch)) (iat is in the future): a clock is wrong somewhere.") }

        // Required claims.
        for name in ["iss", "tid", "oid", "sub"] where token.claims[name] == nil {
            add(name == "iss" ? .problem : .warning, "missing-\(name)", "No \(name) claim, which every Entra ID access token carries.")
        }
        let appOnly = token.claimString("idtyp").map { $0 == "app" } ?? (token.claims["scp"] == nil && token.claims["appid"] != nil ? true : nil)
        if appOnly == true {
            let why = token.claimString("idtyp") == "app" ? "idtyp app" : "no idtyp, but appid and no scp"
            add(.note, "app-only", "An app-only token (\(why)): no user is involved, as with every managed identity token. Access comes from role assignments on the principal oid.")
        }
        if let oid = token.claimString("oid") { add(.note, "principal", "Role assignments must name the principal (object) id \(oid); that is what the service checks.") }

        let looksLive = entraIssuer && !isLab && (exp.map { $0 > nowEpoch } ?? false)
        if looksLive { add(.warning, "live-credential", "This looks like a real, unexpired token: it is a live credential. The lab never sends it anywhere; do not paste it into websites, chats or tickets.") }
        if isLab { add(.note, "lab-token", "Issued by the lab's own tenant (\(LabIssuer.tenantID)): a practice token, worthless anywhere else.") }

        let analysis = TokenReport.Analysis(identity: identity, service: service, audience: audience, version: version, tenant: tenant,
                                            lifetimeSeconds: lifetime, appOnly: appOnly, isLabToken: isLab, looksLive: looksLive)
        return (analysis, findings)
    }

    func responseField(_ name: String, _ value: JSONValue) -> TokenReport.Field {
        let info = ClaimGlossary.response[name]
        var display = value.text
        if name == "access_token" { display = value.text.count > 40 ? String(value.text.prefix(20)) + "..." + String(value.text.suffix(8)) + " (\(value.text.count) characters)" : value.text }
        if ["expires_on", "not_before"].contains(name), let epoch = value.number { display = "\(value.text) = \(TimeText.describe(epoch, now: now))" }
        if ["expires_in", "ext_expires_in"].contains(name), let seconds = value.number { display = "\(value.text) = \(TimeText.duration(Int(seconds)))" }
        return TokenReport.Field(name: name, value: value, display: display, title: info?.title, meaning: info?.meaning, known: info != nil)
    }

    func responseFindings(_ fields: [String: JSONValue], token: DecodedToken) -> [TokenReport.Finding] {
        var findings: [TokenReport.Finding] = []
        let nonStrings = fields.filter { if case .string = $0.value { return false }; return true }.keys.sorted()
        if !nonStrings.isEmpty {
            findings.append(.init(severity: .warning, code: "response-types", message: "IMDS sends every value as a string; these are not: \(nonStrings.joined(separator: ", ")). Code written against the real service must convert strings."))
        }
        if let resource = fields["resource"]?.string, let aud = token.claimString("aud"), resource != aud {
            findings.append(.init(severity: .warning, code: "response-resource", message: "resource (\(resource)) and the token's aud (\(aud)) differ: aud is exactly the requested resource."))
        }
        if let on = fields["expires_on"]?.number, let exp = token.claimNumber("exp"), abs(on - exp) > 1 {
            findings.append(.init(severity: .warning, code: "response-expiry", message: "expires_on does not match the token's exp."))
        }
        return findings
    }
}

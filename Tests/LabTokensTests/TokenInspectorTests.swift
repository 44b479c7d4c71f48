import Foundation
import Testing
@testable import LabTokens

/// Builds tokens the way Entra ID shapes managed identity tokens (fact sheet section 5), unsigned for decoding tests.
enum SampleTokens {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func make(header: String = #"{"typ":"JWT","alg":"RS256","x5t":"abc","kid":"abc"}"#, claims: [String: Any], signature: Data = Data(repeating: 7, count: 256)) -> String {
        let payload = try! JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
        return Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(payload) + "." + Base64URL.encode(signature)
    }

    static func managedIdentity(aud: String = "https://cosmos.azure.com", mirid: String = "/subscriptions/s1/resourcegroups/rg/providers/Microsoft.Web/sites/agent-app",
                                iat: Double = 1_800_000_000 - 600, lifetime: Double = 86_700, extra: [String: Any] = [:]) -> String {
        var claims: [String: Any] = [
            "aud": aud, "iss": "https://sts.windows.net/72f988bf-0000-0000-0000-000000000000/", "iat": iat, "nbf": iat, "exp": iat + lifetime,
            "aio": "E2Zg", "appid": "11111111-2222-3333-4444-555555555555", "appidacr": "2", "idp": "https://sts.windows.net/72f988bf-0000-0000-0000-000000000000/",
            "idtyp": "app", "oid": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "rh": "0.AAAA", "sub": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "tid": "72f988bf-0000-0000-0000-000000000000", "uti": "xyz", "ver": "1.0", "xms_mirid": mirid,
        ]
        for (k, v) in extra { claims[k] = v }
        return make(claims: claims)
    }
}

@Suite struct TokenInspectorTests {
    let inspector = TokenInspector(now: SampleTokens.now)

    func codes(_ report: TokenReport) -> Set<String> { Set(report.findings.map(\.code)) }

    @Test func systemAssignedAppServiceTokenForCosmos() throws {
        let report = try inspector.inspect(SampleTokens.managedIdentity())
        #expect(report.analysis.identity?.kind == .systemAssigned)
        #expect(report.analysis.identity?.holderType == "App Service or Functions app")
        #expect(report.analysis.service?.name == "Azure Cosmos DB")
        #expect(report.analysis.version == "v1.0")
        #expect(report.analysis.appOnly == true)
        #expect(report.analysis.lifetimeSeconds == 86_700)
        #expect(codes(report).isSuperset(of: ["identity-system-assigned", "audience", "lifetime-day", "version-1", "app-only", "live-credential"]))
        #expect(report.claims.map(\.name).first == "aio", "claims keep the payload's order (sorted here by the encoder)")
        let exp = try #require(report.claims.first { $0.name == "exp" })
        #expect(exp.display.hasSuffix("UTC (in 23 h 55 min)"), "issued 10 minutes ago with a 24 h 5 min lifetime: \(exp.display)")
        #expect(report.signature.bytes == 256 && report.signature.verified == nil)
        #expect(report.header.map(\.name) == ["typ", "alg", "x5t", "kid"])
    }

    @Test func userAssignedVMTokenForKeyVault() throws {
        let token = SampleTokens.managedIdentity(aud: "https://vault.azure.net", mirid: "/subscriptions/s1/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-reports", lifetime: 3600)
        let report = try inspector.inspect("Bearer " + token)
        #expect(report.input == "JWT (from the Bearer prefix)")
        #expect(report.analysis.identity == ManagedIdentityResource(resourceID: "/subscriptions/s1/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-reports"))
        #expect(report.analysis.identity?.kind == .userAssigned && report.analysis.identity?.name == "id-reports")
        #expect(report.analysis.service?.name == "Azure Key Vault")
        #expect(codes(report).contains("lifetime-hour"))
        #expect(try inspector.inspect("Authorization: Bearer " + token).analysis.service?.name == "Azure Key Vault")
    }

    @Test func expiredWrongAudienceAndForgeries() throws {
        let expired = try inspector.inspect(SampleTokens.managedIdentity(iat: 1_800_000_000 - 3 * 86_400, lifetime: 3600))
        #expect(codes(expired).contains("expired"))
        #expect(expired.findings.first { $0.code == "expired" }!.message.contains("2 days ago"))
        #expect(!codes(expired).contains("live-credential"))
        let wrong = try inspector.inspect(SampleTokens.managedIdentity(aud: "https://example.com"))
        #expect(codes(wrong).contains("audience-unknown"))
        let none = try inspector.inspect(SampleTokens.make(header: #"{"alg":"none"}"#, claims: ["aud": "https://vault.azure.net", "exp": 1_800_003_600]))
        #expect(codes(none).contains("alg-none"))
        let hmac = try inspector.inspect(SampleTokens.make(header: #"{"alg":"HS256"}"#, claims: ["iss": "https://sts.windows.net/t/", "aud": "https://vault.azure.net", "exp": 1_800_003_600]))
        #expect(codes(hmac).contains("alg-hmac"))
        #expect(codes(hmac).contains("missing-oid"))
        let future = try inspector.inspect(SampleTokens.managedIdentity(iat: 1_800_000_000 + 3600))
        #expect(codes(future).contains("not-yet-valid"))
    }

    @Test func unknownClaimsAreShownNotDropped() throws {
        let report = try inspector.inspect(SampleTokens.managedIdentity(extra: ["custom_claim": "hello"]))
        let field = try #require(report.claims.first { $0.name == "custom_claim" })
        #expect(!field.known && field.display == "hello")
    }

    @Test func imdsResponseFieldsAreExplained() throws {
        let token = SampleTokens.managedIdentity(aud: "https://vault.azure.net", lifetime: 3600)
        let json = """
        {"access_token": "\(token)", "client_id": "11111111-2222-3333-4444-555555555555", "expires_in": "3000", "expires_on": "\(Int(1_800_000_000 - 600 + 3600))",
         "ext_expires_in": "3599", "not_before": "\(Int(1_800_000_000 - 600))", "resource": "https://vault.azure.net", "token_type": "Bearer"}
        """
        let report = try inspector.inspect(json)
        #expect(report.input == "token response")
        let fields = try #require(report.response)
        #expect(fields.map(\.name) == ["access_token", "client_id", "expires_in", "expires_on", "ext_expires_in", "not_before", "resource", "token_type"])
        #expect(fields.first { $0.name == "expires_in" }!.display == "3000 = 50 min")
        #expect(fields.first { $0.name == "expires_on" }!.display.contains("UTC (in 50 min)"))
        #expect(!codes(report).contains("response-types"))
        let numeric = try inspector.inspect(json.replacingOccurrences(of: "\"expires_in\": \"3000\"", with: "\"expires_in\": 3000"))
        #expect(codes(numeric).contains("response-types"))
    }
}

@Suite struct TokenErrorTests {
    let inspector = TokenInspector(now: SampleTokens.now)

    func error(_ text: String) -> String {
        do { _ = try inspector.inspect(text); return "no error" } catch { return error.localizedDescription }
    }

    @Test func badInputGetsOneLineNamingThePart() {
        let good = SampleTokens.managedIdentity()
        let parts = good.split(separator: ".").map(String.init)
        #expect(error("") .hasPrefix("nothing to inspect"))
        #expect(error("   \n ").hasPrefix("nothing to inspect"))
        #expect(error(parts[0] + "." + parts[1]) == "a JWT has 3 parts separated by dots (header.payload.signature); this has 2")
        #expect(error("a.b.c.d.e").contains("encrypted token (JWE)"))
        #expect(error(parts[0] + "." + parts[1] + "*x." + parts[2]) == "the payload (part 2) is not base64url: character '*' at byte \(parts[1].count) of that part")
        #expect(error(parts[0] + "==." + parts[1] + "." + parts[2]) == "the header (part 1) has '=' padding at byte \(parts[0].count); JWT parts are base64url without padding")
        #expect(error(parts[0] + "." + parts[1] + "+." + parts[2]).contains("that is standard base64"))
        #expect(error(Base64URL.encode(Data("not json".utf8)) + "." + parts[1] + "." + parts[2]).hasPrefix("the header (part 1) is not JSON"))
        #expect(error(Base64URL.encode(Data("[1,2]".utf8)) + "." + parts[1] + "." + parts[2]) == "the header (part 1) is JSON but not an object ({...})")
        #expect(error(Base64URL.encode(Data([0xFF, 0xFE, 0x41])) + "." + parts[1] + "." + parts[2]) == "the header (part 1) decodes to bytes that are not UTF-8 text")
        #expect(error(String(repeating: "a", count: 1_048_576)).contains("1048576 bytes"))
        #expect(error("{\"error\": \"invalid_request\"}").contains("no access_token"))
        let cut = parts[1] + String(repeating: "A", count: (5 - parts[1].count % 4) % 4)
        #expect(cut.count % 4 == 1)
        #expect(error(parts[0] + "." + cut + "." + parts[2]) == "the payload (part 2) has a length no base64url text can have (one character too many or too few: was it cut when pasting?)")
    }
}

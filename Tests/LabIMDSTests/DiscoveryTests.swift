import Foundation
import Hummingbird
import HummingbirdTesting
import LabIMDS
import LabTokens
import Testing

/// OpenID discovery and the JWKS: a token from the emulator verifies with the keys it serves, and no private part leaks.
@Suite struct DiscoveryTests {
    typealias F = EmulatorFixtures

    @Test func discoveryNamesTheLabIssuerAndThisServersKeys() async throws {
        try await F.withRouter(try F.emulator()) { client in
            try await client.execute(uri: "/.well-known/openid-configuration", method: .get) { response in
                #expect(response.status == .ok)
                let json = try F.json(response)
                #expect(json["issuer"] as? String == LabIssuer.issuer)
                // The router test client calls itself localhost; LiveServerTests checks the real address.
                #expect(json["jwks_uri"] as? String == "http://localhost/discovery/keys")
                #expect(json["id_token_signing_alg_values_supported"] as? [String] == ["RS256"])
            }
            try await client.execute(uri: "/\(LabIssuer.tenantID)/.well-known/openid-configuration", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/not-a-tenant/.well-known/openid-configuration", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try F.json(response)
                #expect((body["error_description"] as? String)?.hasPrefix("AADSTS90002") == true)
            }
        }
    }

    @Test(arguments: ["/discovery/keys", "/\(LabIssuer.tenantID)/discovery/v2.0/keys", "/common/discovery/keys"])
    func aTokenVerifiesWithTheServedKeys(keysPath: String) async throws {
        try await F.withRouter(try F.emulator()) { client in
            let tokenJSON = try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { try F.json($0) }
            let keysBody = try await client.execute(uri: keysPath, method: .get) { response in
                #expect(response.status == .ok)
                return Data(buffer: response.body)
            }
            let jwks = try JWKS.parse(keysBody)
            let token = try DecodedToken.decode(try #require(tokenJSON["access_token"] as? String))
            #expect(jwks.verify(token).passed)
            // Public key only: no RSA private members (d, p, q, dp, dq, qi) anywhere.
            let raw = try JSONSerialization.jsonObject(with: keysBody) as? [String: Any]
            let keys = try #require(raw?["keys"] as? [[String: Any]])
            #expect(keys.allSatisfy { Set($0.keys).isDisjoint(with: ["d", "p", "q", "dp", "dq", "qi"]) })
        }
    }
}

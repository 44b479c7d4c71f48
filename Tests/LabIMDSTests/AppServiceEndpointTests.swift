import Foundation
import Hummingbird
import HummingbirdTesting
import LabIMDS
import LabTokens
import Testing

/// App Service's identity endpoint (`IDENTITY_ENDPOINT`) over HTTP: header, version, selectors, response fields.
@Suite struct AppServiceEndpointTests {
    typealias F = EmulatorFixtures
    let uri = "/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net"

    @Test func answersWithTheAppServiceFields() async throws {
        try await F.withRouter(try F.emulator(computeName: "web")) { client in
            try await client.execute(uri: uri, method: .get, headers: F.identityHeader) { response in
                #expect(response.status == .ok)
                let json = try F.json(response)
                #expect(Set(json.keys) == ["access_token", "expires_on", "resource", "token_type", "client_id"])
                #expect(json.values.allSatisfy { $0 is String })
            }
        }
    }

    @Test func theIdentityHeaderIsRequiredAndChecked() async throws {
        try await F.withRouter(try F.emulator(computeName: "web")) { client in
            try await client.execute(uri: uri, method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: uri, method: .get, headers: [.init("X-IDENTITY-HEADER")!: "stale"]) { #expect($0.status == .unauthorized) }
            // The IMDS header does not open App Service's endpoint.
            try await client.execute(uri: uri, method: .get, headers: F.metadata) { #expect($0.status == .badRequest) }
        }
    }

    @Test func selectorsUseTheAppServiceSpelling() async throws {
        try await F.withRouter(try F.emulator(computeName: "web")) { client in
            try await client.execute(uri: uri + "&principal_id=\(F.userPrincipalID)", method: .get, headers: F.identityHeader) { response in
                let body = try F.json(response)
                #expect(body["client_id"] as? String == F.userClientID)
            }
            try await client.execute(uri: uri + "&msi_res_id=x", method: .get, headers: F.identityHeader) { response in
                #expect(response.status == .badRequest)
                // App Service answers errors in its own shape: statusCode (a number), message, correlationId.
                let body = try F.json(response)
                #expect(body["statusCode"] as? Int == 400)
                #expect((body["message"] as? String)?.contains("mi_res_id") == true)
                #expect(body["correlationId"] is String)
            }
        }
    }

    @Test func anUnknownIdentityIsTheRealAppServiceMessage() async throws {
        try await F.withRouter(try F.emulator(computeName: "web")) { client in
            try await client.execute(uri: uri + "&client_id=00000000-0000-4000-8000-00000000dead", method: .get, headers: F.identityHeader) { response in
                #expect(response.status == .badRequest)
                let body = try F.json(response)
                #expect(body["message"] as? String == "Unable to load the proper Managed Identity.")
            }
        }
    }

    @Test func legacyProtocolUsesSecretHeaderAndDateExpiry() async throws {
        try await F.withRouter(try F.emulator(computeName: "web")) { client in
            try await client.execute(uri: "/msi/token?api-version=2017-09-01&resource=https%3A%2F%2Fvault.azure.net", method: .get,
                                     headers: [.init("secret")!: "lab-identity-header"]) { response in
                #expect(response.status == .ok)
                let body = try F.json(response)
                #expect((body["expires_on"] as? String)?.contains("/") == true)
            }
        }
    }
}

/// IMDS and App Service's endpoint are separate services: a token cached by one is not handed out by the other.
@Suite struct SeparateCacheTests {
    typealias F = EmulatorFixtures

    @Test func endpointsDoNotShareTheirCaches() async throws {
        let emulator = try F.emulator()
        try await F.withRouter(emulator) { client in
            try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { #expect($0.status == .ok) }
            try await client.execute(uri: "/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net", method: .get,
                                     headers: F.identityHeader) { #expect($0.status == .ok) }
            try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { #expect($0.status == .ok) }
        }
        #expect(emulator.records().map(\.fromCache) == [false, false, true])
    }
}

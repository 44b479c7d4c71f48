import Foundation
import Hummingbird
import HummingbirdTesting
import LabIMDS
import LabKit
import LabSim
import LabTokens
import Testing

/// The IMDS token endpoint over HTTP answers as fact sheet section 2 says, through LabSim's TokenService.
@Suite struct IMDSEndpointTests {
    typealias F = EmulatorFixtures

    @Test func successIsJSONWithEveryFieldAString() async throws {
        let emulator = try F.emulator()
        try await F.withRouter(emulator) { client in
            try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let json = try F.json(response)
                #expect(Set(json.keys) == ["access_token", "client_id", "expires_in", "expires_on", "ext_expires_in", "not_before", "resource", "token_type"])
                #expect(json.values.allSatisfy { $0 is String })
                #expect(json["client_id"] as? String == F.systemClientID)
                #expect(json["resource"] as? String == "https://vault.azure.net")
                #expect(json["expires_in"] as? String == "3600")
            }
        }
        let record = try #require(emulator.records().last)
        #expect(record.status == 200 && record.endpoint == .imds && record.identity == "vm-app" && !record.fromCache)
    }

    @Test func missingMetadataHeaderIs400WithTheRealBody() async throws {
        let emulator = try F.emulator()
        try await F.withRouter(emulator) { client in
            try await client.execute(uri: F.imdsQuery, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body) == #"{"error":"invalid_request","error_description":"Required metadata header not specified"}"#)
            }
        }
        #expect(emulator.records().last?.rule == "metadata-header")
    }

    @Test func forwardedRequestsAreRefused() async throws {
        try await F.withRouter(try F.emulator()) { client in
            var headers = F.metadata
            headers[.init("X-Forwarded-For")!] = "10.0.0.1"
            try await client.execute(uri: F.imdsQuery, method: .get, headers: headers) { response in
                #expect(response.status == .badRequest)
                let body = try F.json(response)
                #expect(body["error_description"] as? String == "Requests with an X-Forwarded-For header are not accepted")
            }
        }
    }

    @Test(arguments: ["/metadata/identity/oauth2/token?resource=https%3A%2F%2Fvault.azure.net",
                      "/metadata/identity/oauth2/token?api-version=2017-01-01&resource=https%3A%2F%2Fvault.azure.net",
                      "/metadata/identity/oauth2/token?api-version=2018-02-01"])
    func apiVersionAndResourceAreRequired(uri: String) async throws {
        try await F.withRouter(try F.emulator()) { client in
            try await client.execute(uri: uri, method: .get, headers: F.metadata) { response in
                #expect(response.status == .badRequest)
                let body = try F.json(response)
                #expect(body["error"] as? String == "invalid_request")
            }
        }
    }

    @Test func clientIDSelectsTheUserAssignedIdentity() async throws {
        let emulator = try F.emulator()
        try await F.withRouter(emulator) { client in
            try await client.execute(uri: F.imdsQuery + "&client_id=\(F.userClientID)", method: .get, headers: F.metadata) { response in
                #expect(response.status == .ok)
                let json = try F.json(response)
                #expect(json["client_id"] as? String == F.userClientID)
                let token = try DecodedToken.decode(try #require(json["access_token"] as? String))
                #expect(token.claimString("appid") == F.userClientID)
                #expect(token.claimString("oid") == F.userPrincipalID)
            }
        }
        #expect(emulator.records().last?.selector == "client_id=\(F.userClientID)")
    }

    @Test func unknownClientIDIsIdentityNotFound() async throws {
        try await F.withRouter(try F.emulator()) { client in
            try await client.execute(uri: F.imdsQuery + "&client_id=00000000-0000-0000-0000-000000000000", method: .get, headers: F.metadata) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body) == #"{"error":"invalid_request","error_description":"Identity not found"}"#)
            }
        }
    }

    @Test func secondRequestIsServedFromTheCacheWithLessTimeLeft() async throws {
        let clock = FixedClock(F.start)
        let emulator = try F.emulator(clock: clock)
        try await F.withRouter(emulator) { client in
            let first = try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { try F.json($0) }
            clock.advance(by: 600)
            let second = try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { try F.json($0) }
            #expect(first["access_token"] as? String == second["access_token"] as? String)
            #expect(second["expires_in"] as? String == "3000")
        }
        #expect(emulator.records().map(\.fromCache) == [false, true])
        #expect(emulator.status.tokensIssued == 1 && emulator.status.cacheHits == 1)
    }

    @Test func clockSkewShiftsTheSigningTime() async throws {
        try await F.withRouter(try F.emulator(skew: -900)) { client in
            let json = try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { try F.json($0) }
            let token = try DecodedToken.decode(try #require(json["access_token"] as? String))
            #expect(token.claimNumber("iat") == F.start.timeIntervalSince1970 - 900)
        }
    }

    @Test func unknownParametersAreIgnoredAndLogged() async throws {
        let emulator = try F.emulator()
        try await F.withRouter(emulator) { client in
            try await client.execute(uri: F.imdsQuery + "&xms_cc=cp1", method: .get, headers: F.metadata) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(emulator.records().last?.ignoredParameters == ["xms_cc"])
    }
}

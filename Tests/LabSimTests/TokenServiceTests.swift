import Foundation
import Testing
import LabKit
@testable import LabSim
import LabTokens

/// The simulated IMDS and App Service endpoint answer as fact sheet sections 2 and 3 say.
@Suite struct TokenServiceTests {
    let world: World
    let service = TokenService(key: SimFixtures.key)

    init() throws { world = try SimFixtures.world(SimFixtures.vmWorld) }

    func imds(_ query: String, headers: [(String, String)] = [("Metadata", "true")], method: String = "GET", from: String = "vm-sys") -> TokenService.Exchange {
        var cache = TokenCache()
        let request = SimHTTPRequest(method: method, url: "http://169.254.169.254/metadata/identity/oauth2/token?" + query,
                                     headers: headers.map { (name: $0.0, value: $0.1) })
        return service.answer(request, endpoint: .imds, from: world.computeResource(from)!, in: world, now: SimFixtures.start, cache: &cache)
    }

    func appService(_ query: String, headers: [(String, String)] = [("X-IDENTITY-HEADER", "lab-identity-header")]) -> TokenService.Exchange {
        var cache = TokenCache()
        let request = SimHTTPRequest(url: TokenService.appServiceEndpoint + "?" + query, headers: headers.map { (name: $0.0, value: $0.1) })
        return service.answer(request, endpoint: .appService, from: world.computeResource("web")!, in: world, now: SimFixtures.start, cache: &cache)
    }

    let good = "api-version=2018-02-01&resource=https://vault.azure.net"

    @Test func successHasEveryFieldAsAStringInIMDSOrder() throws {
        let e = imds(good)
        #expect(e.response.status == 200)
        #expect(e.response.fields.map(\.name) == ["access_token", "client_id", "expires_in", "expires_on", "ext_expires_in", "not_before", "resource", "token_type"])
        #expect(e.response.field("expires_in") == "3600")
        #expect(e.response.field("token_type") == "Bearer")
        #expect(e.response.field("expires_on") == String(Int(SimFixtures.start.timeIntervalSince1970) + 3600))
        // Every value is a JSON string, as IMDS sends them.
        let json = try JSONSerialization.jsonObject(with: Data(e.response.body.utf8)) as! [String: Any]
        #expect(json.values.allSatisfy { $0 is String })
    }

    @Test func theTokenAudienceIsExactlyTheResourceSent() throws {
        for resource in ["https://storage.azure.com/", "https://storage.azure.com"] {
            let e = imds("api-version=2018-02-01&resource=\(resource)")
            let token = try DecodedToken.decode(try #require(e.token))
            #expect(token.claimString("aud") == resource)
            #expect(token.claimString("iss") == LabIssuer.issuer)
            #expect(token.claimNumber("exp")! - token.claimNumber("iat")! == 3600)
        }
    }

    @Test func missingMetadataHeaderIs400WithTheRealMessage() {
        let e = imds(good, headers: [])
        #expect(e.response.status == 400)
        #expect(e.response.field("error") == "invalid_request")
        #expect(e.response.field("error_description") == "Required metadata header not specified")
        #expect(e.problem?.rule == "metadata-header")
        #expect(!e.reachedEntra)
    }

    @Test func onlyUndocumentedTextsAreMarkedAsTheLabsWording() {
        #expect(!imds(good, headers: []).labWording)
        #expect(!imds(good, from: "vm-none").labWording)
        #expect(!imds(good, from: "vm-two").labWording)
        #expect(imds("resource=https://vault.azure.net").labWording)
        #expect(!imds(good).labWording)
    }

    @Test func metadataMustBeLowerCaseTrue() {
        #expect(imds(good, headers: [("Metadata", "True")]).response.status == 400)
        #expect(imds(good, headers: [("metadata", "true")]).response.status == 200) // header names ignore case
    }

    @Test func forwardedRequestsAreRejected() {
        let e = imds(good, headers: [("Metadata", "true"), ("X-Forwarded-For", "10.0.0.4")])
        #expect(e.response.status == 400)
        #expect(e.token == nil)
    }

    @Test func onlyGET() {
        #expect(imds(good, method: "POST").response.status == 405)
    }

    @Test func apiVersionAndResourceAreRequired() {
        #expect(imds("resource=https://vault.azure.net").response.status == 400)
        #expect(imds("resource=https://vault.azure.net").problem?.rule == "request-parameters")
        #expect(imds("api-version=2018-02-01").response.field("error_description") == "Required audience parameter not specified")
        #expect(imds("api-version=2017-01-01&resource=https://vault.azure.net").response.status == 400)
        #expect(imds("api-version=2019-08-01&resource=https://vault.azure.net").response.status == 200)
    }

    @Test func anUnknownResourceIsRefusedByEntraID() {
        let e = imds("api-version=2018-02-01&resource=https://vault.example.com")
        #expect(e.response.status == 400)
        #expect(e.response.field("error") == "invalid_resource")
        #expect(e.reachedEntra)
    }

    @Test func defaultIdentityIsSystemAssignedWhenEnabled() {
        #expect(imds(good, from: "vm-sys").identity == .system(resource: "vm-sys", world.computeResource("vm-sys")!.systemIdentity!))
    }

    @Test func defaultIdentityIsTheOnlyUserAssignedOne() {
        #expect(imds(good, from: "vm-one").identity?.name == "id-a")
    }

    @Test func severalUserAssignedAndNoSelectorIsRefused() {
        let e = imds(good, from: "vm-two")
        #expect(e.response.status == 400)
        #expect(e.problem?.rule == "selector-required")
    }

    @Test func noIdentityAtAllIsIdentityNotFound() {
        let e = imds(good, from: "vm-none")
        #expect(e.response.status == 400)
        #expect(e.response.field("error_description") == "Identity not found")
    }

    @Test func selectorsPickTheIdentity() throws {
        let b = world.identity("id-b")!
        #expect(imds(good + "&client_id=\(b.principal.clientID)", from: "vm-two").identity?.name == "id-b")
        #expect(imds(good + "&object_id=\(b.principal.principalID)", from: "vm-two").identity?.name == "id-b")
        #expect(imds(good + "&msi_res_id=\(world.resourceID(of: b))", from: "vm-two").identity?.name == "id-b")
        let token = try DecodedToken.decode(try #require(imds(good + "&client_id=\(b.principal.clientID)", from: "vm-two").token))
        #expect(token.claimString("appid") == b.principal.clientID)
        #expect(token.claimString("oid") == b.principal.principalID)
        #expect(token.claimString("xms_mirid") == world.resourceID(of: b))
    }

    @Test func aSelectorForAnUnassignedIdentityIsIdentityNotFound() {
        let b = world.identity("id-b")!
        let e = imds(good + "&client_id=\(b.principal.clientID)", from: "vm-one")
        #expect(e.response.status == 400)
        #expect(e.response.field("error_description") == "Identity not found")
    }

    @Test func oneSelectorOnly() {
        let a = world.identity("id-a")!
        #expect(imds(good + "&client_id=\(a.principal.clientID)&object_id=\(a.principal.principalID)", from: "vm-two").response.status == 400)
    }

    @Test func cachedTokensCountDown() {
        var cache = TokenCache()
        let request = SimHTTPRequest(url: "http://169.254.169.254/metadata/identity/oauth2/token?" + good, headers: [("Metadata", "true")])
        let first = service.answer(request, endpoint: .imds, from: world.computeResource("vm-sys")!, in: world, now: SimFixtures.start, cache: &cache)
        let second = service.answer(request, endpoint: .imds, from: world.computeResource("vm-sys")!, in: world, now: SimFixtures.start + 600, cache: &cache)
        #expect(second.fromCache)
        #expect(second.token == first.token)
        #expect(second.response.field("expires_in") == "3000")
    }

    @Test func appServiceEndpointContract() {
        let e = appService("resource=https://vault.azure.net&api-version=2019-08-01")
        #expect(e.response.status == 200)
        #expect(e.response.fields.map(\.name) == ["access_token", "expires_on", "resource", "token_type", "client_id"])
        #expect(appService("resource=https://vault.azure.net&api-version=2019-08-01", headers: []).response.status == 400)
        #expect(appService("resource=https://vault.azure.net&api-version=2018-02-01").response.status == 400)
        let b = world.identity("id-b")!
        #expect(appService("resource=https://vault.azure.net&api-version=2019-08-01&mi_res_id=\(world.resourceID(of: b))").identity?.name == "id-b")
        #expect(appService("resource=https://vault.azure.net&api-version=2019-08-01&principal_id=\(b.principal.principalID)").identity?.name == "id-b")
        #expect(appService("resource=https://vault.azure.net&api-version=2019-08-01&msi_res_id=\(world.resourceID(of: b))").response.status == 400)
    }

    @Test func olderAppServiceProtocolUsesSecretAndADateString() {
        let e = appService("resource=https://vault.azure.net&api-version=2017-09-01", headers: [("secret", "lab-identity-header")])
        #expect(e.response.status == 200)
        #expect(e.response.field("expires_on")?.range(of: #"^\d\d/\d\d/\d{4} \d\d:\d\d:\d\d (AM|PM) \+00:00$"#, options: .regularExpression) != nil)
        #expect(appService("resource=https://vault.azure.net&api-version=2017-09-01").response.status == 400)
    }
}

import Foundation
import Testing
@testable import LabTokens

@Suite(.serialized) struct SigningTests {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab-keys-\(UUID().uuidString)")
    static let key: LabSigningKey = try! LabSigningKey.loadOrCreate(at: folder.appendingPathComponent("signing-key.pem"))
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theKeyFileIsPrivateAndStable() throws {
        let url = Self.folder.appendingPathComponent("signing-key.pem")
        _ = Self.key
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try LabSigningKey.loadOrCreate(at: url)
        #expect(again.kid == Self.key.kid, "the same file gives the same key id")
        let jwks = Self.key.jwks
        #expect(jwks.keys.count == 1 && jwks.keys[0].kty == "RSA" && jwks.keys[0].alg == "RS256" && jwks.keys[0].e == "AQAB")
        #expect(try JWKS.parse(Data(jwks.json().utf8)) == jwks)
    }

    @Test func mintedTokensVerifyAndCarryManagedIdentityClaims() throws {
        let minter = TokenMinter(key: Self.key)
        let token = try #require(try TokenSamples.token("vm-keyvault", minter: minter, now: now))
        let decoded = try DecodedToken.decode(token)
        #expect(Self.key.jwks.verify(decoded) == .valid(kid: Self.key.kid))
        #expect(decoded.claimString("iss") == LabIssuer.issuer)
        #expect(decoded.claimString("ver") == "1.0" && decoded.claimString("idtyp") == "app" && decoded.claimString("appidacr") == "2")
        #expect(decoded.claimString("oid") == decoded.claimString("sub"))
        #expect(decoded.claimNumber("exp")! - decoded.claimNumber("iat")! == 3600, "the exam's one hour by default")
        let report = TokenInspector(now: now).inspect(decoded)
        #expect(report.analysis.isLabToken && !report.analysis.looksLive)
        #expect(report.analysis.identity?.kind == .userAssigned)
    }

    @Test func tamperingAndOtherKeysFail() throws {
        let minter = TokenMinter(key: Self.key)
        let tampered = try DecodedToken.decode(try #require(try TokenSamples.token("tampered", minter: minter, now: now)))
        #expect(Self.key.jwks.verify(tampered) == .invalid(kid: Self.key.kid))
        var otherKeys = Self.key.jwks
        otherKeys.keys[0].kid = "someone-else"
        otherKeys.keys[0].x5t = nil
        let good = try DecodedToken.decode(try #require(try TokenSamples.token("appservice-cosmos", minter: minter, now: now)))
        #expect(otherKeys.verify(good) == .noKey(kid: Self.key.kid))
        let hmac = try DecodedToken.decode(SampleTokens.make(header: #"{"alg":"HS256","kid":"x"}"#, claims: ["aud": "a"]))
        #expect(Self.key.jwks.verify(hmac) == .unsupported(alg: "HS256"))
        for sample in TokenSamples.all { #expect(try TokenSamples.token(sample.name, minter: minter, now: now) != nil) }
        #expect(try TokenSamples.token("nope", minter: minter, now: now) == nil)
    }

    @Test func walkthroughPassesAndFailsForTheRightReasons() throws {
        let minter = TokenMinter(key: Self.key)
        let keyVault = AudienceCatalog.service(named: "keyvault")!
        let good = try DecodedToken.decode(try #require(try TokenSamples.token("vm-keyvault", minter: minter, now: now)))
        let pass = ValidationWalkthrough(token: good, service: keyVault, audience: keyVault.audience, jwks: Self.key.jwks, jwksSource: nil, now: now)
        #expect(pass.steps.map(\.name) == ["signature", "issuer", "audience", "not before", "expiry", "authorization"])
        #expect(pass.steps.prefix(5).allSatisfy { $0.passed == true })
        #expect(pass.steps[5].passed == nil && pass.steps[5].detail.contains("Key Vault Secrets User"))
        #expect(pass.outcome.hasPrefix("token accepted"))
        let wrong = try DecodedToken.decode(try #require(try TokenSamples.token("wrong-audience", minter: minter, now: now)))
        let fail = ValidationWalkthrough(token: wrong, service: keyVault, audience: keyVault.audience, jwks: Self.key.jwks, jwksSource: nil, now: now)
        #expect(fail.steps[2].passed == false && fail.outcome.hasPrefix("401"))
        let expired = try DecodedToken.decode(try #require(try TokenSamples.token("expired", minter: minter, now: now)))
        let storage = AudienceCatalog.service(named: "storage")!
        let late = ValidationWalkthrough(token: expired, service: storage, audience: storage.audience, jwks: Self.key.jwks, jwksSource: nil, now: now)
        #expect(late.steps[4].passed == false && late.steps[4].detail.contains("2 days ago"))
        let noKeys = ValidationWalkthrough(token: good, service: keyVault, audience: keyVault.audience, jwks: nil, jwksSource: nil, now: now)
        #expect(noKeys.steps[0].passed == nil && noKeys.outcome.contains("not checked"))
        // Within 5 minutes of skew an expired token still passes; beyond, it fails.
        let skewed = ValidationWalkthrough(token: good, service: keyVault, audience: keyVault.audience, jwks: nil, jwksSource: nil,
                                           now: Date(timeIntervalSince1970: good.claimNumber("exp")! + 240))
        #expect(skewed.steps[4].passed == true)
    }
}

import Foundation
import LabTestSupport
import Testing

/// `lab inspect` and `glossary` through the built binary.
@Suite(.serialized) struct EndToEndInspectTests {
    static func b64(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func token(aud: String = "https://cosmos.azure.com", lifetime: Int = 3600, offset: Int = -60) -> String {
        let now = Int(Date().timeIntervalSince1970) + offset
        let header = #"{"typ":"JWT","alg":"RS256","kid":"k1"}"#
        let claims = #"{"aud":"\#(aud)","iss":"https://sts.windows.net/1ab1ab1a-b000-4000-8000-00000000c0de/","iat":\#(now),"nbf":\#(now),"exp":\#(now + lifetime),"appid":"c1","appidacr":"2","idtyp":"app","oid":"o1","sub":"o1","tid":"1ab1ab1a-b000-4000-8000-00000000c0de","ver":"1.0","xms_mirid":"/subscriptions/s/resourcegroups/rg/providers/Microsoft.Web/sites/agent","mystery":"x"}"#
        return b64(Data(header.utf8)) + "." + b64(Data(claims.utf8)) + "." + b64(Data(repeating: 1, count: 256))
    }

    @Test func inspectArgumentStdinAndFile() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["LAB_HOME": home.path, "LAB_CONTENT": LabBinary.repositoryRoot.path, "LAB_UNLOCK_ALL": "1"]
        let direct = try LabBinary.run(["inspect", Self.token(), "--width", "100"], environment: env)
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(direct.stdout.contains("for Azure Cosmos DB"))
        #expect(direct.stdout.contains("system-assigned identity of the App Service or Functions app 'agent'"))
        #expect(direct.stdout.contains("about 1 hour, the exam's default"))
        #expect(direct.stdout.contains("mystery") && direct.stdout.contains("Unknown to the lab"))
        #expect(direct.stdout.contains("a practice token"))
        let response = #"{"access_token":"\#(Self.token(aud: "https://vault.azure.net"))","expires_in":"3540","expires_on":"1","resource":"https://vault.azure.net","token_type":"Bearer"}"#
        let stdin = try LabBinary.run(["inspect", "-", "--json"], stdin: response, environment: env)
        #expect(stdin.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(stdin.stdout.utf8)) as! [String: Any]
        let report = try #require(json["report"] as? [String: Any])
        #expect(report["input"] as? String == "token response")
        #expect(((report["analysis"] as? [String: Any])?["service"] as? [String: Any])?["name"] as? String == "Azure Key Vault")
        let file = home.appendingPathComponent("token.txt")
        try ("Authorization: Bearer " + Self.token()).write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try LabBinary.run(["inspect", "@" + file.path], environment: env)
        #expect(fromFile.status == 0 && fromFile.stdout.contains("Authorization header"))
    }

    @Test func badTokensGetOneLineErrors() throws {
        let parts = Self.token().split(separator: ".")
        let twoParts = try LabBinary.run(["inspect", "\(parts[0]).\(parts[1])"])
        #expect(twoParts.status == 1)
        #expect(twoParts.stderr == "error: a JWT has 3 parts separated by dots (header.payload.signature); this has 2\n")
        let badByte = try LabBinary.run(["inspect", "\(parts[0]).\(parts[1])!.\(parts[2])"])
        #expect(badByte.stderr.contains("the payload (part 2) is not base64url: character '!' at byte"))
        let empty = try LabBinary.run(["inspect", "-"], stdin: "")
        #expect(empty.status == 1 && empty.stderr.contains("nothing to inspect"))
        let big = try LabBinary.run(["inspect", "-"], stdin: String(repeating: "x", count: 1_048_576))
        #expect(big.status == 1 && big.stderr.contains("1048576 bytes") && big.stderr.split(separator: "\n").count == 1)
    }

    @Test func inspectAndGlossaryInThePipedREPL() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let response = #"{"access_token": "\#(Self.token())", "resource": "https://cosmos.azure.com", "token_type": "Bearer"}"#
        let run = try LabBinary.run([], stdin: "inspect \(response)\nglossary xms_mirid\nglossary audd\n",
                                    environment: ["LAB_HOME": home.path, "LAB_CONTENT": LabBinary.repositoryRoot.path, "LAB_UNLOCK_ALL": "1"])
        #expect(run.stdout.contains("Inspected: token response"))
        #expect(run.stdout.contains("xms_mirid:"))
        #expect(run.stderr.contains("'audd' is not in the glossary. Did you mean 'aud'?"))
        #expect(run.status == 1)
    }

    @Test func samplesJWKSAndTheValidationWalkthrough() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["LAB_HOME": home.path, "LAB_CONTENT": LabBinary.repositoryRoot.path, "LAB_UNLOCK_ALL": "1"]
        let list = try LabBinary.run(["inspect", "sample"], environment: env)
        #expect(list.status == 0 && list.stdout.contains("appservice-cosmos") && list.stdout.contains("tampered"))
        let sample = try LabBinary.run(["inspect", "sample", "appservice-cosmos", "--as", "cosmos", "--width", "100"], environment: env)
        #expect(sample.status == 0, "\(sample.stderr)")
        #expect(sample.stdout.contains("verified"))
        #expect(sample.stdout.contains("1. PASS signature"))
        #expect(sample.stdout.contains("3. PASS audience"))
        #expect(sample.stdout.contains("Built-in Data Reader"))
        let keyFile = home.appendingPathComponent("signing-key.pem")
        #expect((try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int) == 0o600)
        let tampered = try LabBinary.run(["inspect", "sample", "tampered", "--as", "keyvault"], environment: env)
        #expect(tampered.stdout.contains("FAIL signature") && tampered.stdout.contains("401"))
        let wrong = try LabBinary.run(["inspect", "sample", "wrong-audience", "--as", "keyvault"], environment: env)
        #expect(wrong.stdout.contains("FAIL audience"))
        // The exported JWKS verifies a lab token like any published key set.
        let jwks = try LabBinary.run(["jwks"], environment: env)
        let jwksFile = home.appendingPathComponent("jwks.json")
        try jwks.stdout.write(to: jwksFile, atomically: true, encoding: .utf8)
        let token = sample.stdout.split(separator: "\n")[1]
        let verified = try LabBinary.run(["inspect", String(token), "--jwks", jwksFile.path, "--json"], environment: ["LAB_HOME": home.appendingPathComponent("elsewhere").path])
        let json = try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as! [String: Any]
        #expect(((json["report"] as? [String: Any])?["signature"] as? [String: Any])?["verified"] as? Bool == true)
        let remote = try LabBinary.run(["inspect", String(token), "--jwks", "https://login.microsoftonline.com/common/discovery/v2.0/keys"], environment: env)
        #expect(remote.status == 1 && remote.stderr.contains("must be on this machine"))
    }
}

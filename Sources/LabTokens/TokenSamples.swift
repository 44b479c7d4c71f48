import Foundation

/// Ready examples for `inspect sample <name>`: each teaches one thing a learner will meet.
public enum TokenSamples {
    public struct Sample: Sendable {
        public var name: String
        public var summary: String
    }

    public static let all: [Sample] = [
        Sample(name: "appservice-cosmos", summary: "system-assigned identity of an App Service app, token for Cosmos DB"),
        Sample(name: "vm-keyvault", summary: "user-assigned identity on a VM, token for Key Vault"),
        Sample(name: "expired", summary: "a Storage token that expired two days ago"),
        Sample(name: "wrong-audience", summary: "a token for Resource Manager presented where Key Vault expects its own"),
        Sample(name: "tampered", summary: "a Key Vault token whose payload was changed after signing"),
    ]

    static let subscription = "/subscriptions/00000000-1ab0-4000-8000-000000000001/resourcegroups/rg-lab/providers"

    /// The sample token, minted now with the lab key.
    public static func token(_ name: String, minter: TokenMinter, now: Date) throws -> String? {
        let app = "\(subscription)/Microsoft.Web/sites/agent-app"
        let vm = "\(subscription)/Microsoft.Compute/virtualMachines/vm-reports"
        let uami = "\(subscription)/Microsoft.ManagedIdentity/userAssignedIdentities/id-reports"
        let systemClient = "5d1b4c1e-1ab0-4c3a-9a51-000000000a01", systemPrincipal = "8c2f1e77-1ab0-4f0e-8d0b-000000000b01"
        let userClient = "5d1b4c1e-1ab0-4c3a-9a51-000000000a02", userPrincipal = "8c2f1e77-1ab0-4f0e-8d0b-000000000b02"
        switch name {
        case "appservice-cosmos":
            return try minter.mint(.init(audience: "https://cosmos.azure.com", identityResourceID: app, clientID: systemClient,
                                         principalID: systemPrincipal, computeResourceID: app, issuedAt: now.addingTimeInterval(-120)))
        case "vm-keyvault":
            return try minter.mint(.init(audience: "https://vault.azure.net", identityResourceID: uami, clientID: userClient,
                                         principalID: userPrincipal, computeResourceID: vm, issuedAt: now.addingTimeInterval(-300)))
        case "expired":
            return try minter.mint(.init(audience: "https://storage.azure.com/", identityResourceID: vm, clientID: systemClient,
                                         principalID: systemPrincipal, issuedAt: now.addingTimeInterval(-2 * 86_400 - 3600)))
        case "wrong-audience":
            return try minter.mint(.init(audience: "https://management.azure.com/", identityResourceID: app, clientID: systemClient,
                                         principalID: systemPrincipal, issuedAt: now.addingTimeInterval(-60)))
        case "tampered":
            let token = try minter.mint(.init(audience: "https://vault.azure.net", identityResourceID: uami, clientID: userClient,
                                              principalID: userPrincipal, issuedAt: now.addingTimeInterval(-60)))
            // Someone swaps in another principal id to borrow its roles: the signature no longer matches.
            let parts = token.split(separator: ".").map(String.init)
            let payload = String(decoding: try Base64URL.decode(Substring(parts[1]), part: "payload"), as: UTF8.self)
                .replacingOccurrences(of: userPrincipal, with: "99999999-0000-4000-8000-00000000dead")
            return parts[0] + "." + Base64URL.encode(Data(payload.utf8)) + "." + parts[2]
        default:
            return nil
        }
    }
}

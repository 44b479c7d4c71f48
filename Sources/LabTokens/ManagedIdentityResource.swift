/// What an `xms_mirid` resource id says about the identity: user-assigned (its name) or system-assigned (its holder).
public struct ManagedIdentityResource: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case systemAssigned = "system-assigned", userAssigned = "user-assigned" }
    public var kind: Kind
    public var name: String
    /// The resource type in words: "App Service or Functions app", "virtual machine", ...
    public var holderType: String?
    public var subscription: String?
    public var resourceGroup: String?

    public init?(resourceID: String) {
        let parts = resourceID.split(separator: "/").map(String.init)
        func after(_ key: String) -> String? {
            guard let i = parts.firstIndex(where: { $0.lowercased() == key.lowercased() }), i + 1 < parts.count else { return nil }
            return parts[i + 1]
        }
        guard let providers = parts.firstIndex(where: { $0.lowercased() == "providers" }), providers + 3 < parts.count else { return nil }
        subscription = after("subscriptions")
        resourceGroup = after("resourcegroups")
        let namespace = parts[providers + 1].lowercased()
        let type = parts[providers + 2].lowercased()
        name = parts[providers + 3]
        if namespace == "microsoft.managedidentity" && type == "userassignedidentities" {
            kind = .userAssigned
            holderType = nil
        } else {
            kind = .systemAssigned
            switch (namespace, type) {
            case ("microsoft.web", "sites"): holderType = "App Service or Functions app"
            case ("microsoft.compute", "virtualmachines"): holderType = "virtual machine"
            case ("microsoft.compute", "virtualmachinescalesets"): holderType = "virtual machine scale set"
            case ("microsoft.containerinstance", "containergroups"): holderType = "container group"
            case ("microsoft.containerservice", "managedclusters"): holderType = "AKS cluster"
            case ("microsoft.logic", "workflows"): holderType = "Logic Apps workflow"
            case ("microsoft.apimanagement", "service"): holderType = "API Management instance"
            case ("microsoft.hybridcompute", "machines"): holderType = "Azure Arc-enabled server"
            default: holderType = "\(parts[providers + 1])/\(parts[providers + 2])"
            }
        }
    }
}

/// A standalone `Microsoft.ManagedIdentity/userAssignedIdentities` resource: lives on its own, many holders.
public struct UserAssignedIdentity: Sendable, Equatable {
    public var name: String
    public var group: String
    public var principal: ManagedPrincipal

    public init(name: String, group: String, principal: ManagedPrincipal) {
        self.name = name
        self.group = group
        self.principal = principal
    }
}

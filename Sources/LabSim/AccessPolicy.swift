/// A Key Vault access policy: the older authorization model, consulted only when the vault uses it.
public struct AccessPolicy: Sendable, Equatable {
    public var vault: String
    public var principalID: String
    public var principalName: String
    /// Secret permissions such as `get`, `list`, `set`, `delete`.
    public var secretPermissions: [String]

    public init(vault: String, principalID: String, principalName: String, secretPermissions: [String]) {
        self.vault = vault
        self.principalID = principalID
        self.principalName = principalName
        self.secretPermissions = secretPermissions
    }
}

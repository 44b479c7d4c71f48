/// The service principal behind a managed identity: the ids Microsoft Entra ID knows it by.
public struct ManagedPrincipal: Sendable, Equatable, Codable {
    /// The object id: what role assignments name and what tokens carry as `oid`/`sub`.
    public var principalID: String
    /// The application (client) id: what code passes to pick a user-assigned identity, and the token's `appid`.
    public var clientID: String

    public init(principalID: String, clientID: String) {
        self.principalID = principalID
        self.clientID = clientID
    }
}

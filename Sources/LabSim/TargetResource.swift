/// A service the apps call with their tokens.
public struct TargetResource: Sendable, Equatable {
    public var name: String
    public var kind: TargetKind
    public var group: String
    /// Key Vault only: which authorization model the vault uses.
    public var permissionModel: KeyVaultPermissionModel?
    /// Cosmos DB only: the database and container the apps use (`/dbs/<db>/colls/<container>`).
    public var database: String?
    public var container: String?

    public init(name: String, kind: TargetKind, group: String, permissionModel: KeyVaultPermissionModel? = nil,
                database: String? = nil, container: String? = nil) {
        self.name = name
        self.kind = kind
        self.group = group
        self.permissionModel = kind == .keyVault ? (permissionModel ?? .rbac) : nil
        self.database = kind == .cosmosDB ? (database ?? "appdb") : nil
        self.container = kind == .cosmosDB ? (container ?? "items") : nil
    }
}

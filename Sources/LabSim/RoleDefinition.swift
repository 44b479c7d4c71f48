/// A role a principal can be given, with what it lets the holder do (fact sheet section 7).
public struct RoleDefinition: Sendable, Equatable {
    public enum Plane: String, Sendable { case control, data }
    /// Where the role is assigned: Azure RBAC (portal IAM, `az role assignment create`) or Cosmos DB's own system.
    public enum System: String, Sendable { case azureRBAC = "Azure RBAC", cosmos = "Cosmos DB data plane RBAC" }

    public var name: String
    public var plane: Plane
    public var system: System
    /// The data operations the role grants, per target kind; empty for control-plane roles.
    public var grants: [TargetKind: Set<DataOperation>]
    /// Owner, Contributor, User Access Administrator: whoever holds them can change the resource or its access.
    public var isPrivileged: Bool
    /// What the role is for, in one line, shown when it is granted.
    public var summary: String

    public func allows(_ operation: DataOperation, on kind: TargetKind) -> Bool {
        grants[kind]?.contains(operation) ?? false
    }
}

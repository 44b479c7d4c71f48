/// A role given to a principal at a scope. It names the principal by object id, which is why deleting and
/// re-creating a resource leaves it pointing at nobody (an orphan).
public struct RoleAssignment: Sendable, Equatable {
    public var role: String
    public var principalID: String
    /// Who the principal was when the assignment was made, so an orphan can still be described.
    public var principalName: String
    public var scope: Scope

    public init(role: String, principalID: String, principalName: String, scope: Scope) {
        self.role = role
        self.principalID = principalID
        self.principalName = principalName
        self.scope = scope
    }
}

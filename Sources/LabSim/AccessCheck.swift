/// What a target decides once a token is valid: may this principal do this operation here, and why (not).
public struct AccessDecision: Sendable, Equatable {
    public var allowed: Bool
    /// The assignment, policy or database user that allowed it, or the reason for the refusal.
    public var reason: String
    /// The rulebook rule a refusal teaches, when there is one.
    public var rule: String?
}

extension World {
    /// Authorization as the target does it after validating the token: role assignments (or the target's own
    /// system) for the token's `oid`, inherited from wider scopes.
    public func authorize(principalID: String, target: TargetResource, operation: DataOperation) -> AccessDecision {
        let who = principal(id: principalID)?.description ?? "principal \(principalID)"
        let what = target.kind.operationName(operation)
        let covering = roleAssignments.filter { $0.principalID == principalID && scope($0.scope, covers: target) }
        let roles = covering.compactMap { a in RoleCatalog.role(named: a.role).map { (a, $0) } }

        switch target.kind {
        case .keyVault where target.permissionModel == .accessPolicy:
            let needed = operation == .read ? "get" : "set"
            if let policy = accessPolicies.first(where: { $0.vault == target.name && $0.principalID == principalID }) {
                if policy.secretPermissions.contains(needed) {
                    return AccessDecision(allowed: true, reason: "the vault's access policy gives \(who) the secret permission '\(needed)'")
                }
                return AccessDecision(allowed: false, reason: "the access policy for \(who) lacks the secret permission '\(needed)' (it has \(policy.secretPermissions.joined(separator: ", ")))", rule: "least-privilege")
            }
            if let data = roles.first(where: { $0.1.allows(operation, on: .keyVault) }) {
                return AccessDecision(allowed: false, reason: "\(target.name) uses the access policy permission model, so the role '\(data.1.name)' is not consulted; add an access policy or switch the vault to Azure RBAC", rule: "keyvault-permission-model")
            }
            return AccessDecision(allowed: false, reason: "\(target.name) uses access policies and has none for \(who)", rule: "keyvault-permission-model")
        case .sql:
            if let user = sqlUsers.first(where: { $0.database == target.name && $0.principalID == principalID }) {
                if user.roles.contains(where: { RoleCatalog.sqlRoles[$0]?.contains(operation) ?? false }) {
                    return AccessDecision(allowed: true, reason: "\(who) is a database user of \(target.name) with \(user.roles.joined(separator: ", "))")
                }
                return AccessDecision(allowed: false, reason: "the database user for \(who) has \(user.roles.joined(separator: ", ")), which cannot \(what)", rule: "least-privilege")
            }
            let rbacNote = roles.isEmpty ? "" : " (Azure RBAC roles such as '\(roles[0].1.name)' do not reach inside the database)"
            return AccessDecision(allowed: false, reason: "\(who) is not a user of the database: run CREATE USER [<name>] FROM EXTERNAL PROVIDER and add it to a role\(rbacNote)", rule: roles.isEmpty ? nil : "control-plane-no-data")
        default:
            break
        }

        let system: RoleDefinition.System = target.kind == .cosmosDB ? .cosmos : .azureRBAC
        if let grant = roles.first(where: { $0.1.system == system && $0.1.allows(operation, on: target.kind) }) {
            return AccessDecision(allowed: true, reason: "'\(grant.1.name)' for \(who) at \(grant.0.scope.text) allows it to \(what)")
        }
        if let control = roles.first(where: { $0.1.plane == .control }) {
            return AccessDecision(allowed: false, reason: "'\(control.1.name)' is a control-plane role: it manages \(target.name) but grants no data actions, so it cannot \(what)", rule: "control-plane-no-data")
        }
        if let weaker = roles.first(where: { $0.1.plane == .data && !$0.1.grants.isEmpty }) {
            if weaker.1.grants[target.kind] != nil {
                return AccessDecision(allowed: false, reason: "'\(weaker.1.name)' cannot \(what)", rule: "least-privilege")
            }
            return AccessDecision(allowed: false, reason: "'\(weaker.1.name)' is a role for another service; it gives nothing on a \(target.kind.displayName)", rule: nil)
        }
        if target.kind == .keyVault, accessPolicies.contains(where: { $0.vault == target.name && $0.principalID == principalID }) {
            return AccessDecision(allowed: false, reason: "\(target.name) uses the Azure RBAC permission model, so access policies are ignored; assign a data role such as Key Vault Secrets User", rule: "keyvault-permission-model")
        }
        let elsewhere = roleAssignments.filter { $0.principalID == principalID && !scope($0.scope, covers: target) }
        if let other = elsewhere.first(where: { (RoleCatalog.role(named: $0.role)?.grants[target.kind]) != nil }) {
            return AccessDecision(allowed: false, reason: "'\(other.role)' is assigned at \(other.scope.text), which does not contain \(target.name)", rule: "narrowest-scope")
        }
        if let name = principal(id: principalID)?.name,
           let orphan = orphanedAssignments.first(where: { $0.principalName == name && scope($0.scope, covers: target) }) {
            return AccessDecision(allowed: false, reason: "'\(orphan.role)' was assigned to an earlier \(name) (principal \(orphan.principalID)), which was deleted: that assignment is orphaned and the new identity has a new principal id", rule: "lifecycle-orphans")
        }
        return AccessDecision(allowed: false, reason: "no role assignment gives \(who) access to \(target.name)", rule: nil)
    }
}

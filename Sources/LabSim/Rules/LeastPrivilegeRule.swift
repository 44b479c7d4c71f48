/// `least-privilege`: identities hold the narrowest data role they need; no Owner, Contributor or the like.
struct LeastPrivilegeRule: RuleCheck {
    let id = "least-privilege"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let world = context.world
        guard !world.roleAssignments.isEmpty || !world.sqlUsers.isEmpty || !world.accessPolicies.isEmpty else {
            return .notApplicable("no access has been granted yet")
        }
        for a in world.roleAssignments where RoleCatalog.role(named: a.role)?.isPrivileged == true && world.principal(id: a.principalID) != nil {
            return .failed("\(a.principalName) holds '\(a.role)' at \(a.scope.text): an app's identity needs a data role, not a privileged control-plane role")
        }
        for need in context.needs {
            guard let target = world.target(need.target), let suggested = RoleCatalog.leastPrivileged(for: need.operations, on: target.kind) else { continue }
            let enough = RoleCatalog.role(named: suggested)
            for a in world.roleAssignments where a.principalID == need.principalID && world.scope(a.scope, covers: target) {
                guard let role = RoleCatalog.role(named: a.role), let grants = role.grants[target.kind], role.name != suggested else { continue }
                let needed = enough?.grants[target.kind] ?? need.operations
                // Broader than the narrowest role: more operations here, or reach into other services too.
                if grants.isStrictSuperset(of: needed) || (grants == needed && role.grants.count > (enough?.grants.count ?? 1)) {
                    return .failed("\(a.principalName) only needs to \(need.operations.map(\.rawValue).sorted().joined(separator: " and ")) on \(target.name), but holds '\(role.name)'; '\(suggested)' is enough")
                }
            }
            for user in world.sqlUsers where user.principalID == need.principalID && user.database == target.name {
                let granted = user.roles.reduce(into: Set<DataOperation>()) { $0.formUnion(RoleCatalog.sqlRoles[$1] ?? []) }
                if granted.count > need.operations.count || user.roles.contains("db_owner") {
                    return .failed("\(user.principalName) is \(user.roles.joined(separator: ", ")) in \(target.name), more than it needs; '\(suggested)' is enough")
                }
            }
        }
        // With a goal, a data role on a target the identity's work never touches is access it does not need.
        if context.goal != nil {
            let needed = Set(context.needs.map { "\($0.principalID)|\($0.target)" })
            for a in world.roleAssignments where world.principal(id: a.principalID) != nil && RoleCatalog.role(named: a.role)?.plane == .data {
                let reached = world.targets.filter { world.scope(a.scope, covers: $0) && RoleCatalog.role(named: a.role)?.grants[$0.kind] != nil }
                if !reached.isEmpty, !reached.contains(where: { needed.contains("\(a.principalID)|\($0.name)") }) {
                    return .failed("\(a.principalName) holds '\(a.role)' at \(a.scope.text), but its work never uses \(reached.map(\.name).joined(separator: ", ")): revoke it")
                }
            }
        }
        return .passed("no identity holds more than its work needs")
    }
}

/// `keyvault-permission-model`: RBAC data roles on RBAC vaults, access policies on access-policy vaults.
struct KeyVaultPermissionModelRule: RuleCheck {
    let id = "keyvault-permission-model"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let world = context.world
        let vaults = world.targets.filter { $0.kind == .keyVault }
        guard !vaults.isEmpty else { return .notApplicable("no key vault in this world") }
        for vault in vaults {
            if vault.permissionModel == .rbac, let policy = world.accessPolicies.first(where: { $0.vault == vault.name }) {
                return .failed("\(vault.name) uses Azure RBAC, so the access policy for \(policy.principalName) is ignored; assign Key Vault Secrets User instead")
            }
            if vault.permissionModel == .accessPolicy {
                for a in world.roleAssignments where world.scope(a.scope, covers: vault) && RoleCatalog.role(named: a.role)?.grants[.keyVault] != nil {
                    if !world.accessPolicies.contains(where: { $0.vault == vault.name && $0.principalID == a.principalID }) {
                        return .failed("\(vault.name) uses access policies, so '\(a.role)' for \(a.principalName) is not consulted; add an access policy with get and list")
                    }
                }
            }
        }
        return .passed("each vault's access is granted the way its permission model reads it")
    }
}

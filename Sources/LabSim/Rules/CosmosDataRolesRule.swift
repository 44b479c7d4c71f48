/// `cosmos-data-roles`: Cosmos DB item access comes from its built-in data roles, assigned inside the account.
struct CosmosDataRolesRule: RuleCheck {
    let id = "cosmos-data-roles"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let world = context.world
        guard world.targets.contains(where: { $0.kind == .cosmosDB }) else { return .notApplicable("no Cosmos DB account in this world") }
        for a in world.roleAssignments {
            let role = RoleCatalog.role(named: a.role)
            let cosmosScope: Bool
            if case .cosmos = a.scope { cosmosScope = true } else { cosmosScope = false }
            if role?.system == .cosmos && !cosmosScope {
                return .failed("'\(a.role)' for \(a.principalName) is placed at \(a.scope.text); Cosmos DB data roles are assigned inside the account (az cosmosdb sql role assignment create)")
            }
            if role?.system == .azureRBAC && cosmosScope {
                return .failed("'\(a.role)' is an Azure role placed inside a Cosmos DB account")
            }
        }
        for need in context.needs {
            guard let target = world.target(need.target), target.kind == .cosmosDB else { continue }
            let has = world.roleAssignments.contains { $0.principalID == need.principalID && world.scope($0.scope, covers: target) && RoleCatalog.role(named: $0.role)?.system == .cosmos }
            if !has { return .failed("the identity that uses \(target.name) has no Cosmos DB built-in data role there") }
        }
        return .passed("Cosmos DB access comes from built-in data roles assigned inside the account")
    }
}

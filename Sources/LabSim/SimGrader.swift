/// Grades a world (and the runs made in it) against every rule of the rulebook and the scenario's goal.
public struct SimGrader: Sendable {
    /// Every rule the grader knows, by id; a test keeps this list and the rulebook file in step.
    public static let checks: [RuleCheck] = [
        IMDSIntermediaryRule(), NoStoredSecretsRule(), MetadataHeaderRule(), RequestParametersRule(), TokenLifetimeRule(),
        UserAssignedLimitRule(), SystemIdentityNotSharedRule(), SelectorRequiredRule(), LifecycleOrphansRule(), LeastPrivilegeRule(),
        NarrowestScopeRule(), ControlPlaneNoDataRule(), KeyVaultPermissionModelRule(), SharedIdentityRule(), NoOnPremisesIdentityRule(),
        AudienceMatchesTargetRule(), CosmosDataRolesRule(),
    ]

    public var rulebook: Rulebook

    public init(rulebook: Rulebook) { self.rulebook = rulebook }

    public func grade(_ context: GradingContext) -> GradeReport {
        var results: [GradeReport.RuleResult] = []
        for rule in rulebook.rules {
            guard let check = Self.checks.first(where: { $0.id == rule.id }) else { continue }
            results.append(GradeReport.RuleResult(rule: rule, outcome: check.evaluate(context)))
        }
        var goals: [GradeReport.GoalResult] = []
        for call in context.goal?.calls ?? [] {
            var (met, why) = Goal.check(call, in: context.world)
            if met && call.mustRun {
                // The call must have been made as the identity the goal's code uses.
                let expected = Goal.principal(for: call, in: context.world)?.ids.principalID
                let ran = context.calls.contains {
                    $0.caller == call.from && $0.target == call.target && $0.operation == call.operation && $0.succeeded
                        && $0.principalID == expected
                }
                if !ran {
                    met = false
                    let selector = call.identity.map { " --identity \($0)" } ?? ""
                    why = "the world allows it, but no successful call was made\(call.identity.map { " as \($0)" } ?? "") yet: token \(call.from) \(call.target)\(selector), then call \(call.target) \(call.operation.rawValue) --from \(call.from)"
                }
            }
            goals.append(GradeReport.GoalResult(goal: call.text, met: met, detail: why))
        }
        let required = Set(context.goal?.rules ?? [])
        return GradeReport(rules: results, goals: goals, requiredRules: required)
    }
}

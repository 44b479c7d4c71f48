/// `control-plane-no-data`: Owner, Contributor, Reader and service Contributor roles give no data access.
struct ControlPlaneNoDataRule: RuleCheck {
    let id = "control-plane-no-data"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let world = context.world
        var checked = 0
        for need in context.needs {
            guard let target = world.target(need.target) else { continue }
            for op in need.operations {
                checked += 1
                let decision = world.authorize(principalID: need.principalID, target: target, operation: op)
                if decision.rule == id { return .failed(decision.reason) }
            }
        }
        guard checked > 0 else { return .notApplicable("no data access is needed or was tried yet") }
        return .passed("data access comes from data roles (or the target's own system), not from control-plane roles")
    }
}

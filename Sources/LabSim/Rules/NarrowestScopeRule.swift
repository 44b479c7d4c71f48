/// `narrowest-scope`: data roles are assigned on the resource (or narrower), not on a group or subscription.
struct NarrowestScopeRule: RuleCheck {
    let id = "narrowest-scope"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let data = context.world.roleAssignments.filter { RoleCatalog.role(named: $0.role)?.plane == .data && context.world.principal(id: $0.principalID) != nil }
        guard !data.isEmpty else { return .notApplicable("no data role is assigned yet") }
        if let wide = data.first(where: { $0.scope.breadth >= 2 }) {
            return .failed("'\(wide.role)' for \(wide.principalName) is assigned at \(wide.scope.text), which reaches every resource below it; assign it on the resource the app uses")
        }
        for call in context.calls.reversed() where call.rule == id {
            if !context.calls.contains(where: { $0.caller == call.caller && $0.target == call.target && $0.succeeded }) {
                return .failed("a call from \(call.caller ?? "an app") to \(call.target) was refused: \(call.reason)")
            }
        }
        return .passed("every data role is assigned at a single resource or narrower")
    }
}

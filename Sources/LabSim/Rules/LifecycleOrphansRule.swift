/// `lifecycle-orphans`: no role assignment names a principal that no longer exists.
struct LifecycleOrphansRule: RuleCheck {
    let id = "lifecycle-orphans"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let orphans = context.world.orphanedAssignments
        if let first = orphans.first {
            return .failed("\(orphans.count) orphaned role assignment(s), such as '\(first.role)' for the deleted \(first.principalName) (principal \(first.principalID)) at \(first.scope.text): revoke them")
        }
        guard !context.world.roleAssignments.isEmpty else { return .notApplicable("no role assignments yet") }
        return .passed("every role assignment names a principal that exists")
    }
}

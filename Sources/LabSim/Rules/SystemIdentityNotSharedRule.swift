/// `system-identity-not-shared`: one system-assigned identity per resource, belonging to it alone.
struct SystemIdentityNotSharedRule: RuleCheck {
    let id = "system-identity-not-shared"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        var seen: [String: String] = [:]
        for resource in context.world.compute {
            guard let principal = resource.systemIdentity?.principalID else { continue }
            if let other = seen[principal] { return .failed("\(resource.name) and \(other) share one system-assigned identity; it belongs to one resource only") }
            seen[principal] = resource.name
        }
        if let clash = context.world.identities.first(where: { seen[$0.principal.principalID] != nil }) {
            return .failed("\(clash.name) has the principal id of a system-assigned identity")
        }
        guard !seen.isEmpty else { return .notApplicable("no resource has a system-assigned identity") }
        return .passed("\(seen.count) system-assigned identit\(seen.count == 1 ? "y" : "ies"), each on its own resource")
    }
}

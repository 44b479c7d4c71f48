/// `shared-identity-for-identical-needs`: many services with identical needs share one user-assigned identity
/// (one role assignment instead of N), accepting the wider blast radius.
struct SharedIdentityRule: RuleCheck {
    let id = "shared-identity-for-identical-needs"
    static let threshold = 3

    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let world = context.world
        var groups: [String: [String]] = [:]
        for resource in world.compute {
            guard let principal = resource.systemIdentity?.principalID else { continue }
            let access = world.roleAssignments.filter { $0.principalID == principal }.map { "\($0.role)@\($0.scope.text)" }.sorted()
            guard !access.isEmpty else { continue }
            groups[access.joined(separator: ";"), default: []].append(resource.name)
        }
        if let same = groups.values.first(where: { $0.count >= Self.threshold }) {
            return .failed("\(same.count) resources (\(same.joined(separator: ", "))) each carry identical role assignments on their own system-assigned identities; one shared user-assigned identity needs one assignment instead of \(same.count)")
        }
        let shared = world.identities.filter { identity in world.compute.filter { $0.userIdentities.contains(identity.name) }.count > 1 }
        if let identity = shared.first {
            let holders = world.compute.filter { $0.userIdentities.contains(identity.name) }.map(\.name)
            return .passed("\(identity.name) serves \(holders.count) resources with one set of role assignments; remember the blast radius: a compromised holder exposes the access of all")
        }
        return .notApplicable("no group of \(Self.threshold) or more resources with identical needs")
    }
}

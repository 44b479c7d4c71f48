/// `uami-limit`: at most 20 user-assigned identities per resource (the exam's rule).
struct UserAssignedLimitRule: RuleCheck {
    let id = "uami-limit"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        if let over = context.world.compute.first(where: { $0.userIdentities.count > Rulebook.userAssignedLimit }) {
            return .failed("\(over.name) holds \(over.userIdentities.count) user-assigned identities; the exam's limit is \(Rulebook.userAssignedLimit) per resource")
        }
        let most = context.world.compute.map(\.userIdentities.count).max() ?? 0
        return .passed("no resource holds more than \(Rulebook.userAssignedLimit) user-assigned identities (most: \(most))")
    }
}

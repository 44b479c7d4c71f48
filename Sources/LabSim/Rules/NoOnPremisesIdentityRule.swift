/// `no-on-premises-identity`: managed identities exist only on Azure resources (exam; Arc is the nuance).
struct NoOnPremisesIdentityRule: RuleCheck {
    let id = "no-on-premises-identity"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let servers = context.world.compute.filter { $0.kind == .onPremServer }
        guard !servers.isEmpty else { return .notApplicable("no on-premises server in this world") }
        if let wrong = servers.first(where: { $0.systemIdentity != nil || !$0.userIdentities.isEmpty }) {
            return .failed("\(wrong.name) is on premises but is given a managed identity; Azure cannot manage a credential there (Azure Arc-enabled servers excepted)")
        }
        if let call = context.goal?.calls.first(where: { c in servers.contains { $0.name == c.from } }) {
            return .failed("the goal expects \(call.from), an on-premises server, to use a managed identity; it cannot")
        }
        return .passed("on-premises servers hold no managed identity")
    }
}

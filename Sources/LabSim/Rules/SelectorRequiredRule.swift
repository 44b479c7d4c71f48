/// `selector-required`: with several user-assigned identities and no system-assigned one, code names one.
struct SelectorRequiredRule: RuleCheck {
    let id = "selector-required"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let ambiguous = context.world.compute.filter { $0.systemIdentity == nil && $0.userIdentities.count > 1 }
        var latest: [String: TokenService.Exchange] = [:]
        for run in context.tokenRuns { latest[run.from] = run.exchange }
        for (from, exchange) in latest.sorted(by: { $0.key < $1.key }) where exchange.problem?.rule == id {
            return .failed("the last token request from \(from) failed: \(exchange.problem?.why ?? "")")
        }
        guard !ambiguous.isEmpty else { return .notApplicable("no resource holds several user-assigned identities without a system-assigned one") }
        for call in context.goal?.calls ?? [] where call.identity == nil && ambiguous.contains(where: { $0.name == call.from }) {
            return .failed("\(call.from) holds several user-assigned identities, so its code must pass a client id")
        }
        return .passed("requests from \(ambiguous.map(\.name).joined(separator: ", ")) name their identity")
    }
}

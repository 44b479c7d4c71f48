/// `audience-matches-target`: the token is requested for the target's own resource URI, its `aud`.
struct AudienceMatchesTargetRule: RuleCheck {
    let id = "audience-matches-target"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        var latest: [String: TargetCall] = [:]
        for call in context.calls { latest["\(call.caller ?? "")|\(call.target)"] = call }
        for call in latest.values.sorted(by: { $0.target < $1.target }) where call.rule == id {
            return .failed("\(call.caller ?? "an app") called \(call.target) with a token for \(call.audience ?? "another audience"): \(call.reason)")
        }
        if let bad = context.tokenRuns.last(where: { $0.exchange.problem?.rule == id }), context.tokenRuns.last?.exchange.problem?.rule == id {
            return .failed(bad.exchange.problem?.why ?? "unknown resource")
        }
        guard !latest.isEmpty else { return .notApplicable("no call was made to a target yet") }
        return .passed("every call carried a token whose aud is the target's")
    }
}

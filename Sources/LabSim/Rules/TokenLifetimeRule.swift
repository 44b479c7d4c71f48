/// `token-lifetime`: a token lasts an hour (exam); reuse it until shortly before expiry instead of asking per call.
struct TokenLifetimeRule: RuleCheck {
    let id = "token-lifetime"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let runs = context.tokenRuns.filter { $0.exchange.token != nil }
        guard !runs.isEmpty else { return .notApplicable("no token was issued in this session") }
        let repeats = runs.filter { $0.mode == .http && $0.exchange.fromCache }.count
        if repeats >= 2 {
            return .failed("\(repeats) raw requests asked again for a token the app already held; cache it for its hour (the SDKs do)")
        }
        let expiredCalls = context.calls.filter { $0.rule == id }
        if let last = context.calls.last, last.rule == id {
            return .failed("the last call used an expired token: \(last.reason)")
        }
        return .passed(expiredCalls.isEmpty ? "tokens were reused within their lifetime" : "an expired token was replaced by a new one")
    }
}

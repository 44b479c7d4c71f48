/// `imds-intermediary`: tokens come from the local endpoint; code never calls Microsoft Entra ID itself.
struct IMDSIntermediaryRule: RuleCheck {
    let id = "imds-intermediary"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let direct = context.runs.filter { if case .directToEntra = $0 { return true }; return false }
        if let first = direct.first { return .failed("\(first.caller ?? "an app") called Microsoft Entra ID's token endpoint directly; a managed identity has no secret for that. Ask IMDS or IDENTITY_ENDPOINT.") }
        let local = context.tokenRuns.filter { $0.exchange.token != nil }
        if local.isEmpty { return .notApplicable("no token was requested in this session") }
        return .passed("\(local.count) token(s) came from the local endpoint, which asked Microsoft Entra ID on the resource's behalf")
    }
}

/// `request-parameters`: a token request names `api-version` and a valid `resource`.
struct RequestParametersRule: RuleCheck {
    let id = "request-parameters"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let raw = context.tokenRuns.filter { $0.mode == .http && $0.exchange.response.status != 0 }
        guard !raw.isEmpty else { return .notApplicable("no raw HTTP token request was sent (the SDK builds the query itself)") }
        var latest: [String: TokenService.Exchange] = [:]
        for run in raw { latest[run.from] = run.exchange }
        for (from, exchange) in latest.sorted(by: { $0.key < $1.key }) where exchange.problem?.rule == id {
            return .failed("the last request from \(from) was refused: \(exchange.problem?.why ?? "")")
        }
        return .passed("the last requests name an api-version and a resource")
    }
}

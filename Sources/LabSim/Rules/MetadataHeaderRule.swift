/// `metadata-header`: raw requests to IMDS carry `Metadata: true` (App Service: `X-IDENTITY-HEADER`).
struct MetadataHeaderRule: RuleCheck {
    let id = "metadata-header"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        let raw = context.tokenRuns.filter { $0.mode == .http && $0.exchange.response.status != 0 }
        guard !raw.isEmpty else { return .notApplicable("no raw HTTP token request was sent (the SDK adds the header itself)") }
        var latest: [String: TokenService.Exchange] = [:]
        for run in raw { latest[run.from] = run.exchange }
        for (from, exchange) in latest.sorted(by: { $0.key < $1.key }) where exchange.problem?.rule == id {
            return .failed("the last request from \(from) was refused: \(exchange.problem?.why ?? "header missing")")
        }
        let refused = raw.filter { $0.exchange.problem?.rule == id }.count
        return .passed(refused == 0 ? "every raw request carried the header" : "fixed: the last requests carry the header (\(refused) earlier request(s) were refused without it)")
    }
}

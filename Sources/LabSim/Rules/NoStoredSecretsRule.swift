/// `no-stored-secrets`: with a managed identity, no key, password or connection string sits in app settings.
struct NoStoredSecretsRule: RuleCheck {
    let id = "no-stored-secrets"
    func evaluate(_ context: GradingContext) -> RuleOutcome {
        for resource in context.world.compute {
            for (name, value) in resource.settings.sorted(by: { $0.key < $1.key }) where WorldEditor.looksLikeSecret(name: name, value: value) {
                return .failed("\(resource.name) keeps a secret in the app setting \(name); remove it and use the identity")
            }
        }
        return .passed("no app setting holds a secret")
    }
}

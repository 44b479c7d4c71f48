/// What a scenario asks the learner to make work: calls that must succeed, checked against the world.
public struct Goal: Sendable, Equatable {
    public struct Call: Sendable, Equatable {
        /// The compute resource whose code makes the call.
        public var from: String
        public var target: String
        public var operation: DataOperation
        /// The user-assigned identity the code selects (by client id); nil: the default identity.
        public var identity: String?
        /// Whether a successful call must also have been made in the session (troubleshooting labs).
        public var mustRun: Bool

        public init(from: String, target: String, operation: DataOperation, identity: String? = nil, mustRun: Bool = false) {
            self.from = from
            self.target = target
            self.operation = operation
            self.identity = identity
            self.mustRun = mustRun
        }

        public var text: String {
            "\(from) can \(operation.rawValue) \(target)" + (identity.map { " as \($0)" } ?? "")
        }
    }

    public var calls: [Call]
    /// Rules that must pass besides the calls (every applicable rule counts towards the score anyway).
    public var rules: [String]

    public init(calls: [Call] = [], rules: [String] = []) {
        self.calls = calls
        self.rules = rules
    }

    /// The principal the call's code uses: the named user-assigned identity, else the default one.
    public static func principal(for call: Call, in world: World) -> World.Principal? {
        guard let compute = world.computeResource(call.from) else { return nil }
        let attached = TokenService.attachedIdentities(of: compute, in: world)
        if let name = call.identity { return attached.first { if case .user(let n, _) = $0 { return n == name }; return false } }
        return TokenService.defaultIdentity(among: attached)
    }

    /// Whether the world lets the call succeed: an identity the SDK would pick, a token it can get, access.
    public static func check(_ call: Call, in world: World) -> (met: Bool, why: String) {
        guard let compute = world.computeResource(call.from) else { return (false, "there is no compute resource called \(call.from)") }
        guard let target = world.target(call.target) else { return (false, "there is no target called \(call.target)") }
        guard compute.kind.endpoint != nil else { return (false, "\(call.from) is on premises: no managed identity can serve it") }
        let attached = TokenService.attachedIdentities(of: compute, in: world)
        let principal: World.Principal
        if let name = call.identity {
            guard let chosen = attached.first(where: { if case .user(let n, _) = $0 { return n == name }; return false }) else {
                return (false, "\(call.from) does not hold the user-assigned identity \(name)")
            }
            principal = chosen
        } else if let byDefault = TokenService.defaultIdentity(among: attached) {
            principal = byDefault
        } else if attached.isEmpty {
            return (false, "\(call.from) has no managed identity")
        } else {
            return (false, "\(call.from) holds several user-assigned identities and the code names none (Identity not found / pass a client id)")
        }
        let decision = world.authorize(principalID: principal.ids.principalID, target: target, operation: call.operation)
        return (decision.allowed, decision.reason)
    }
}

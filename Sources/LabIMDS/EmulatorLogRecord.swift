import Foundation
import LabSim

/// One request as the emulator saw it: what `flow` draws, what `grade` reads, and what the REPL prints live.
/// `summary` never shows a token; `exchange` carries the issued one (in memory only) for the simulator's runs.
public struct EmulatorLogRecord: Sendable, Equatable {
    /// 1 for the first request since start; lets a reader ask for "everything after N".
    public var sequence: Int
    public var time: Date
    public var method: String
    public var path: String
    /// Which token endpoint answered, nil for discovery, keys and refusals before routing.
    public var endpoint: IdentityEndpointKind?
    /// The identity selector the request carried, as `name=value` (`client_id=...`), nil for the default identity.
    public var selector: String?
    public var resource: String?
    public var status: Int
    /// The rule the request broke (`TokenService.Exchange.problem`), and why in the learner's words.
    public var rule: String?
    public var why: String?
    /// The identity that got the token, as the learner names it.
    public var identity: String?
    public var fromCache: Bool
    public var reachedEntra: Bool
    /// Query parameters the emulator did not know and ignored (real clients send some extras).
    public var ignoredParameters: [String]
    /// "throttled", "injected 410", ...: what the emulator itself did.
    public var note: String?
    public var milliseconds: Double
    /// The token service's answer, for the simulator's `flow` and `grade` (nil when the request never reached it).
    public var exchange: TokenService.Exchange?

    public init(sequence: Int = 0, time: Date, method: String, path: String, endpoint: IdentityEndpointKind? = nil, selector: String? = nil,
                resource: String? = nil, status: Int, rule: String? = nil, why: String? = nil, identity: String? = nil, fromCache: Bool = false,
                reachedEntra: Bool = false, ignoredParameters: [String] = [], note: String? = nil, milliseconds: Double = 0) {
        self.sequence = sequence
        self.time = time
        self.method = method
        self.path = path
        self.endpoint = endpoint
        self.selector = selector
        self.resource = resource
        self.status = status
        self.rule = rule
        self.why = why
        self.identity = identity
        self.fromCache = fromCache
        self.reachedEntra = reachedEntra
        self.ignoredParameters = ignoredParameters
        self.note = note
        self.milliseconds = milliseconds
    }

    /// One line for the live log: `#12 GET /metadata/identity/oauth2/token client_id=... -> 200 (cached)`.
    public var summary: String {
        var parts = ["#\(sequence)", method, path]
        if let selector { parts.append(selector) }
        if let resource { parts.append("resource=\(resource)") }
        parts.append("-> \(status)")
        var tags: [String] = []
        if let identity { tags.append(identity) }
        if fromCache { tags.append("cached") }
        if let note { tags.append(note) }
        if let rule { tags.append("rule \(rule)") }
        if !ignoredParameters.isEmpty { tags.append("ignored \(ignoredParameters.joined(separator: ","))") }
        if !tags.isEmpty { parts.append("(" + tags.joined(separator: "; ") + ")") }
        if let why, status >= 400 { parts.append("- " + why) }
        return parts.joined(separator: " ")
    }
}

import Foundation
import LabTokens

/// A call from an app to a target with a bearer token: the target validates the token locally (signature from
/// the issuer's keys, issuer, audience, times with 5 minutes of skew), then looks up the caller's access.
public struct TargetCall: Sendable, Equatable {
    public var target: String
    public var operation: DataOperation
    /// The compute resource whose code made the call.
    public var caller: String?
    public var status: Int
    public var steps: [ValidationWalkthrough.Step]
    /// Why it ended as it did, in one sentence.
    public var reason: String
    public var rule: String?
    /// The token's audience and object id, for the flow and the grader.
    public var audience: String?
    public var principalID: String?

    public var succeeded: Bool { status == 200 }

    /// Runs the call against `world` at the target's `now` (skew applied by the caller).
    public static func make(token: String, caller: String?, target: TargetResource, operation: DataOperation, world: World, jwks: JWKS, now: Date) -> TargetCall {
        var call = TargetCall(target: target.name, operation: operation, caller: caller, status: 401, steps: [], reason: "", rule: nil, audience: nil, principalID: nil)
        guard let decoded = try? DecodedToken.decode(token) else {
            call.reason = "the Authorization header does not carry a JWT"
            return call
        }
        call.audience = decoded.claimString("aud")
        call.principalID = decoded.claimString("oid")
        let walkthrough = ValidationWalkthrough(token: decoded, service: AudienceCatalog.service(for: target.kind.audience),
                                                audience: target.kind.audience, jwks: jwks, jwksSource: "the lab issuer's JWKS", now: now)
        var steps = Array(walkthrough.steps.prefix(5))
        for index in steps.indices where steps[index].name == "audience" && steps[index].passed == nil {
            steps[index].passed = true
        }
        if let failed = steps.first(where: { $0.passed == false }) {
            call.steps = steps
            call.reason = "\(failed.name) check failed: \(failed.detail)"
            switch failed.name {
            case "audience": call.rule = "audience-matches-target"
            case "expiry", "not before": call.rule = "token-lifetime"
            default: call.rule = nil
            }
            return call
        }
        let decision = world.authorize(principalID: call.principalID ?? "", target: target, operation: operation)
        steps.append(ValidationWalkthrough.Step(name: "authorization", passed: decision.allowed, detail: decision.reason))
        call.steps = steps
        call.status = decision.allowed ? 200 : 403
        call.reason = decision.reason
        call.rule = decision.rule
        return call
    }
}

import Foundation

/// One thing the learner ran: a token request or a call to a target, kept for `flow` and `grade`.
public enum SimRun: Sendable, Equatable {
    /// How the token was asked for: as `ManagedIdentityCredential` would, or a raw HTTP request.
    public enum Mode: String, Sendable, Codable { case sdk, http }

    case token(from: String, mode: Mode, exchange: TokenService.Exchange, at: Date)
    /// A request sent straight to Microsoft Entra ID's token endpoint instead of the local endpoint.
    case directToEntra(from: String, request: SimHTTPRequest, at: Date)
    case call(TargetCall, at: Date)

    public var caller: String? {
        switch self {
        case .token(let from, _, _, _), .directToEntra(let from, _, _): return from
        case .call(let call, _): return call.caller
        }
    }
}

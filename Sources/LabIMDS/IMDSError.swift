import Foundation
import Hummingbird
import LabSim
import LabTokens

/// What the emulator refuses: HTTP refusals carry their status and become IMDS-style JSON; setup mistakes reach the CLI.
public enum IMDSError: LocalizedError, HTTPResponseError, Equatable {
    case notFound(path: String)
    case methodNotAllowed(method: String, path: String)
    case malformedQuery(String)
    case repeatedParameter(String)
    case queryTooLong(bytes: Int, limit: Int)
    case headersTooLarge(bytes: Int, limit: Int)
    case throttled(String)
    case injected(status: Int)
    case unknownTenant(String)
    /// A refusal from Hummingbird itself (its status and reason), rewritten as an IMDS-style body.
    case server(status: Int, reason: String)
    case unknownCompute(name: String, known: [String])
    case noComputeWithIdentity
    case unsupportedFailure(Int)
    case invalidFailureCount(Int)
    case alreadyRunning(port: Int)
    case couldNotBind(host: String, port: Int, reason: String)

    public var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    public var statusCode: Int {
        switch self {
        case .notFound, .unknownTenant: return 404
        case .methodNotAllowed: return 405
        case .malformedQuery, .repeatedParameter: return 400
        case .queryTooLong: return 414
        case .headersTooLarge: return 431
        case .throttled: return 429
        case .injected(let status), .server(let status, _): return status
        case .unknownCompute, .noComputeWithIdentity, .unsupportedFailure, .invalidFailureCount, .alreadyRunning, .couldNotBind: return 500
        }
    }

    /// The `error` field of the JSON body, in the OAuth style IMDS uses.
    public var code: String {
        switch self {
        case .notFound, .unknownTenant: return "not_found"
        case .methodNotAllowed, .malformedQuery, .repeatedParameter, .queryTooLong, .headersTooLarge: return "invalid_request"
        case .throttled: return "too_many_requests"
        case .server(let status, _): return status < 500 ? "invalid_request" : "server_error"
        case .injected(let status):
            switch status {
            case 404: return "not_found"
            case 410: return "gone"
            case 429: return "too_many_requests"
            default: return "server_error"
            }
        default: return "server_error"
        }
    }

    public var errorDescription: String? {
        switch self {
        case .notFound(let path): return "No endpoint at \(path): IMDS tokens are at /metadata/identity/oauth2/token, App Service's at /msi/token"
        case .methodNotAllowed(let method, let path): return "The HTTP method \(method) is not supported on \(path); use GET"
        case .malformedQuery(let why): return "The query string is malformed: \(why)"
        case .repeatedParameter(let name): return "The query parameter '\(name)' is given more than once"
        case .queryTooLong(let bytes, let limit): return "The query string is \(bytes) bytes; the limit is \(limit)"
        case .headersTooLarge(let bytes, let limit): return "The request headers are \(bytes) bytes; the limit is \(limit)"
        case .throttled(let why): return "Too many requests: \(why)"
        case .injected(let status):
            switch status {
            case 410: return "IMDS is being updated (lab: injected 410); retry with backoff, it is back within 70 seconds"
            case 404: return "IMDS is not ready (lab: injected 404); retry with backoff"
            case 429: return "Too many requests (lab: injected 429); retry with backoff"
            default: return "Internal error (lab: injected \(status)); retry with backoff"
            }
        case .server(_, let reason): return reason
        case .unknownTenant(let tenant): return "AADSTS90002: Tenant '\(tenant)' not found; the lab's tenant is \(LabIssuer.tenantID)"
        case .unknownCompute(let name, let known):
            return "no compute resource '\(name)' in the world" + (known.isEmpty ? "" : " (it has: \(known.joined(separator: ", ")))")
        case .noComputeWithIdentity: return "no compute resource in the world holds a managed identity: give one a system-assigned or user-assigned identity, or pick one with --as"
        case .unsupportedFailure(let status): return "--fail takes 404, 410, 429, 500, 502, 503 or 504, not \(status)"
        case .invalidFailureCount(let count): return "the failure count must be 1 or more, not \(count)"
        case .alreadyRunning(let port): return "the emulator is already running on port \(port); stop it first"
        case .couldNotBind(let host, let port, let reason): return "could not listen on \(host):\(port): \(reason)"
        }
    }

    /// The IMDS-style body `{"error": ..., "error_description": ...}`.
    public var body: SimHTTPResponse { .error(statusCode, code, errorDescription ?? code) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = EmulatorResponse.json(body)
        if case .methodNotAllowed = self { response.headers[.allow] = "GET" }
        return response
    }
}

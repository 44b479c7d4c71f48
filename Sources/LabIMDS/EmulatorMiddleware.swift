import Foundation
import Hummingbird
import LabKit

/// Wraps every route (and the router's not-found answer): size limits first, then any refusal becomes an
/// IMDS-style JSON body with its status, logged like every other request.
struct EmulatorMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headerLimit: Int { 8192 }

    let state: EmulatorState
    let clock: any LabClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = clock.now()
        do {
            let headerBytes = request.headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
            if headerBytes > Self.headerLimit { throw IMDSError.headersTooLarge(bytes: headerBytes, limit: Self.headerLimit) }
            return try await next(request, context)
        } catch {
            let refusal = Self.refusal(for: error, request: request)
            state.record(EmulatorLogRecord(time: started, method: request.method.rawValue, path: Self.loggedPath(request.uri.path),
                                           status: refusal.statusCode, why: refusal.errorDescription,
                                           milliseconds: clock.now().timeIntervalSince(started) * 1000))
            return try refusal.response(from: request, context: context)
        }
    }

    /// What to answer for an error: our own refusals as they are; the router's 404 on a known path becomes 405.
    static func refusal(for error: any Error, request: Request) -> IMDSError {
        if let own = error as? IMDSError { return own }
        let path = request.uri.path
        let status = (error as? any HTTPResponseError)?.status.code ?? 500
        if status == 404 {
            return IMDSRoutes.isKnown(path) ? .methodNotAllowed(method: request.method.rawValue, path: loggedPath(path)) : .notFound(path: loggedPath(path))
        }
        if status == 405 { return .methodNotAllowed(method: request.method.rawValue, path: loggedPath(path)) }
        return .server(status: status, reason: status >= 500 ? "Internal error" : HTTPResponse.Status(code: status).reasonPhrase)
    }

    /// Paths in logs and bodies are cut short so a huge URL cannot flood the log.
    static func loggedPath(_ path: String) -> String {
        path.utf8.count <= 200 ? path : String(path.prefix(200)) + "..."
    }
}

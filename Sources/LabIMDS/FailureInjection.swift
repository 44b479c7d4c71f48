import Foundation

/// Answer the next `count` token requests with `status` instead of a token (404, 410, 429 or 5xx).
public struct FailureInjection: Sendable, Equatable {
    public var status: Int
    public var count: Int

    public init(status: Int, count: Int) throws {
        guard [404, 410, 429, 500, 502, 503, 504].contains(status) else { throw IMDSError.unsupportedFailure(status) }
        guard count > 0 else { throw IMDSError.invalidFailureCount(count) }
        self.status = status
        self.count = count
    }
}

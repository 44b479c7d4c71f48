import Foundation

/// A request budget: requests per second and requests in flight.
public struct RateLimit: Sendable, Equatable {
    public var perSecond: Int
    public var concurrent: Int

    public init(perSecond: Int, concurrent: Int) {
        self.perSecond = perSecond
        self.concurrent = concurrent
    }

    /// The managed identity category of IMDS: 20 requests per second and 5 at once, per VM.
    public static let imds = RateLimit(perSecond: 20, concurrent: 5)
}

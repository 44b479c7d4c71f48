import Foundation

/// IMDS's throttle: a sliding one-second window plus a cap on requests in flight; memory is one slot per allowed request.
struct RequestRateLimiter: Sendable {
    let limit: RateLimit
    /// Times of the last `perSecond` admitted requests, oldest at `next` once full.
    private var recent: [Date]
    private var next = 0
    private(set) var inFlight = 0

    init(limit: RateLimit) {
        self.limit = limit
        recent = []
        recent.reserveCapacity(limit.perSecond)
    }

    /// Admits a request at `now`, or says which limit it broke.
    mutating func admit(at now: Date) -> String? {
        if inFlight >= limit.concurrent {
            return "more than \(limit.concurrent) concurrent requests (IMDS's limit for managed identity)"
        }
        if recent.count == limit.perSecond, now.timeIntervalSince(recent[next]) < 1 {
            return "more than \(limit.perSecond) requests per second (IMDS's limit for managed identity); back off and cache tokens"
        }
        if recent.count < limit.perSecond { recent.append(now) } else { recent[next] = now; next = (next + 1) % limit.perSecond }
        inFlight += 1
        return nil
    }

    mutating func finish() { inFlight = max(0, inFlight - 1) }
}

import Foundation
@testable import LabIMDS
import Testing

/// The strict query reader and the throttle on their own.
@Suite struct BuildingBlockTests {
    @Test func queryDecodesPercentAndPlus() throws {
        let query = try QueryString.parse("resource=https%3A%2F%2Fvault.azure.net&x=a+b&flag")
        #expect(query.map(\.name) == ["resource", "x", "flag"])
        #expect(query.map(\.value) == ["https://vault.azure.net", "a b", ""])
        #expect(try QueryString.parse(nil).isEmpty && QueryString.parse("").isEmpty)
    }

    @Test func theThrottleCapsRequestsInFlight() {
        var limiter = RequestRateLimiter(limit: RateLimit(perSecond: 100, concurrent: 5))
        let now = Date()
        for _ in 0..<5 { #expect(limiter.admit(at: now) == nil) }
        #expect(limiter.admit(at: now)?.contains("concurrent") == true)
        limiter.finish()
        #expect(limiter.admit(at: now) == nil)
    }

    @Test func theWindowSlides() {
        var limiter = RequestRateLimiter(limit: RateLimit(perSecond: 3, concurrent: 100))
        let t0 = Date(timeIntervalSince1970: 0)
        for i in 0..<3 { #expect(limiter.admit(at: t0 + Double(i) * 0.4) == nil) }
        #expect(limiter.admit(at: t0 + 0.9) != nil)
        #expect(limiter.admit(at: t0 + 1.0) == nil)
    }
}

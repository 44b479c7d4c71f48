import Foundation
import Hummingbird
import HummingbirdTesting
import LabIMDS
import LabKit
import Testing

/// IMDS's throttle (20 per second, 5 at once) and injected failures, so SDK retries can be watched.
@Suite struct ThrottleAndFailureTests {
    typealias F = EmulatorFixtures

    @Test func the21stRequestInOneSecondIs429() async throws {
        let clock = FixedClock(F.start)
        let emulator = try F.emulator(rateLimit: .imds, clock: clock)
        try await F.withRouter(emulator) { client in
            for _ in 0..<20 {
                try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { response in
                #expect(response.status == .tooManyRequests)
                let body = try F.json(response)
                #expect(body["error"] as? String == "too_many_requests")
            }
            clock.advance(by: 1)
            try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { #expect($0.status == .ok) }
        }
        #expect(emulator.status.throttled == 1)
        #expect(emulator.records().filter { $0.note == "throttled" }.count == 1)
    }

    @Test func theAppServiceEndpointIsNotThrottledByIMDSLimits() async throws {
        let emulator = try F.emulator(computeName: "web", rateLimit: .imds)
        try await F.withRouter(emulator) { client in
            for _ in 0..<25 {
                try await client.execute(uri: "/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net", method: .get,
                                         headers: F.identityHeader) { #expect($0.status == .ok) }
            }
        }
    }

    @Test(arguments: [410, 500, 404])
    func injectedFailuresAnswerTheNextNThenTokensFlow(status: Int) async throws {
        let emulator = try F.emulator(failures: try FailureInjection(status: status, count: 3))
        try await F.withRouter(emulator) { client in
            for _ in 0..<3 {
                try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { response in
                    #expect(Int(response.status.code) == status)
                    let body = try F.json(response)
                    #expect(body["error_description"] is String)
                }
            }
            try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { #expect($0.status == .ok) }
        }
        #expect(emulator.records().map(\.note) == ["injected \(status)", "injected \(status)", "injected \(status)", nil])
        #expect(emulator.status.injectedFailuresLeft == 0)
    }

    @Test func failuresCanBeInjectedWhileRunning() async throws {
        let emulator = try F.emulator()
        emulator.injectFailures(try FailureInjection(status: 410, count: 1))
        try await F.withRouter(emulator) { client in
            try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { #expect($0.status == .gone) }
            try await client.execute(uri: F.imdsQuery, method: .get, headers: F.metadata) { #expect($0.status == .ok) }
        }
    }

    @Test func onlyRetryableStatusesCanBeInjected() {
        #expect(throws: IMDSError.unsupportedFailure(200)) { try FailureInjection(status: 200, count: 1) }
        #expect(throws: IMDSError.invalidFailureCount(0)) { try FailureInjection(status: 410, count: 0) }
    }
}

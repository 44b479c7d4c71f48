import Foundation
import LabKit
import LabSim

/// The emulator's shared mutable state (token cache, throttle, injected failures, counters, log ring) behind one lock,
/// held only for bookkeeping: token signing runs outside it, so requests sign in parallel.
final class EmulatorState: @unchecked Sendable {
    /// Counters for `imds status`.
    struct Counters: Sendable, Equatable {
        var requests = 0
        var tokensIssued = 0
        var cacheHits = 0
        var throttled = 0
        var injected = 0
    }

    /// More distinct (identity, resource) pairs than any lab world has: past it the cache starts over.
    static let cacheLimit = 10_000

    private let lock = NSLock()
    private var world: World
    private var compute: ComputeResource
    /// One cache per endpoint: IMDS and App Service's token service are separate services and share nothing.
    private var caches: [IdentityEndpointKind: TokenCache] = [:]
    private var limiter: RequestRateLimiter?
    private var failures: FailureInjection?
    private var log: LogRing<EmulatorLogRecord>
    private var counters = Counters()
    /// Bumped when the world is replaced, so a request still signing for the old world cannot fill the new cache.
    private var generation = 0
    private let onRecord: (@Sendable (EmulatorLogRecord) -> Void)?

    init(world: World, compute: ComputeResource, rateLimit: RateLimit?, failures: FailureInjection?, logCapacity: Int,
         onRecord: (@Sendable (EmulatorLogRecord) -> Void)?) {
        self.world = world
        self.compute = compute
        limiter = rateLimit.map(RequestRateLimiter.init(limit:))
        self.failures = failures
        log = LogRing(capacity: logCapacity)
        self.onRecord = onRecord
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    var served: (world: World, compute: ComputeResource) { locked { (world, compute) } }

    /// Swaps the world (after `load` in the REPL); tokens of the old world are forgotten.
    func replace(world: World, compute: ComputeResource) {
        locked {
            self.world = world
            self.compute = compute
            caches.removeAll()
            generation += 1
        }
    }

    func injectFailures(_ injection: FailureInjection?) { locked { failures = injection } }
    var pendingFailures: FailureInjection? { locked { failures } }
    var snapshot: Counters { locked { counters } }

    /// Decides whether a token request goes ahead: throttled (when limited), failed on purpose, or admitted.
    enum Admission: Equatable {
        case admitted(counted: Bool)
        case refused(IMDSError, note: String)
    }

    func admit(at now: Date, throttle: Bool) -> Admission {
        locked {
            var counted = false
            if throttle, limiter != nil {
                if let why = limiter!.admit(at: now) {
                    counters.throttled += 1
                    return .refused(.throttled(why), note: "throttled")
                }
                counted = true
            }
            if var pending = failures {
                pending.count -= 1
                failures = pending.count > 0 ? pending : nil
                counters.injected += 1
                if counted { limiter!.finish() }
                return .refused(.injected(status: pending.status), note: "injected \(pending.status)")
            }
            return .admitted(counted: counted)
        }
    }

    func finish(counted: Bool) {
        guard counted else { return }
        locked { limiter?.finish() }
    }

    /// Runs the token service on a copy of the cache, then keeps what it minted.
    func answer(_ request: SimHTTPRequest, endpoint: IdentityEndpointKind, service: TokenService, now: Date) -> TokenService.Exchange {
        var (local, world, compute, started) = locked { (caches[endpoint] ?? TokenCache(), self.world, self.compute, generation) }
        let exchange = service.answer(request, endpoint: endpoint, from: compute, in: world, now: now, cache: &local)
        locked {
            if exchange.fromCache { counters.cacheHits += 1 }
            guard started == generation, exchange.token != nil, !exchange.fromCache, let identity = exchange.identity,
                  let resource = request.parameter("resource"),
                  let entry = local.valid(principalID: identity.ids.principalID, resource: resource, at: now) else { return }
            counters.tokensIssued += 1
            if caches[endpoint, default: TokenCache()].count >= Self.cacheLimit { caches[endpoint]?.removeAll() }
            caches[endpoint, default: TokenCache()].store(entry, principalID: identity.ids.principalID, resource: resource)
        }
        return exchange
    }

    /// Numbers the record, keeps it in the ring and hands it to the live log (outside the lock).
    func record(_ record: EmulatorLogRecord) {
        var record = record
        locked {
            counters.requests += 1
            record.sequence = log.total + 1
            log.append(record)
        }
        onRecord?(record)
    }

    func records(after sequence: Int) -> [EmulatorLogRecord] { locked { log.elements(after: sequence) } }
    var recordCount: Int { locked { log.total } }
}

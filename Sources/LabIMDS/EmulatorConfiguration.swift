import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabSim

/// What `lab imds serve` and `imds start` were asked for, copied out of the command line into one value.
public struct EmulatorConfiguration: Sendable {
    /// Where to listen: loopback unless the learner names another address on purpose.
    public var host: String
    /// 0 picks a free port; the bound one is reported back by `start` and `serve`.
    public var port: Int
    public var world: World
    /// The compute resource whose identities the emulator hands out (`--as`); nil means the first one holding an identity.
    public var computeName: String?
    /// Seconds a freshly minted token lives (3600, the exam's hour); small values make every request a cache miss.
    public var tokenLifetime: TimeInterval
    /// Shifts the time tokens are signed with, to show what skewed clocks do to `nbf`/`exp`.
    public var clockSkew: TimeInterval
    /// IMDS's real limits (20 requests per second, 5 concurrent) on the token endpoint, or nil for none.
    public var rateLimit: RateLimit?
    /// Failures to answer to the next token requests (`--fail 410 --count 3`), so SDK retries show.
    public var failures: FailureInjection?
    /// The value App Service puts in `IDENTITY_HEADER`.
    public var identityHeader: String
    /// What `IDENTITY_HEADER` holds unless told otherwise (the simulator uses the same value).
    public static let defaultIdentityHeader = "lab-identity-header"
    /// How many log records to keep for `flow` and `grade`; older ones fall off.
    public var logCapacity: Int

    public init(host: String = "127.0.0.1", port: Int = 0, world: World, computeName: String? = nil, tokenLifetime: TimeInterval = 3600,
                clockSkew: TimeInterval = 0, rateLimit: RateLimit? = .imds, failures: FailureInjection? = nil,
                identityHeader: String = "lab-identity-header", logCapacity: Int = 1000) {
        self.host = host
        self.port = port
        self.world = world
        self.computeName = computeName
        self.tokenLifetime = tokenLifetime
        self.clockSkew = clockSkew
        self.rateLimit = rateLimit
        self.failures = failures
        self.identityHeader = identityHeader
        self.logCapacity = logCapacity
    }

    /// Whether only this machine can reach the emulator; anything else hands tokens to the network.
    public var isLoopback: Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" { return true }
        // A numeric 127.0.0.0/8 address only: a host name that merely starts with "127." is not loopback.
        var address = in_addr()
        return inet_pton(AF_INET, h, &address) == 1 && (UInt32(bigEndian: address.s_addr) >> 24) == 127
    }

    /// The warning the CLI must show before binding off loopback, or nil when none is due.
    public var exposureWarning: String? {
        isLoopback ? nil : "the emulator will listen on \(host): other machines on that network can ask it for lab tokens"
    }

    /// The served compute resource: the one named, else the first that holds an identity.
    public func resolveCompute() throws -> ComputeResource {
        if let name = computeName {
            guard let compute = world.computeResource(name) else {
                throw IMDSError.unknownCompute(name: name, known: world.compute.map(\.name))
            }
            return compute
        }
        guard let compute = world.compute.first(where: { $0.systemIdentity != nil || !$0.userIdentities.isEmpty }) else {
            throw IMDSError.noComputeWithIdentity
        }
        return compute
    }
}

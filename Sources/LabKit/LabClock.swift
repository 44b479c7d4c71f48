import Foundation

/// The current time, injected so tests and timers can run on a fixed clock.
public protocol LabClock: Sendable {
    func now() -> Date
}

/// The wall clock.
public struct SystemClock: LabClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to, for tests.
public final class FixedClock: LabClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    public init(_ date: Date) { current = date }
    public func now() -> Date { lock.lock(); defer { lock.unlock() }; return current }
    public func advance(by seconds: TimeInterval) { lock.lock(); current += seconds; lock.unlock() }
}

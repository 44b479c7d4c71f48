import Foundation

/// Tokens already issued, per identity and resource, as IMDS keeps them: a second request gets the same
/// token with less time left (`expires_in` counts down).
public struct TokenCache: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var token: String
        public var issuedAt: Date
        public var expiresOn: Date

        public init(token: String, issuedAt: Date, expiresOn: Date) {
            self.token = token
            self.issuedAt = issuedAt
            self.expiresOn = expiresOn
        }
    }

    private var entries: [String: Entry] = [:]

    public init() {}

    static func key(_ principalID: String, _ resource: String) -> String { principalID + " " + resource }

    /// A cached token still valid for at least five minutes, as the real service hands out.
    public func valid(principalID: String, resource: String, at now: Date) -> Entry? {
        guard let entry = entries[Self.key(principalID, resource)], entry.expiresOn.timeIntervalSince(now) > 300 else { return nil }
        return entry
    }

    public mutating func store(_ entry: Entry, principalID: String, resource: String) {
        entries[Self.key(principalID, resource)] = entry
    }

    public mutating func removeAll() { entries.removeAll() }
    public var count: Int { entries.count }
}

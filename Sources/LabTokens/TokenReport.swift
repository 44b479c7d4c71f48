import Foundation

/// Everything the inspector says about a token: fields explained, signature, analysis and findings. Codable for --json.
public struct TokenReport: Sendable, Equatable, Codable {
    public struct Field: Sendable, Equatable, Codable {
        public var name: String
        public var value: JSONValue
        /// The value as a learner reads it (times in UTC with a relative hint).
        public var display: String
        public var title: String?
        public var meaning: String?
        public var known: Bool
    }

    public struct Finding: Sendable, Equatable, Codable {
        public enum Severity: String, Sendable, Codable { case problem, warning, note }
        public var severity: Severity
        public var code: String
        public var message: String

        public init(severity: Severity, code: String, message: String) {
            self.severity = severity
            self.code = code
            self.message = message
        }
    }

    public struct Signature: Sendable, Equatable, Codable {
        public var algorithm: String
        public var bytes: Int
        /// nil when no key was available to check it.
        public var verified: Bool?
        public var note: String
    }

    public struct Analysis: Sendable, Equatable, Codable {
        public var identity: ManagedIdentityResource?
        public var service: AudienceCatalog.Service?
        public var audience: String?
        public var version: String?
        public var tenant: String?
        public var lifetimeSeconds: Int?
        public var appOnly: Bool?
        public var isLabToken: Bool
        public var looksLive: Bool
    }

    public var input: String
    public var header: [Field]
    public var claims: [Field]
    public var signature: Signature
    public var analysis: Analysis
    public var findings: [Finding]
    /// Fields of a pasted IMDS / App Service response, when one was pasted.
    public var response: [Field]?
}

/// The lab's own issuer tenant: tokens the lab mints carry it, so they can never pass for real ones.
public enum LabIssuer {
    public static let tenantID = "1ab1ab1a-b000-4000-8000-00000000c0de"
    public static let issuer = "https://sts.windows.net/\(tenantID)/"
}

/// Times as a learner wants them: UTC, and how far from now.
public enum TimeText {
    public static func describe(_ epoch: Double, now: Date) -> String {
        let date = Date(timeIntervalSince1970: epoch)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return "\(formatter.string(from: date)) (\(relative(date.timeIntervalSince(now))))"
    }

    /// "in 57 min", "2 days ago", "just now".
    public static func relative(_ seconds: TimeInterval) -> String {
        let s = abs(seconds)
        if s < 60 { return "just now" }
        let text: String
        if s < 3600 { text = "\(Int(s / 60)) min" }
        else if s < 86_400 {
            let h = Int(s / 3600), m = Int(s.truncatingRemainder(dividingBy: 3600) / 60)
            text = m == 0 ? "\(h) h" : "\(h) h \(m) min"
        } else {
            let d = Int(s / 86_400)
            text = d == 1 ? "1 day" : "\(d) days"
        }
        return seconds > 0 ? "in \(text)" : "\(text) ago"
    }

    /// "in 2 days", "in 3 h", without the clock time.
    public static func relativeWords(_ seconds: TimeInterval) -> String { relative(seconds) }

    /// A duration in words: "1 h", "24 h 5 min".
    public static func duration(_ seconds: Int) -> String {
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        var parts: [String] = []
        if h > 0 { parts.append("\(h) h") }
        if m > 0 { parts.append("\(m) min") }
        if s > 0 && h == 0 { parts.append("\(s) s") }
        return parts.isEmpty ? "0 s" : parts.joined(separator: " ")
    }
}

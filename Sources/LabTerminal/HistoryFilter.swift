import Foundation

/// Decides which lines may be kept in history: anything that looks like a token or a secret never is.
public enum HistoryFilter {
    private static let patterns: [NSRegularExpression] = [
        // A JWT or any three base64url parts joined by dots.
        #"[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{0,}"#,
        #"(?i)\bbearer\s+\S+"#,
        #"(?i)\bauthorization\s*:"#,
        #"(?i)(access_token|refresh_token|id_token|client_secret|password|passwd|secret|api[-_]?key|accountkey|sharedaccesskey|sig)\s*[=:"]"#,
        #"(?i)\bx-identity-header\s*:"#,
        // A long unbroken base64 blob (keys, connection-string secrets).
        #"[A-Za-z0-9+/_-]{40,}={0,2}"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// True when the line may hold a credential and must not be written to history.
    public static func isSensitive(_ line: String) -> Bool {
        let range = NSRange(line.startIndex..., in: line)
        return patterns.contains { $0.firstMatch(in: line, range: range) != nil }
    }

    /// True when the line should be added to history at all.
    public static func shouldRecord(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && !line.hasPrefix(" ") && !isSensitive(trimmed)
    }
}

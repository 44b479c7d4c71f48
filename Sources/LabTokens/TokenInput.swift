import Foundation

/// What a learner pasted: a bare JWT, `Bearer <jwt>`, an `Authorization:` header line, or a whole token response.
public enum TokenInput: Sendable, Equatable {
    case token(String, wrapper: String?)
    /// An IMDS or App Service response: its fields (all strings on the wire) and the token inside.
    case response(fields: [String: JSONValue], order: [String], token: String)

    public static let maximumBytes = 64 * 1024

    public static func read(_ text: String) throws -> TokenInput {
        if text.utf8.count > maximumBytes { throw TokenError.tooLarge(bytes: text.utf8.count) }
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { throw TokenError.empty }
        if s.hasPrefix("{") {
            guard let data = s.data(using: .utf8),
                  let dict = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                throw TokenError.partNotJSON(part: "pasted response", reason: "it starts with '{' but is not a JSON object")
            }
            guard let token = dict["access_token"] as? String else { throw TokenError.jsonWithoutToken(keys: dict.keys.sorted()) }
            return .response(fields: dict.mapValues(JSONValue.init(any:)),
                             order: DecodedToken.keyOrder(s, keys: Set(dict.keys)), token: token)
        }
        var wrapper: String?
        if s.lowercased().hasPrefix("authorization:") {
            s = String(s.dropFirst("authorization:".count)).trimmingCharacters(in: .whitespaces)
            wrapper = "Authorization header"
        }
        if s.lowercased().hasPrefix("bearer ") {
            s = String(s.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            wrapper = wrapper ?? "Bearer prefix"
        }
        if s.hasPrefix("\"") && s.hasSuffix("\"") && s.count > 1 { s = String(s.dropFirst().dropLast()) }
        if s.isEmpty { throw TokenError.empty }
        return .token(s, wrapper: wrapper)
    }

    public var token: String {
        switch self {
        case .token(let t, _): return t
        case .response(_, _, let t): return t
        }
    }
}

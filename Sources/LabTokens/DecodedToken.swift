import Foundation

/// A JWT split and decoded, nothing verified yet.
public struct DecodedToken: Sendable, Equatable {
    public var raw: String
    public var header: [String: JSONValue]
    public var claims: [String: JSONValue]
    /// Claim names in the order they appear in the payload.
    public var claimOrder: [String]
    public var headerOrder: [String]
    public var signature: Data
    /// The bytes the signature covers: `header.payload` as sent.
    public var signingInput: Data

    public func claimString(_ name: String) -> String? { claims[name]?.string }
    public func claimNumber(_ name: String) -> Double? { claims[name]?.number }

    /// Decodes a compact JWS; every failure names the part that is wrong.
    public static func decode(_ token: String) throws -> DecodedToken {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 5 { throw TokenError.encrypted(parts: 5) }
        guard parts.count == 3 else { throw TokenError.wrongPartCount(parts.count) }
        let (header, headerOrder) = try object(parts[0], part: "header (part 1)")
        let (claims, claimOrder) = try object(parts[1], part: "payload (part 2)")
        let signature = try Base64URL.decode(parts[2], part: "signature (part 3)")
        let input = Data("\(parts[0]).\(parts[1])".utf8)
        return DecodedToken(raw: token, header: header, claims: claims, claimOrder: claimOrder, headerOrder: headerOrder,
                            signature: signature, signingInput: input)
    }

    static func object(_ text: Substring, part: String) throws -> ([String: JSONValue], [String]) {
        if text.isEmpty { throw TokenError.partNotJSON(part: part, reason: "it is empty") }
        let data = try Base64URL.decode(text, part: part)
        guard let json = String(data: data, encoding: .utf8) else { throw TokenError.partNotUTF8(part: part) }
        let any: Any
        do {
            any = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let preview = json.prefix(24).replacingOccurrences(of: "\n", with: " ")
            throw TokenError.partNotJSON(part: part, reason: "it decodes to \"\(preview)\(json.count > 24 ? "..." : "")\"")
        }
        guard let dict = any as? [String: Any] else { throw TokenError.partNotObject(part: part) }
        return (dict.mapValues(JSONValue.init(any:)), keyOrder(json, keys: Set(dict.keys)))
    }

    /// Top-level keys in the order they are written (JSONSerialization forgets it; learners compare with jwt.ms).
    static func keyOrder(_ json: String, keys: Set<String>) -> [String] {
        var order: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var current = ""
        var lastString: String?
        for ch in json {
            if inString {
                if escaped { escaped = false; current.append(ch); continue }
                if ch == "\\" { escaped = true; continue }
                if ch == "\"" { inString = false; lastString = current; continue }
                current.append(ch)
                continue
            }
            switch ch {
            case "\"": inString = true; current = ""
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            case ":":
                if depth == 1, let key = lastString, keys.contains(key), !order.contains(key) { order.append(key) }
            default: break
            }
        }
        return order + keys.subtracting(order).sorted()
    }
}

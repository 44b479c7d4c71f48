import Crypto
import _CryptoExtras
import Foundation

/// A JSON Web Key Set: the public keys an issuer publishes so anyone can check its signatures locally.
public struct JWKS: Sendable, Equatable, Codable {
    public struct Key: Sendable, Equatable, Codable {
        public var kty: String
        public var kid: String?
        public var use: String?
        public var alg: String?
        public var n: String?
        public var e: String?
        public var x5t: String?
    }

    public var keys: [Key]

    public init(keys: [Key]) { self.keys = keys }

    public static func parse(_ data: Data) throws -> JWKS {
        do { return try JSONDecoder().decode(JWKS.self, from: data) } catch {
            throw TokenError.partNotJSON(part: "JWKS", reason: "it is not a key set ({\"keys\": [...]})")
        }
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The outcome of checking a signature against this key set.
    public enum Verdict: Sendable, Equatable {
        case valid(kid: String)
        case invalid(kid: String)
        case noKey(kid: String?)
        case unsupported(alg: String)

        public var passed: Bool { if case .valid = self { return true }; return false }

        public var explanation: String {
            switch self {
            case .valid(let kid): return "RS256 signature checked with key '\(kid)' from the key set: valid"
            case .invalid(let kid): return "the signature does not match key '\(kid)': the token was changed after signing, or signed by someone else"
            case .noKey(let kid?): return "the key set has no key '\(kid)': a resource server would refresh the keys once, then reject the token"
            case .noKey(nil): return "the header names no kid, so no key can be chosen"
            case .unsupported(let alg): return "alg \(alg) is not RS256: Entra ID signs access tokens with RS256, so a resource server rejects this"
            }
        }
    }

    /// Checks an RS256 signature with the key its `kid` names.
    public func verify(_ token: DecodedToken) -> Verdict {
        let alg = token.header["alg"]?.string ?? "none"
        guard alg == "RS256" else { return .unsupported(alg: alg) }
        let kid = token.header["kid"]?.string ?? token.header["x5t"]?.string
        guard let kid, let key = keys.first(where: { $0.kid == kid || $0.x5t == kid }),
              let n = key.n, let e = key.e,
              let modulus = try? Base64URL.decode(Substring(n), part: "n"), let exponent = try? Base64URL.decode(Substring(e), part: "e"),
              let publicKey = try? _RSA.Signing.PublicKey(n: modulus, e: exponent) else {
            return .noKey(kid: kid)
        }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: token.signature)
        return publicKey.isValidSignature(signature, for: token.signingInput, padding: .insecurePKCS1v1_5) ? .valid(kid: kid) : .invalid(kid: kid)
    }
}

import Crypto
import _CryptoExtras
import Foundation

/// The lab's RS256 signing key: created once in the state directory (mode 0600), published as a JWKS.
public struct LabSigningKey: Sendable {
    public let privateKey: _RSA.Signing.PrivateKey
    /// RFC 7638 thumbprint of the public key, base64url: stable for as long as the key file lives.
    public let kid: String

    public init(privateKey: _RSA.Signing.PrivateKey) throws {
        self.privateKey = privateKey
        let primitives = try privateKey.publicKey.getKeyPrimitives()
        let n = Base64URL.encode(primitives.modulus), e = Base64URL.encode(primitives.publicExponent)
        let canonical = #"{"e":"\#(e)","kty":"RSA","n":"\#(n)"}"#
        kid = Base64URL.encode(Data(SHA256.hash(data: Data(canonical.utf8))))
    }

    /// Loads the key from `url`, or creates it there readable by the owner alone; the key never leaves that file.
    public static func loadOrCreate(at url: URL) throws -> LabSigningKey {
        let fm = FileManager.default
        if let data = fm.contents(atPath: url.path) {
            let key = try LabSigningKey(privateKey: _RSA.Signing.PrivateKey(pemRepresentation: String(decoding: data, as: UTF8.self)))
            chmod(url.path, 0o600)
            return key
        }
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = try LabSigningKey(privateKey: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd < 0 {
            // Another lab process created it first: use that one.
            if errno == EEXIST { return try loadOrCreate(at: url) }
            throw TokenError.unreadableFile(url.path)
        }
        let pem = Array(key.privateKey.pemRepresentation.utf8)
        _ = pem.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return key
    }

    public var jwks: JWKS {
        let primitives = try? privateKey.publicKey.getKeyPrimitives()
        return JWKS(keys: [JWKS.Key(kty: "RSA", kid: kid, use: "sig", alg: "RS256",
                                    n: primitives.map { Base64URL.encode($0.modulus) }, e: primitives.map { Base64URL.encode($0.publicExponent) },
                                    x5t: kid)])
    }

    /// Signs header and claims as a compact JWS (RS256).
    public func sign(header: [String: Any], claims: [String: Any]) throws -> String {
        var header = header
        header["alg"] = "RS256"
        header["kid"] = kid
        header["x5t"] = kid
        let h = Base64URL.encode(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes]))
        let c = Base64URL.encode(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys, .withoutEscapingSlashes]))
        let input = Data("\(h).\(c)".utf8)
        let signature = try privateKey.signature(for: input, padding: .insecurePKCS1v1_5)
        return "\(h).\(c).\(Base64URL.encode(signature.rawRepresentation))"
    }
}

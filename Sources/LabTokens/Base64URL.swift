import Foundation

/// Strict base64url (RFC 7515, no padding) decoding that says exactly where the text goes wrong.
public enum Base64URL {
    public static func decode(_ text: Substring, part: String) throws -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for (offset, byte) in text.utf8.enumerated() {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "="): throw TokenError.padded(part: part, offset: offset)
            case UInt8(ascii: "+"), UInt8(ascii: "/"): throw TokenError.standardBase64(part: part, offset: offset, character: String(UnicodeScalar(byte)))
            default:
                let shown = byte < 0x20 || byte >= 0x7F ? String(format: "\\x%02X", byte) : String(UnicodeScalar(byte))
                throw TokenError.invalidBase64(part: part, offset: offset, character: shown)
            }
            buffer = (buffer << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        if text.utf8.count % 4 == 1 { throw TokenError.badLength(part: part) }
        return Data(bytes)
    }

    public static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

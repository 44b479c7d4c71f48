import Foundation

/// Why a pasted value cannot be read as a token: one line that names the part and, where it helps, the byte.
public enum TokenError: LocalizedError, Equatable {
    case empty
    case tooLarge(bytes: Int)
    case notUTF8
    case encrypted(parts: Int)
    case wrongPartCount(Int)
    case invalidBase64(part: String, offset: Int, character: String)
    case padded(part: String, offset: Int)
    case standardBase64(part: String, offset: Int, character: String)
    case badLength(part: String)
    case partNotUTF8(part: String)
    case partNotJSON(part: String, reason: String)
    case partNotObject(part: String)
    case jsonWithoutToken(keys: [String])
    case unreadableFile(String)

    public var errorDescription: String? {
        switch self {
        case .empty: return "nothing to inspect: paste a token (eyJ...), 'Bearer <token>', an Authorization header, or an IMDS JSON response"
        case .tooLarge(let bytes): return "the input is \(bytes) bytes; an access token is a few kilobytes, so this is not one (limit 64 KiB)"
        case .notUTF8: return "the input is not UTF-8 text"
        case .encrypted(let parts): return "this has \(parts) parts: it is an encrypted token (JWE), which only its recipient can read; access tokens for Azure resources are signed (3 parts), not encrypted"
        case .wrongPartCount(let n): return "a JWT has 3 parts separated by dots (header.payload.signature); this has \(n)"
        case .invalidBase64(let part, let offset, let character): return "the \(part) is not base64url: character '\(character)' at byte \(offset) of that part"
        case .padded(let part, let offset): return "the \(part) has '=' padding at byte \(offset); JWT parts are base64url without padding"
        case .standardBase64(let part, let offset, let character): return "the \(part) uses '\(character)' at byte \(offset): that is standard base64; JWTs use base64url ('-' and '_')"
        case .badLength(let part): return "the \(part) has a length no base64url text can have (one character too many or too few: was it cut when pasting?)"
        case .partNotUTF8(let part): return "the \(part) decodes to bytes that are not UTF-8 text"
        case .partNotJSON(let part, let reason): return "the \(part) is not JSON: \(reason)"
        case .partNotObject(let part): return "the \(part) is JSON but not an object ({...})"
        case .jsonWithoutToken(let keys): return "this JSON has no access_token (keys: \(keys.joined(separator: ", "))); paste a whole IMDS or App Service token response"
        case .unreadableFile(let path): return "cannot read \(path)"
        }
    }
}

import Foundation

// Explanations for the token inspector: every JWT header field, payload claim and
// IMDS / App Service response field a learner is likely to meet in a managed
// identity token or token response.
//
// Sources: /work/shared/facts/managed-identities.md (sections 2, 3 and 5) and
// Microsoft's access token claims reference, optional claims reference and ID
// token claims reference (learn.microsoft.com/entra/identity-platform/...).
// Claims that are not in the official reference say so in their meaning:
// "observed; not in the official claims reference".

/// What one header field, claim or IMDS response field means, in a learner's words.
public struct ClaimInfo: Sendable, Equatable {
    /// The field's name exactly as it appears in the token or response, e.g. "aud".
    public var name: String
    /// A short human title, e.g. "Audience".
    public var title: String
    /// One to three sentences: what it is, what the resource server does with it,
    /// and the managed-identity angle.
    public var meaning: String
    /// How the inspector should show the value.
    public var kind: Kind

    /// How to show a value.
    public enum Kind: Sendable, Equatable {
        /// Plain text.
        case text
        /// A Unix time in seconds (or, for old App Service responses, a date string).
        case time
        /// A GUID (or a list of GUIDs).
        case guid
        /// A URL or URI.
        case url
        /// An Azure resource ID (/subscriptions/...).
        case resourceID
        /// A short code or opaque value, shown verbatim.
        case code
    }

    public init(name: String, title: String, meaning: String, kind: Kind = .text) {
        self.name = name
        self.title = title
        self.meaning = meaning
        self.kind = kind
    }
}

public enum ClaimGlossary {

    // MARK: - JWT header

    /// JOSE header fields: typ, alg, kid, x5t, x5c, jku, cty, zip, nonce, enc.
    public static let header: [String: ClaimInfo] = table([
        ClaimInfo(
            name: "typ", title: "Token type",
            meaning: "Says what kind of token this is; Entra ID access tokens always say \"JWT\". The real trust comes from the signature, not from this label.",
            kind: .code),
        ClaimInfo(
            name: "alg", title: "Signing algorithm",
            meaning: "The algorithm used to sign the token: RS256 (RSA with SHA-256) for Entra ID tokens, managed identity tokens included. A validator accepts only the algorithms it expects and never \"none\".",
            kind: .code),
        ClaimInfo(
            name: "kid", title: "Key ID",
            meaning: "Names the key that signed the token. The resource server looks this id up in the issuer's published key set (JWKS, listed in the OpenID metadata as jwks_uri: .../discovery/v2.0/keys) and checks the signature locally; it does not call Entra ID on each request.",
            kind: .code),
        ClaimInfo(
            name: "x5t", title: "Certificate thumbprint",
            meaning: "Thumbprint of the signing certificate. In v1.0 tokens it has the same value and use as kid and is kept only for compatibility; managed identity tokens are v1.0, so you see both.",
            kind: .code),
        ClaimInfo(
            name: "x5c", title: "Certificate chain",
            meaning: "A standard JWS header (RFC 7515) that can carry the signer's certificate chain inside the token. It is not among the header fields Entra ID documents for access tokens; Entra ID publishes its certificates in the key set (JWKS) instead.",
            kind: .code),
        ClaimInfo(
            name: "jku", title: "Key set URL",
            meaning: "A standard JWS header (RFC 7515) pointing at a URL that holds the signing keys. It is not among the header fields Entra ID documents for access tokens, and a validator should never fetch keys from a URL the token names itself: it uses the trusted issuer's metadata.",
            kind: .url),
        ClaimInfo(
            name: "cty", title: "Content type",
            meaning: "A standard JOSE header describing the payload's content type, mainly used when one JWT is nested inside another. It is not among the header fields Entra ID documents for access tokens.",
            kind: .code),
        ClaimInfo(
            name: "zip", title: "Compression",
            meaning: "A JWE header (RFC 7516) saying the content was compressed (\"DEF\") before it was encrypted. It only appears on encrypted tokens; managed identity access tokens are signed, not encrypted.",
            kind: .code),
        ClaimInfo(
            name: "nonce", title: "Header nonce",
            meaning: "Seen in the header of some Entra ID tokens issued for Microsoft Graph. The signature covers a transformed value of it, so validating such a token the ordinary way fails: those tokens are for Graph to check, not you. It is not among the header fields Entra ID documents.",
            kind: .code),
        ClaimInfo(
            name: "enc", title: "Content encryption",
            meaning: "A JWE header (RFC 7516) naming the content-encryption algorithm, such as A256GCM. If it is present the token is encrypted (five dot-separated parts) rather than only signed; managed identity access tokens are signed JWTs with three parts.",
            kind: .code),
    ])

    // MARK: - JWT payload claims

    /// Payload claims of Entra ID access tokens (and a few ID-token claims).
    public static let claims: [String: ClaimInfo] = table([
        // Validation claims
        ClaimInfo(
            name: "aud", title: "Audience",
            meaning: "Who the token is for. In a managed identity token it is exactly the `resource` sent to IMDS (or to the App Service endpoint), trailing slash and all. The target checks that it matches its own identifier and answers 401 when it doesn't.",
            kind: .url),
        ClaimInfo(
            name: "iss", title: "Issuer",
            meaning: "The token service and tenant that issued the token. Managed identity tokens are v1.0, so it reads https://sts.windows.net/{tenant-id}/ (v2.0 tokens use https://login.microsoftonline.com/{tenant-id}/v2.0). The resource server rejects tokens from an issuer it doesn't trust.",
            kind: .url),
        ClaimInfo(
            name: "iat", title: "Issued at",
            meaning: "When the token was issued, in Unix seconds. Compare it with exp to see the lifetime: the exam's default answer is 1 hour, while observed managed identity tokens live about 24 hours; the back end also caches them.",
            kind: .time),
        ClaimInfo(
            name: "nbf", title: "Not before",
            meaning: "The token must not be accepted before this time (Unix seconds). Validators allow about 5 minutes of clock skew, so a machine whose clock is off by more than that sees good tokens rejected.",
            kind: .time),
        ClaimInfo(
            name: "exp", title: "Expires",
            meaning: "The token must not be accepted at or after this time (Unix seconds); validators allow about 5 minutes of clock skew, and a resource may refuse the token earlier, for example after revocation. Exam: access tokens last 1 hour by default; platform: managed identity tokens last about 24 hours, and SDKs cache them and refresh them before they run out.",
            kind: .time),
        ClaimInfo(
            name: "ver", title: "Token version",
            meaning: "The access token format, \"1.0\" or \"2.0\". Managed identity tokens are \"1.0\". The resource (the API being called) decides the version, not the client.",
            kind: .code),
        ClaimInfo(
            name: "tid", title: "Tenant ID",
            meaning: "The Entra ID tenant that issued the token and holds the identity; the same GUID appears inside iss. A resource can use it to accept tokens from its own tenant only.",
            kind: .guid),

        // Who is calling
        ClaimInfo(
            name: "oid", title: "Object ID",
            meaning: "The immutable id of the calling principal in the tenant. For a managed identity it is the identity's principal (object) id: the id that role assignments name. Re-create a resource and its system-assigned identity gets a new one, so the old role assignments no longer apply.",
            kind: .guid),
        ClaimInfo(
            name: "sub", title: "Subject",
            meaning: "The principal the token is about; immutable, so it can be used as a key. In a managed identity token it equals oid (the principal id); for users it is a pairwise value that differs from one application to the next.",
            kind: .guid),
        ClaimInfo(
            name: "appid", title: "Application (client) ID",
            meaning: "The client id of the application using the token (v1.0 tokens; v2.0 uses azp). In a managed identity token it is the identity's client id, the value you pass as client_id to IMDS or to ManagedIdentityCredential to pick a user-assigned identity.",
            kind: .guid),
        ClaimInfo(
            name: "appidacr", title: "Client authentication method",
            meaning: "How the client proved who it is: \"0\" public client, \"1\" client secret, \"2\" certificate (v1.0 tokens). Managed identity tokens show \"2\": Azure signs the identity in with a certificate it manages itself, so there is no secret for you to store.",
            kind: .code),
        ClaimInfo(
            name: "azp", title: "Authorized party",
            meaning: "The v2.0 replacement for appid: the client id of the application using the token. Managed identity tokens are v1.0 and carry appid instead.",
            kind: .guid),
        ClaimInfo(
            name: "azpacr", title: "Client authentication method (v2.0)",
            meaning: "The v2.0 replacement for appidacr: \"0\" public client, \"1\" client secret, \"2\" certificate. Managed identity tokens are v1.0 and carry appidacr instead.",
            kind: .code),
        ClaimInfo(
            name: "idtyp", title: "Identity type",
            meaning: "\"app\" means an app-only token, with no user involved; it is the most reliable way for an API to tell app tokens from user tokens. Managed identity tokens carry \"app\".",
            kind: .code),
        ClaimInfo(
            name: "idp", title: "Identity provider",
            meaning: "Who authenticated the subject. Usually the same as iss; it differs for guests from another tenant or personal Microsoft accounts. If it is missing, iss tells you the same thing.",
            kind: .url),

        // Managed identity extras
        ClaimInfo(
            name: "xms_mirid", title: "Managed identity resource ID",
            meaning: "The Azure resource id of the managed identity behind the token: for system-assigned, the compute resource's own path (for example .../virtualMachines/vm1); for user-assigned, a .../Microsoft.ManagedIdentity/userAssignedIdentities/<name> path. Observed; not in the official claims reference.",
            kind: .resourceID),
        ClaimInfo(
            name: "xms_az_rid", title: "Requesting Azure resource",
            meaning: "The Azure resource id of the compute resource that asked for the token, such as a VM or scale set. Whether it is present varies. Observed; not in the official claims reference.",
            kind: .resourceID),

        // Internal / opaque
        ClaimInfo(
            name: "aio", title: "Internal (aio)",
            meaning: "An opaque value Entra ID uses internally to record data for token reuse. Resources must not use it.",
            kind: .code),
        ClaimInfo(
            name: "rh", title: "Internal (rh)",
            meaning: "An opaque value Azure uses internally to revalidate tokens. Resources must not use it.",
            kind: .code),
        ClaimInfo(
            name: "uti", title: "Token identifier",
            meaning: "A unique, case-sensitive id for this one token: Entra ID's version of the standard jti claim. Handy for telling tokens apart in logs.",
            kind: .code),
        ClaimInfo(
            name: "xms_tcdt", title: "Tenant creation time (reported)",
            meaning: "A Unix timestamp found in many Entra ID tokens and commonly read as the tenant's creation time. Observed; not in the official claims reference, so don't build on it.",
            kind: .time),
        ClaimInfo(
            name: "xms_idrel", title: "Internal (xms_idrel)",
            meaning: "An internal Entra ID value made of numbers, such as \"7 18\"; Microsoft does not publish its meaning. Observed; not in the official claims reference, so don't depend on it.",
            kind: .code),
        ClaimInfo(
            name: "xms_ftd", title: "Internal (xms_ftd)",
            meaning: "An opaque internal value; Microsoft does not publish its meaning. Observed; not in the official claims reference, so don't validate or depend on it.",
            kind: .code),

        // Conditional Access
        ClaimInfo(
            name: "xms_cc", title: "Client capabilities",
            meaning: "What the client application can handle: \"cp1\" means it can answer claims challenges (Conditional Access, Continuous Access Evaluation). The resource decides whether the claim appears; it is often used together with acrs.",
            kind: .code),
        ClaimInfo(
            name: "acrs", title: "Authentication context IDs",
            meaning: "Conditional Access authentication context ids (such as \"c1\") for operations the bearer is eligible to perform. An API can demand step-up authentication when the id an operation needs is missing; often used with xms_cc.",
            kind: .code),

        // Authorization data
        ClaimInfo(
            name: "roles", title: "App roles",
            meaning: "App roles the caller holds on this API: application permissions in app-only tokens, assigned roles in user tokens. A managed identity gets entries here only if it was assigned an app role of the target API; Azure RBAC role assignments (such as Key Vault Secrets User) never appear in the token, because the service checks them itself against oid.",
            kind: .code),
        ClaimInfo(
            name: "scp", title: "Scopes",
            meaning: "Space-separated delegated permissions that the user consented to for this client; the API checks that the scope it needs is there. Only in user tokens, so never in a managed identity token.",
            kind: .code),
        ClaimInfo(
            name: "wids", title: "Directory role IDs",
            meaning: "Template ids of the tenant-wide Entra ID roles (such as Global Administrator) held by the user. Emitted when the application's manifest asks for them (groupMembershipClaims).",
            kind: .guid),
        ClaimInfo(
            name: "groups", title: "Groups",
            meaning: "Object ids of the subject's groups, emitted when the application's manifest asks for them (groupMembershipClaims). With more than 200 groups the token carries an overage pointer to Microsoft Graph instead of the list. A managed identity can be in groups, but a role granted through a group can take hours to reach it because its tokens are cached.",
            kind: .guid),
        ClaimInfo(
            name: "hasgroups", title: "Has groups",
            meaning: "When present it is always true: the user is in at least one group, but the list was left out (implicit flow) to keep the token short. The app should ask Microsoft Graph for the groups.",
            kind: .code),
        ClaimInfo(
            name: "_claim_names", title: "Distributed claim names",
            meaning: "Part of the groups overage: names a claim (usually groups) whose values were too many for the token and live elsewhere. Read it together with _claim_sources.",
            kind: .code),
        ClaimInfo(
            name: "_claim_sources", title: "Distributed claim sources",
            meaning: "Part of the groups overage: says where to fetch the missing values. The URL given may be an old Azure AD Graph address; Microsoft advises building the Microsoft Graph URL yourself.",
            kind: .code),

        // User-only claims
        ClaimInfo(
            name: "name", title: "Display name",
            meaning: "A human-readable name for the subject, for display only; it can change, so never use it to authorize. A managed identity token has no user and so no name.",
            kind: .text),
        ClaimInfo(
            name: "preferred_username", title: "Preferred username",
            meaning: "The user's sign-in name (an email, phone number or plain name) for display and username hints; it can change, so never use it to authorize. In v2.0 tokens (v1.0 only as an optional claim); never in a managed identity token.",
            kind: .text),
        ClaimInfo(
            name: "upn", title: "User principal name",
            meaning: "The user's sign-in name, such as ada@contoso.com, for display and username hints. It can change, so key data on oid instead. User tokens only.",
            kind: .text),
        ClaimInfo(
            name: "unique_name", title: "Unique name",
            meaning: "A human-readable name for the subject in v1.0 tokens. Despite the name it is not guaranteed to be unique: display only. User tokens only.",
            kind: .text),
        ClaimInfo(
            name: "given_name", title: "Given name",
            meaning: "The user's first name, as set on the user object. User tokens only.",
            kind: .text),
        ClaimInfo(
            name: "family_name", title: "Family name",
            meaning: "The user's last name, as set on the user object. App-only tokens, such as managed identity tokens, have no user and so no family_name.",
            kind: .text),
        ClaimInfo(
            name: "email", title: "Email",
            meaning: "An email address reported for the user. It is not guaranteed to be correct and can change: never use it to authorize or as a key.",
            kind: .text),
        ClaimInfo(
            name: "amr", title: "Authentication methods",
            meaning: "How the user signed in, as a list such as [\"pwd\", \"mfa\"]. v1.0 tokens only, and only when a user is involved, so not in a managed identity token.",
            kind: .code),
        ClaimInfo(
            name: "acr", title: "Authentication context class",
            meaning: "A v1.0 claim; \"0\" means the user's authentication did not meet the requirements of ISO/IEC 29115. Not in a managed identity token, which has no user.",
            kind: .code),
        ClaimInfo(
            name: "acct", title: "Account status",
            meaning: "Optional claim: \"0\" when the user is a member of the tenant, \"1\" when a guest.",
            kind: .code),
        ClaimInfo(
            name: "auth_time", title: "Authentication time",
            meaning: "Optional claim: when the user last authenticated, in Unix seconds.",
            kind: .time),
        ClaimInfo(
            name: "ipaddr", title: "IP address",
            meaning: "The IP address the user authenticated from. In v1.0 tokens by default (v2.0 only as an optional claim).",
            kind: .code),
        ClaimInfo(
            name: "onprem_sid", title: "On-premises SID",
            meaning: "The user's on-premises Windows security identifier, when the account comes from on-premises Active Directory; meant for legacy applications.",
            kind: .code),
        ClaimInfo(
            name: "tenant_region_scope", title: "Tenant region",
            meaning: "Optional claim: the region of the resource tenant.",
            kind: .code),
        ClaimInfo(
            name: "login_hint", title: "Login hint",
            meaning: "Optional claim: an opaque, base64-encoded hint an app can pass on to sign the same user in silently. Don't modify it.",
            kind: .code),
        ClaimInfo(
            name: "puid", title: "Internal user ID (puid)",
            meaning: "An internal Microsoft identifier for the user account, seen in user tokens. Observed; not in the official claims reference; use oid to identify a principal.",
            kind: .code),
        ClaimInfo(
            name: "deviceid", title: "Device ID",
            meaning: "Seen in some user tokens when the sign-in came from a device registered with Entra ID; it carries a device identifier. Observed; not in the official claims reference.",
            kind: .guid),
        ClaimInfo(
            name: "sid", title: "Session ID",
            meaning: "Identifies the user's sign-in session, used for per-session sign-out. User tokens only.",
            kind: .guid),
        ClaimInfo(
            name: "nonce", title: "Nonce",
            meaning: "In an ID token: the value the app sent in its sign-in request, echoed back; if it doesn't match, the app rejects the token as a replay. Not part of managed identity access tokens.",
            kind: .code),
        ClaimInfo(
            name: "jti", title: "JWT ID",
            meaning: "The standard unique token id (RFC 7519). Entra ID access tokens carry the same idea as uti instead.",
            kind: .code),
    ])

    // MARK: - IMDS / App Service response

    /// Fields of the JSON an IMDS or App Service token endpoint answers with.
    public static let response: [String: ClaimInfo] = table([
        ClaimInfo(
            name: "access_token", title: "Access token",
            meaning: "The token itself: a JWT of three base64url parts joined by dots. Send it as \"Authorization: Bearer <token>\" to the resource it was issued for; anyone holding it can use it until it expires, so never log it.",
            kind: .code),
        ClaimInfo(
            name: "client_id", title: "Client ID",
            meaning: "The client id of the identity that got the token; it matches the token's appid. Use it to confirm which identity (system- or user-assigned) answered.",
            kind: .guid),
        ClaimInfo(
            name: "expires_in", title: "Expires in",
            meaning: "Seconds left before the token expires, sent as a string like every value in this response. IMDS may hand back a cached token, so it can be less than the full lifetime; azure-identity requires it to be present and non-empty.",
            kind: .text),
        ClaimInfo(
            name: "expires_on", title: "Expires on",
            meaning: "When the token expires, as Unix seconds in a string; it matches the token's exp. App Service's old 2017-09-01 protocol (MSI_ENDPOINT and MSI_SECRET) returned a date string here instead, so a parser must accept both.",
            kind: .time),
        ClaimInfo(
            name: "ext_expires_in", title: "Extended expiry",
            meaning: "Seconds of extended lifetime, there for resilience when the token service isn't responding (a string). Plan refreshes on expires_on as usual.",
            kind: .text),
        ClaimInfo(
            name: "not_before", title: "Not before",
            meaning: "When the token starts to be valid, as Unix seconds in a string; it matches the token's nbf.",
            kind: .time),
        ClaimInfo(
            name: "resource", title: "Resource",
            meaning: "The resource the token was requested for, echoed from the request; the token's aud is exactly this value. The async azure-identity client requires it in the response.",
            kind: .url),
        ClaimInfo(
            name: "token_type", title: "Token type",
            meaning: "\"Bearer\": whoever holds the token can use it, with no further proof. Put it in front of the token in the Authorization header.",
            kind: .code),
        ClaimInfo(
            name: "refresh_token", title: "Refresh token",
            meaning: "Not used by managed identities: it is empty if present. To get a new token, ask the endpoint again; the SDKs do this for you.",
            kind: .code),
        ClaimInfo(
            name: "error", title: "Error code",
            meaning: "A short error code, for example invalid_request with HTTP 400 when the Metadata: true header is missing or the identity is unknown or not assigned. Retry 404, 410, 429 and 5xx with exponential backoff; fix the request for other 4xx answers instead of retrying.",
            kind: .code),
        ClaimInfo(
            name: "error_description", title: "Error description",
            meaning: "The human-readable detail behind error, such as \"Required metadata header not specified\" or \"Identity not found\". Read it before retrying: most 4xx answers need a fix, not a retry.",
            kind: .text),
        ClaimInfo(
            name: "principal_id", title: "Principal ID (App Service)",
            meaning: "App Service and Functions: a request parameter (alias object_id) that selects a user-assigned identity by its principal (object) id, the same value as oid in its tokens. It is not one of the documented token response fields.",
            kind: .guid),
    ])

    // MARK: - Lookup

    /// Looks a name up in claims, then header, then response (case-sensitive first, then case-insensitive).
    public static func lookup(_ name: String) -> ClaimInfo? {
        let key = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { return nil }
        for table in [claims, header, response] {
            if let info = table[key] { return info }
        }
        let lowered = key.lowercased()
        for table in [claims, header, response] {
            if let match = table.keys.sorted().first(where: { $0.lowercased() == lowered }) {
                return table[match]
            }
        }
        return nil
    }

    /// All names, for Tab completion and `glossary` listing, sorted.
    public static var allNames: [String] {
        Set(claims.keys).union(header.keys).union(response.keys).sorted()
    }

    // MARK: - Private

    private static func table(_ entries: [ClaimInfo]) -> [String: ClaimInfo] {
        var result: [String: ClaimInfo] = [:]
        for entry in entries {
            assert(result[entry.name] == nil, "duplicate glossary entry \(entry.name)")
            result[entry.name] = entry
        }
        return result
    }
}

import Foundation

/// An HTTP request as the simulated (or emulated) identity endpoint sees it.
public struct SimHTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    public var path: String
    /// Query parameters in order, percent-decoded; a repeated name keeps every value.
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = []) {
        self.method = method.uppercased()
        self.url = url
        self.headers = headers
        let components = URLComponents(string: url)
        self.path = components?.percentEncodedPath.isEmpty == false ? (components?.path ?? "/") : "/"
        self.query = (components?.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }

    /// For the emulator: the parts already split by the HTTP server.
    public init(method: String, path: String, query: [(name: String, value: String)], headers: [(name: String, value: String)], host: String = "127.0.0.1") {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = headers
        var text = "http://\(host)\(path)"
        if !query.isEmpty {
            var components = URLComponents()
            components.queryItems = query.map { URLQueryItem(name: $0.name, value: $0.value) }
            text += "?" + (components.percentEncodedQuery ?? "")
        }
        self.url = text
    }

    public var host: String { URLComponents(string: url)?.host ?? "" }

    /// The first value of a header, names compared without case as HTTP does.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public func parameter(_ name: String) -> String? { query.first { $0.name == name }?.value }

    public static func == (a: SimHTTPRequest, b: SimHTTPRequest) -> Bool {
        a.method == b.method && a.url == b.url && a.headers.map { "\($0.name):\($0.value)" } == b.headers.map { "\($0.name):\($0.value)" }
    }

    /// The request line and headers as curl -v would show them (token-free: requests carry none).
    public var displayLines: [String] {
        ["\(method) \(url)"] + headers.map { "\($0.name): \($0.value)" }
    }
}

/// An HTTP answer: status, JSON body with every value a string (as IMDS sends), or no answer at all.
public struct SimHTTPResponse: Sendable, Equatable {
    /// 0 means no HTTP answer: the connection failed (on-premises, or IMDS from App Service).
    public var status: Int
    public var fields: [(name: String, value: String)]
    public var note: String?
    /// Fields whose values are JSON numbers (App Service's `statusCode`); every other value is a string.
    public var numericFields: Set<String> = []

    public init(status: Int, fields: [(name: String, value: String)], note: String? = nil) {
        self.status = status
        self.fields = fields
        self.note = note
    }

    /// IMDS's error body: `{"error": ..., "error_description": ...}`.
    public static func error(_ status: Int, _ code: String, _ description: String) -> SimHTTPResponse {
        SimHTTPResponse(status: status, fields: [("error", code), ("error_description", description)])
    }

    /// App Service's error body: `{"statusCode": 400, "message": ..., "correlationId": ...}` (MSAL reads these names).
    public static func appServiceError(_ status: Int, _ message: String, correlationID: String = "00000000-1ab0-4000-8000-000000000000") -> SimHTTPResponse {
        var response = SimHTTPResponse(status: status, fields: [("statusCode", String(status)), ("message", message), ("correlationId", correlationID)])
        response.numericFields = ["statusCode"]
        return response
    }

    /// The error's code (IMDS `error`) or, for App Service, its status code.
    public var errorCode: String? { field("error") ?? field("statusCode").map { "statusCode \($0)" } }
    /// The error's text: IMDS `error_description` or App Service `message`.
    public var errorText: String? { field("error_description") ?? field("message") }

    public static func unreachable(_ why: String) -> SimHTTPResponse {
        SimHTTPResponse(status: 0, fields: [], note: why)
    }

    public func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The body as JSON text, keys in the order IMDS sends them, every value a string.
    public var body: String {
        guard status != 0 else { return "" }
        let parts = fields.map { "\(Self.quote($0.name)):\(numericFields.contains($0.name) ? $0.value : Self.quote($0.value))" }
        return "{" + parts.joined(separator: ",") + "}"
    }

    public var reasonPhrase: String {
        switch status {
        case 0: return "no answer"
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        default: return "Status \(status)"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    public static func == (a: SimHTTPResponse, b: SimHTTPResponse) -> Bool {
        a.status == b.status && a.body == b.body && a.note == b.note
    }
}

/// Where a role assignment applies: it is inherited by everything below it.
public enum Scope: Sendable, Equatable, Hashable {
    case subscription
    case group(String)
    case resource(String)
    /// Cosmos DB's own scopes inside an account: `/`, `/dbs/<db>`, `/dbs/<db>/colls/<container>`.
    case cosmos(account: String, path: String)

    /// How the learner writes it: `subscription`, `group/<rg>`, `<resource>`, `<account>/dbs/<db>[/colls/<c>]`.
    public var text: String {
        switch self {
        case .subscription: return "subscription"
        case .group(let name): return "group/\(name)"
        case .resource(let name): return name
        case .cosmos(let account, let path): return path == "/" ? "\(account)/" : account + path
        }
    }

    /// Parses the learner's form; resource names are checked against the world by the caller.
    public static func parse(_ text: String) -> Scope {
        let lower = text.lowercased()
        if lower == "subscription" || lower == "sub" || lower == "/subscriptions" { return .subscription }
        for prefix in ["group/", "rg/", "resourcegroup/", "resource-group/"] where lower.hasPrefix(prefix) {
            return .group(String(text.dropFirst(prefix.count)))
        }
        if let slash = text.firstIndex(of: "/") {
            let account = String(text[..<slash])
            var path = String(text[slash...])
            if path.count > 1, path.hasSuffix("/") { path.removeLast() }
            return .cosmos(account: account, path: path)
        }
        return .resource(text)
    }

    /// How wide the scope is, for least privilege: 0 is the narrowest.
    public var breadth: Int {
        switch self {
        case .subscription: return 3
        case .group: return 2
        case .resource: return 1
        case .cosmos(_, let path): return path == "/" ? 1 : 0
        }
    }
}

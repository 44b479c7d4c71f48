import Foundation

/// One simulator command, parsed from the learner's words.
public enum SimCommand: Sendable, Equatable {
    case createGroup(String)
    case createCompute(ComputeKind, name: String, group: String?, systemIdentity: Bool)
    case createIdentity(name: String, group: String?)
    case createTarget(TargetKind, name: String, group: String?, model: KeyVaultPermissionModel?, database: String?, container: String?)
    case enableSystemIdentity(String)
    case disableSystemIdentity(String)
    case assignIdentity(String, to: String)
    case unassignIdentity(String, from: String)
    case grant(role: String, principal: String, scope: String)
    case revoke(role: String, principal: String, scope: String)
    /// Removes every role assignment whose principal no longer exists.
    case revokeOrphans
    case accessPolicy(vault: String, principal: String, permissions: [String])
    case sqlUser(database: String, principal: String, roles: [String])
    case setting(resource: String, name: String, value: String)
    case delete(String)
    case wait(TimeInterval)
    /// Ask for a token as `ManagedIdentityCredential` would; `selector` is a parameter name and value.
    case token(from: String, resource: String, selector: Selector?)
    /// A raw HTTP request sent from inside a resource.
    case http(from: String, request: SimHTTPRequest)
    case call(target: String, operation: DataOperation, from: String?)
    /// Commands that read or save the session rather than change the world (show, flow, grade, ...).
    case session(String, [String])

    public enum Selector: Sendable, Equatable {
        case clientID(String)
        case objectID(String)
        case resourceID(String)
        /// A user-assigned identity by name: the simulator looks up its client id, as code would be configured.
        case identityName(String)
    }

    public static let sessionWords = ["show", "flow", "grade", "undo", "reset", "goal", "rules", "save", "load", "help", "brief", "runs"]
    public static let verbs = ["create", "enable", "disable", "assign", "unassign", "grant", "revoke", "policy", "sql-user", "setting",
                               "delete", "wait", "token", "request", "http", "curl", "call"] + sessionWords

    public static let usage: [(String, String)] = [
        ("create group <name>", "a resource group (one called 'rg-lab' exists from the start)"),
        ("create <kind> <name> [in <group>] [--system-identity]", "compute: app-service, function-app, vm, vmss, container-instance, aks, on-prem-server"),
        ("create identity <name> [in <group>]", "a user-assigned managed identity"),
        ("create <kind> <name> [in <group>] [--access-policy] [--database D --container C]", "targets: key-vault, storage, cosmos-db, sql, openai, ai-services, service-bus"),
        ("enable|disable system-identity <resource>", "turn the system-assigned identity on or off"),
        ("assign <identity> to <resource>", "attach a user-assigned identity (unassign <identity> from <resource>)"),
        ("grant <role> to <principal> on <scope>", "principal: a resource (its system-assigned identity) or an identity; scope: subscription, group/<rg>, <resource>, <cosmos>/dbs/<db>[/colls/<c>]"),
        ("revoke <role> from <principal> on <scope>", "remove a role assignment (the principal may be a principal id; 'revoke orphans' removes every orphan)"),
        ("policy <vault> <principal> get,list", "a Key Vault access policy (secret permissions); 'none' removes it"),
        ("sql-user <database> <principal> db_datareader[,db_datawriter]", "CREATE USER ... FROM EXTERNAL PROVIDER, then ALTER ROLE ... ADD MEMBER"),
        ("setting <resource> NAME=VALUE", "an app setting (never put secrets there)"),
        ("delete <name>", "delete a resource or identity"),
        ("wait <30s|10m|2h>", "let simulated time pass"),
        ("token <resource> <target|uri> [--client-id ID | --object-id ID | --msi-res-id ID | --identity NAME]", "get a token as ManagedIdentityCredential does"),
        ("http <resource> [GET] <url> [-H 'Name: value']...", "send a raw request from inside a resource (curl works too)"),
        ("call <target> [read|write] [--from <resource>]", "use the token against the target: 200, 401 or 403"),
        ("show | flow | grade | goal | rules [id] | runs", "the world as a tree, the last run as a diagram, the grade, the goal, the rulebook"),
        ("undo | reset | save <file> | load <file>", "step back, start again, keep or restore a world"),
    ]

    public static func parse(_ words: [String]) throws -> SimCommand {
        guard let verb = words.first?.lowercased() else { throw SimError.usage("empty command") }
        var rest = Array(words.dropFirst())
        switch verb {
        case "create", "new", "add":
            return try parseCreate(rest)
        case "enable", "disable":
            if let first = rest.first?.lowercased(), ["system-identity", "identity", "system-assigned", "system"].contains(first) { rest.removeFirst() }
            guard rest.count == 1 else { throw SimError.usage("usage: \(verb) system-identity <resource>") }
            return verb == "enable" ? .enableSystemIdentity(rest[0]) : .disableSystemIdentity(rest[0])
        case "assign", "unassign":
            if rest.first?.lowercased() == "identity" { rest.removeFirst() }
            let link = verb == "assign" ? "to" : "from"
            guard rest.count == 3, rest[1].lowercased() == link else { throw SimError.usage("usage: \(verb) <identity> \(link) <resource>") }
            return verb == "assign" ? .assignIdentity(rest[0], to: rest[2]) : .unassignIdentity(rest[0], from: rest[2])
        case "grant", "revoke":
            if verb == "revoke", rest.map({ $0.lowercased() }) == ["orphans"] { return .revokeOrphans }
            let link = verb == "grant" ? "to" : "from"
            guard let to = rest.lastIndex(where: { $0.lowercased() == link }), let on = rest.lastIndex(where: { $0.lowercased() == "on" }),
                  to > 0, on == to + 2, on + 1 == rest.count - 1 else {
                throw SimError.usage("usage: \(verb) <role> \(link) <principal> on <scope>, e.g. \(verb) Key Vault Secrets User \(link) fn-orders on kv-orders")
            }
            let role = rest[..<to].joined(separator: " ")
            return verb == "grant" ? .grant(role: role, principal: rest[to + 1], scope: rest[on + 1]) : .revoke(role: role, principal: rest[to + 1], scope: rest[on + 1])
        case "policy", "set-policy", "access-policy":
            guard rest.count == 3 else { throw SimError.usage("usage: policy <vault> <principal> get,list (or 'none')") }
            let permissions = rest[2].lowercased() == "none" ? [] : rest[2].lowercased().split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            return .accessPolicy(vault: rest[0], principal: rest[1], permissions: permissions)
        case "sql-user", "sqluser":
            guard rest.count == 3 else { throw SimError.usage("usage: sql-user <database> <principal> db_datareader[,db_datawriter]") }
            return .sqlUser(database: rest[0], principal: rest[1], roles: rest[2].lowercased().split(separator: ",").map(String.init))
        case "setting", "set":
            guard rest.count == 2, let eq = rest[1].firstIndex(of: "=") else { throw SimError.usage("usage: setting <resource> NAME=VALUE") }
            return .setting(resource: rest[0], name: String(rest[1][..<eq]), value: String(rest[1][rest[1].index(after: eq)...]))
        case "delete", "remove", "rm":
            guard rest.count == 1 else { throw SimError.usage("usage: delete <name>") }
            return .delete(rest[0])
        case "wait", "sleep":
            guard rest.count == 1, let seconds = parseDuration(rest[0]) else { throw SimError.usage("usage: wait <duration>, such as 90s, 10m or 2h") }
            return .wait(seconds)
        case "request":
            guard let kind = rest.first?.lowercased(), kind == "token" || kind == "http" else {
                throw SimError.usage("usage: request token from <resource> for <target> | request http <resource> <url>")
            }
            return try parse([kind] + rest.dropFirst().filter { !["from", "for"].contains($0.lowercased()) || $0.hasPrefix("-") })
        case "token":
            return try parseToken(rest.filter { !["from", "for"].contains($0.lowercased()) })
        case "http", "curl":
            return try parseHTTP(rest)
        case "call":
            guard let target = rest.first else { throw SimError.usage("usage: call <target> [read|write] [--from <resource>]") }
            var operation = DataOperation.read
            var from: String?
            var index = 1
            while index < rest.count {
                let word = rest[index].lowercased()
                if let op = DataOperation(rawValue: word) { operation = op }
                else if word == "--from", index + 1 < rest.count { from = rest[index + 1]; index += 1 }
                else { throw SimError.usage("call: unexpected '\(rest[index])'; usage: call <target> [read|write] [--from <resource>]") }
                index += 1
            }
            return .call(target: target, operation: operation, from: from)
        default:
            if sessionWords.contains(verb) { return .session(verb, rest) }
            throw SimError.usage("unknown simulator command '\(words[0])'")
        }
    }

    static func parseCreate(_ words: [String]) throws -> SimCommand {
        guard words.count >= 2 else { throw SimError.usage("usage: create <kind> <name> [in <group>]; kinds: group, identity, " + (ComputeKind.allCases.map(\.rawValue) + TargetKind.allCases.map(\.rawValue)).joined(separator: ", ")) }
        let kindWord = words[0].lowercased(), name = words[1]
        var group: String?, system = false, model: KeyVaultPermissionModel?, database: String?, container: String?
        var index = 2
        while index < words.count {
            let word = words[index].lowercased()
            func value() throws -> String {
                guard index + 1 < words.count else { throw SimError.usage("create: '\(words[index])' needs a value") }
                index += 1
                return words[index]
            }
            switch word {
            case "in", "--group", "-g": group = try value()
            case "--system-identity", "--system-assigned", "--identity": system = true
            case "--access-policy", "--access-policies": model = .accessPolicy
            case "--rbac": model = .rbac
            case "--model", "--permission-model":
                let text = try value()
                guard let parsed = KeyVaultPermissionModel(rawValue: text.lowercased()) else { throw SimError.usage("create: permission model is rbac or access-policy, not '\(text)'") }
                model = parsed
            case "--database", "--db": database = try value()
            case "--container": container = try value()
            default: throw SimError.usage("create: unexpected '\(words[index])'")
            }
            index += 1
        }
        if kindWord == "group" || kindWord == "resource-group" || kindWord == "rg" { return .createGroup(name) }
        if ["identity", "user-assigned-identity", "uami", "user-identity", "managed-identity"].contains(kindWord) { return .createIdentity(name: name, group: group) }
        if let kind = ComputeKind.named(kindWord) { return .createCompute(kind, name: name, group: group, systemIdentity: system) }
        if let kind = TargetKind.named(kindWord) {
            return .createTarget(kind, name: name, group: group, model: model, database: database, container: container)
        }
        throw SimError.usage("create: unknown kind '\(words[0])'; kinds: group, identity, " + (ComputeKind.allCases.map(\.rawValue) + TargetKind.allCases.map(\.rawValue)).joined(separator: ", "))
    }

    static func parseToken(_ words: [String]) throws -> SimCommand {
        var positional: [String] = []
        var selector: Selector?
        var index = 0
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("--") {
                guard index + 1 < words.count else { throw SimError.usage("token: '\(word)' needs a value") }
                let value = words[index + 1]
                let parsed: Selector
                switch word.lowercased() {
                case "--client-id": parsed = .clientID(value)
                case "--object-id", "--principal-id": parsed = .objectID(value)
                case "--msi-res-id", "--mi-res-id", "--resource-id": parsed = .resourceID(value)
                case "--identity": parsed = .identityName(value)
                default: throw SimError.usage("token: unknown option '\(word)'")
                }
                if selector != nil { throw SimError.usage("token: give one selector only (--client-id, --object-id, --msi-res-id or --identity)") }
                selector = parsed
                index += 2
            } else {
                positional.append(word)
                index += 1
            }
        }
        guard positional.count == 2 else { throw SimError.usage("usage: token <resource> <target|resource-uri> [--client-id ID | --identity NAME]") }
        return .token(from: positional[0], resource: positional[1], selector: selector)
    }

    static func parseHTTP(_ words: [String]) throws -> SimCommand {
        guard let from = words.first else { throw SimError.usage("usage: http <resource> [GET] <url> [-H 'Name: value']...") }
        var method = "GET", url: String?
        var headers: [(name: String, value: String)] = []
        var index = 1
        while index < words.count {
            let word = words[index]
            switch word {
            case "-H", "--header":
                guard index + 1 < words.count, let colon = words[index + 1].firstIndex(of: ":") else { throw SimError.usage("http: -H wants 'Name: value'") }
                let header = words[index + 1]
                headers.append((String(header[..<colon]).trimmingCharacters(in: .whitespaces), String(header[header.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
                index += 2
            case "-X", "--request":
                guard index + 1 < words.count else { throw SimError.usage("http: -X wants a method") }
                method = words[index + 1]
                index += 2
            case "-s", "-v", "-i", "--silent":
                index += 1
            default:
                if url == nil, ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"].contains(word.uppercased()), !word.contains("/") {
                    method = word.uppercased()
                } else if url == nil {
                    url = word
                } else {
                    throw SimError.usage("http: unexpected '\(word)' (quote the URL if it has & in it)")
                }
                index += 1
            }
        }
        guard let url else { throw SimError.usage("usage: http <resource> [GET] <url> [-H 'Name: value']...") }
        let full = url.contains("://") ? url : "http://" + url
        return .http(from: from, request: SimHTTPRequest(method: method, url: full, headers: headers))
    }

    /// `90s`, `10m`, `2h`, `1d`, or plain seconds.
    /// At most a year: longer is a typo, and Int conversions downstream stay safe.
    public static func parseDuration(_ text: String) -> TimeInterval? {
        let lower = text.lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("min", 60), ("h", 3600), ("d", 86400)]
        func sane(_ value: Double) -> TimeInterval? { value.isFinite && value >= 0 && value <= 366 * 86400 ? value : nil }
        for (suffix, factor) in units.sorted(by: { $0.0.count > $1.0.count }) where lower.hasSuffix(suffix) {
            if let value = Double(lower.dropLast(suffix.count)) { return sane(value * factor) }
        }
        return Double(lower).flatMap(sane)
    }
}

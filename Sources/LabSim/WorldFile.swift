import Foundation
import Yams

/// Worlds as YAML: `save`/`load`, the starting world of a scenario, and `lab sim grade <world.yaml>`.
/// Reading names the file and line of every mistake; writing keeps principal ids so a loaded world is the same world.
public enum WorldFile {
    public static func decode(_ text: String, file: String, firstLine: Int = 1) throws -> World {
        guard let node = try YAMLReader.compose(text, file: file, firstLine: firstLine) else { return World(groups: ["rg-lab"]) }
        return try decode(node: node, file: file, firstLine: firstLine)
    }

    static func decode(node: Node, file: String, firstLine: Int) throws -> World {
        let map = try YAMLReader.Map(node, file: file, firstLine: firstLine, context: "a world")
        try map.allow(["groups", "compute", "identities", "targets", "roles", "access-policies", "sql-users", "issued-ids"])
        var world = World(groups: try map.strings("groups"))
        if world.groups.isEmpty { world.groups = ["rg-lab"] }
        world.issuedIDs = Int(try map.optionalString("issued-ids") ?? "0") ?? 0
        func group(_ m: YAMLReader.Map) throws -> String {
            let g = try m.optionalString("group") ?? world.groups[0]
            guard world.groups.contains(g) else { throw m.error("resource group '\(g)' is not in groups (\(world.groups.joined(separator: ", ")))", at: m.value("group")?.1) }
            return g
        }
        func unique(_ name: String, _ m: YAMLReader.Map) throws {
            if world.isNameTaken(name) { throw m.error("the name '\(name)' is used twice") }
        }
        func principal(_ node: Node?, line: Int, name: String) throws -> ManagedPrincipal? {
            guard let node else { return nil }
            if case .scalar(let s) = node {
                switch s.string.lowercased() {
                case "true", "yes", "on": return world.newPrincipal(for: name)
                case "false", "no", "off", "": return nil
                default: throw SimError.invalidFile(file: file, line: line, message: "'system-identity' is true, false, or a mapping with principal-id and client-id")
                }
            }
            let m = try YAMLReader.Map(node, file: file, firstLine: firstLine, context: "an identity")
            try m.allow(["principal-id", "client-id"])
            return ManagedPrincipal(principalID: try m.string("principal-id"), clientID: try m.string("client-id"))
        }

        for (node, _) in try map.list("identities") {
            let m = try YAMLReader.Map(node, file: file, firstLine: firstLine, context: "an identity")
            try m.allow(["name", "group", "principal-id", "client-id"])
            let name = try m.string("name")
            try unique(name, m)
            let ids: ManagedPrincipal
            if let p = try m.optionalString("principal-id") {
                ids = ManagedPrincipal(principalID: p, clientID: try m.string("client-id"))
            } else {
                ids = world.newPrincipal(for: name)
            }
            world.identities.append(UserAssignedIdentity(name: name, group: try group(m), principal: ids))
        }
        for (node, _) in try map.list("compute") {
            let m = try YAMLReader.Map(node, file: file, firstLine: firstLine, context: "a compute resource")
            try m.allow(["name", "kind", "group", "system-identity", "user-identities", "settings"])
            let name = try m.string("name")
            try unique(name, m)
            let kindText = try m.string("kind")
            guard let kind = ComputeKind.named(kindText) else {
                throw m.error("unknown compute kind '\(kindText)' (\(ComputeKind.allCases.map(\.rawValue).joined(separator: ", ")))", at: m.value("kind")?.1)
            }
            var resource = ComputeResource(name: name, kind: kind, group: try group(m))
            resource.systemIdentity = try principal(m.value("system-identity")?.0, line: m.value("system-identity")?.1 ?? m.line, name: name)
            for (idNode, line) in try m.list("user-identities") {
                guard case .scalar(let s) = idNode, world.identity(s.string) != nil else {
                    throw SimError.invalidFile(file: file, line: line, message: "user-identities names an identity that is not under identities")
                }
                resource.userIdentities.append(s.string)
            }
            if let (settingsNode, line) = m.value("settings") {
                guard case .mapping(let pairs) = settingsNode else { throw SimError.invalidFile(file: file, line: line, message: "settings is a mapping of NAME: value") }
                for (k, v) in pairs { resource.settings[k.string ?? ""] = v.string ?? "" }
            }
            world.compute.append(resource)
        }
        for (node, _) in try map.list("targets") {
            let m = try YAMLReader.Map(node, file: file, firstLine: firstLine, context: "a target")
            try m.allow(["name", "kind", "group", "permission-model", "database", "container"])
            let name = try m.string("name")
            try unique(name, m)
            let kindText = try m.string("kind")
            guard let kind = TargetKind.named(kindText) else {
                throw m.error("unknown target kind '\(kindText)' (\(TargetKind.allCases.map(\.rawValue).joined(separator: ", ")))", at: m.value("kind")?.1)
            }
            var model: KeyVaultPermissionModel?
            if let text = try m.optionalString("permission-model") {
                guard let parsed = KeyVaultPermissionModel(rawValue: text) else { throw m.error("permission-model is rbac or access-policy", at: m.value("permission-model")?.1) }
                model = parsed
            }
            world.targets.append(TargetResource(name: name, kind: kind, group: try group(m), permissionModel: model,
                                                database: try m.optionalString("database"), container: try m.optionalString("container")))
        }
        func principalID(_ m: YAMLReader.Map) throws -> (String, String) {
            if let id = try m.optionalString("principal-id") {
                return (id, try m.optionalString("principal") ?? world.principal(id: id)?.name ?? id)
            }
            let name = try m.string("principal")
            do {
                return (try WorldEditor.principalNamed(name, in: world).ids.principalID, name)
            } catch let error as SimError {
                if case .refused(let why) = error { throw m.error(why, at: m.value("principal")?.1) }
                throw error
            }
        }
        for (node, _) in try map.list("roles") {
            let m = try YAMLReader.Map(node, file: file, firstLine: firstLine, context: "a role assignment")
            try m.allow(["role", "principal", "principal-id", "scope"])
            let roleName = try m.string("role")
            guard let role = RoleCatalog.role(named: roleName) else { throw m.error("unknown role '\(roleName)'", at: m.value("role")?.1) }
            let (id, name) = try principalID(m)
            var scope = Scope.parse(try m.string("scope"))
            if role.system == .cosmos, case .resource(let r) = scope, world.target(r)?.kind == .cosmosDB { scope = .cosmos(account: r, path: "/") }
            switch scope {
            case .group(let g) where !world.groups.contains(g): throw m.error("scope group/\(g) is not a resource group of this world", at: m.value("scope")?.1)
            case .resource(let r) where !world.allNames.contains(r): throw m.error("scope '\(r)' names no resource of this world", at: m.value("scope")?.1)
            case .cosmos(let a, _) where world.target(a)?.kind != .cosmosDB: throw m.error("scope '\(scope.text)' is not inside a Cosmos DB account", at: m.value("scope")?.1)
            default: break
            }
            world.roleAssignments.append(RoleAssignment(role: role.name, principalID: id, principalName: name, scope: scope))
        }
        for (node, _) in try map.list("access-policies") {
            let m = try YAMLReader.Map(node, file: file, firstLine: firstLine, context: "an access policy")
            try m.allow(["vault", "principal", "principal-id", "secrets"])
            let vault = try m.string("vault")
            guard world.target(vault)?.kind == .keyVault else { throw m.error("'\(vault)' is not a key vault of this world", at: m.value("vault")?.1) }
            let (id, name) = try principalID(m)
            world.accessPolicies.append(AccessPolicy(vault: vault, principalID: id, principalName: name, secretPermissions: try m.strings("secrets")))
        }
        for (node, _) in try map.list("sql-users") {
            let m = try YAMLReader.Map(node, file: file, firstLine: firstLine, context: "a SQL user")
            try m.allow(["database", "principal", "principal-id", "roles"])
            let database = try m.string("database")
            guard world.target(database)?.kind == .sql else { throw m.error("'\(database)' is not a SQL database of this world", at: m.value("database")?.1) }
            let (id, name) = try principalID(m)
            let roles = try m.strings("roles")
            if let bad = roles.first(where: { RoleCatalog.sqlRoles[$0] == nil }) { throw m.error("unknown database role '\(bad)'", at: m.value("roles")?.1) }
            world.sqlUsers.append(SQLUser(database: database, principalID: id, principalName: name, roles: roles))
        }
        return world
    }

    /// YAML for a world, ids included, readable by `decode`.
    public static func encode(_ world: World) -> String {
        var lines = ["# Managed Identity Lab world: load it with 'load <file>', grade it with 'lab sim grade <file>'."]
        func q(_ s: String) -> String {
            let plain = s.range(of: #"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$"#, options: .regularExpression) != nil && !["true", "false", "yes", "no", "null", "on", "off"].contains(s.lowercased())
            return plain ? s : SimHTTPResponse.quote(s)
        }
        lines.append("groups: [\(world.groups.map(q).joined(separator: ", "))]")
        lines.append("issued-ids: \(world.issuedIDs)")
        if !world.identities.isEmpty {
            lines.append("identities:")
            for i in world.identities {
                lines += ["  - name: \(q(i.name))", "    group: \(q(i.group))", "    principal-id: \(i.principal.principalID)", "    client-id: \(i.principal.clientID)"]
            }
        }
        if !world.compute.isEmpty {
            lines.append("compute:")
            for c in world.compute {
                lines += ["  - name: \(q(c.name))", "    kind: \(c.kind.rawValue)", "    group: \(q(c.group))"]
                if let s = c.systemIdentity { lines += ["    system-identity:", "      principal-id: \(s.principalID)", "      client-id: \(s.clientID)"] }
                if !c.userIdentities.isEmpty { lines.append("    user-identities: [\(c.userIdentities.map(q).joined(separator: ", "))]") }
                if !c.settings.isEmpty {
                    lines.append("    settings:")
                    for (k, v) in c.settings.sorted(by: { $0.key < $1.key }) { lines.append("      \(q(k)): \(SimHTTPResponse.quote(v))") }
                }
            }
        }
        if !world.targets.isEmpty {
            lines.append("targets:")
            for t in world.targets {
                lines += ["  - name: \(q(t.name))", "    kind: \(t.kind.rawValue)", "    group: \(q(t.group))"]
                if let m = t.permissionModel { lines.append("    permission-model: \(m.rawValue)") }
                if let d = t.database { lines.append("    database: \(q(d))") }
                if let c = t.container { lines.append("    container: \(q(c))") }
            }
        }
        if !world.roleAssignments.isEmpty {
            lines.append("roles:")
            for a in world.roleAssignments {
                lines += ["  - role: \(q(a.role))", "    principal: \(q(a.principalName))", "    principal-id: \(a.principalID)", "    scope: \(q(a.scope.text))"]
            }
        }
        if !world.accessPolicies.isEmpty {
            lines.append("access-policies:")
            for p in world.accessPolicies {
                lines += ["  - vault: \(q(p.vault))", "    principal: \(q(p.principalName))", "    principal-id: \(p.principalID)", "    secrets: [\(p.secretPermissions.joined(separator: ", "))]"]
            }
        }
        if !world.sqlUsers.isEmpty {
            lines.append("sql-users:")
            for u in world.sqlUsers {
                lines += ["  - database: \(q(u.database))", "    principal: \(q(u.principalName))", "    principal-id: \(u.principalID)", "    roles: [\(u.roles.joined(separator: ", "))]"]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import Foundation
import LabKit

/// Applies world-changing commands, refusing what Azure would refuse (with Azure's reason) and saying
/// what each step means: good practice, common mistake, or what just happened behind the scenes.
enum WorldEditor {
    static let secretHints = ["accountkey=", "password=", "pwd=", "sharedaccesskey=", "client_secret", "clientsecret", "secret=", "primarykey", "apikey", "api-key", "-----begin"]

    static func apply(_ command: SimCommand, to world: inout World, reply: inout Simulator.Reply) throws {
        switch command {
        case .createGroup(let name):
            guard !world.groups.contains(name) else { throw SimError.refused("the resource group \(name) already exists") }
            try checkName(name)
            world.groups.append(name)
            reply.messages.append("Created resource group \(name).")

        case .createCompute(let kind, let name, let group, let system):
            let group = try groupFor(group, in: world)
            try checkNew(name, in: world)
            if kind == .onPremServer && system {
                throw SimError.refused("an on-premises server cannot have a managed identity: it has no IMDS and Azure does not manage its credentials (Azure Arc-enabled servers are the nuance: the Arc agent provides one)")
            }
            var resource = ComputeResource(name: name, kind: kind, group: group)
            let wasDeleted = world.roleAssignments.contains { $0.principalName == name }
            if system { resource.systemIdentity = world.newPrincipal(for: name) }
            world.compute.append(resource)
            reply.messages.append("Created \(kind.displayName) \(name) in \(group).")
            if let identity = resource.systemIdentity {
                reply.messages.append("System-assigned identity enabled: principal id \(identity.principalID).")
            }
            if kind == .onPremServer {
                reply.feedback.append(Feedback(.note, "\(name) runs outside Azure: no managed identity is possible there (exam). Azure Arc-enabled servers are the nuance.", rule: "no-on-premises-identity"))
            }
            if wasDeleted {
                reply.feedback.append(Feedback(.note, "An earlier \(name) had role assignments. They name its old principal id, so they do not apply to this new resource: they are orphans.", rule: "lifecycle-orphans"))
            }

        case .createIdentity(let name, let group):
            let group = try groupFor(group, in: world)
            try checkNew(name, in: world)
            let principal = world.newPrincipal(for: name)
            world.identities.append(UserAssignedIdentity(name: name, group: group, principal: principal))
            reply.messages.append("Created user-assigned identity \(name) in \(group): client id \(principal.clientID), principal id \(principal.principalID).")

        case .createTarget(let kind, let name, let group, let model, let database, let container):
            let group = try groupFor(group, in: world)
            try checkNew(name, in: world)
            if model != nil && kind != .keyVault { throw SimError.usage("create: a permission model applies to key-vault only") }
            if (database != nil || container != nil) && kind != .cosmosDB { throw SimError.usage("create: --database and --container apply to cosmos-db only") }
            let target = TargetResource(name: name, kind: kind, group: group, permissionModel: model, database: database, container: container)
            world.targets.append(target)
            var line = "Created \(kind.displayName) \(name) in \(group) (audience \(kind.audience))"
            if let model = target.permissionModel { line += ", permission model: \(model == .rbac ? "Azure RBAC" : "access policies")" }
            if kind == .cosmosDB { line += ", database \(target.database ?? ""), container \(target.container ?? "")" }
            reply.messages.append(line + ".")

        case .enableSystemIdentity(let name):
            guard var resource = world.computeResource(name) else { throw refusedUnknown(name, world) }
            if resource.kind == .onPremServer {
                throw SimError.refused("\(name) is an on-premises server: managed identities exist only for Azure resources (the exam's answer; Azure Arc-enabled servers get one through the Arc agent)")
            }
            guard resource.systemIdentity == nil else {
                throw SimError.refused("\(name) already has its system-assigned identity: a resource has at most one")
            }
            resource.systemIdentity = world.newPrincipal(for: name)
            replace(resource, in: &world)
            reply.messages.append("Enabled the system-assigned identity of \(name): principal id \(resource.systemIdentity!.principalID). It lives and dies with \(name).")
            if world.roleAssignments.contains(where: { $0.principalName == name && world.principal(id: $0.principalID) == nil }) {
                reply.feedback.append(Feedback(.note, "This is a new principal id. Role assignments made for the earlier identity of \(name) do not carry over: they are orphans.", rule: "lifecycle-orphans"))
            }

        case .disableSystemIdentity(let name):
            guard var resource = world.computeResource(name) else { throw refusedUnknown(name, world) }
            guard let old = resource.systemIdentity else { throw SimError.refused("\(name) has no system-assigned identity") }
            resource.systemIdentity = nil
            replace(resource, in: &world)
            let orphans = world.roleAssignments.filter { $0.principalID == old.principalID }.count
            reply.messages.append("Disabled the system-assigned identity of \(name); its service principal is deleted.")
            if orphans > 0 {
                reply.feedback.append(Feedback(.mistake, "\(orphans) role assignment(s) still name the deleted principal: they are orphans. Remove them (revoke) to keep access reviews clean.", rule: "lifecycle-orphans"))
            }

        case .assignIdentity(let identityName, let resourceName):
            guard let identity = world.identity(identityName) else {
                if world.computeResource(identityName)?.systemIdentity != nil {
                    throw SimError.refused("\(identityName)'s system-assigned identity belongs to \(identityName) alone and cannot be shared; create a user-assigned identity to share")
                }
                throw SimError.refused("there is no user-assigned identity called \(identityName)" + suggestionText(identityName, world.identities.map(\.name)))
            }
            guard var resource = world.computeResource(resourceName) else { throw refusedUnknown(resourceName, world) }
            if resource.kind == .onPremServer { throw SimError.refused("\(resourceName) is an on-premises server: it cannot hold a managed identity") }
            guard !resource.userIdentities.contains(identity.name) else { throw SimError.refused("\(identityName) is already assigned to \(resourceName)") }
            guard resource.userIdentities.count < Rulebook.userAssignedLimit else {
                throw SimError.refused("\(resourceName) already holds \(Rulebook.userAssignedLimit) user-assigned identities, the exam's limit per resource (the platform documents more for VMs; the simulator enforces the exam rule)")
            }
            resource.userIdentities.append(identity.name)
            replace(resource, in: &world)
            reply.messages.append("Assigned \(identityName) to \(resourceName).")
            let holders = world.compute.filter { $0.userIdentities.contains(identity.name) }
            if holders.count > 1 {
                reply.feedback.append(Feedback(.goodPractice, "\(identityName) is now shared by \(holders.count) resources: one set of role assignments for all of them. The caveat: if any holder is compromised, the access of all is exposed (blast radius).", rule: "shared-identity-for-identical-needs"))
            }
            if resource.systemIdentity == nil && resource.userIdentities.count > 1 {
                reply.feedback.append(Feedback(.note, "\(resourceName) now holds \(resource.userIdentities.count) user-assigned identities and no system-assigned one: every token request must say which (client_id).", rule: "selector-required"))
            }

        case .unassignIdentity(let identityName, let resourceName):
            guard var resource = world.computeResource(resourceName) else { throw refusedUnknown(resourceName, world) }
            guard resource.userIdentities.contains(identityName) else { throw SimError.refused("\(identityName) is not assigned to \(resourceName)") }
            resource.userIdentities.removeAll { $0 == identityName }
            replace(resource, in: &world)
            reply.messages.append("Removed \(identityName) from \(resourceName). The identity and its role assignments remain.")

        case .grant(let roleName, let principalName, let scopeText):
            try grant(roleName, to: principalName, on: scopeText, world: &world, reply: &reply)

        case .revoke(let roleName, let principalName, let scopeText):
            guard let role = RoleCatalog.role(named: roleName) else { throw unknownRole(roleName) }
            var scope = Scope.parse(scopeText)
            if role.system == .cosmos, case .resource(let r) = scope { scope = .cosmos(account: r, path: "/") }
            let snapshot = world
            let candidates = world.roleAssignments.filter { $0.role == role.name && $0.scope == scope }
            // A principal id names one exactly; a name means the live principal first, else the orphans of that name.
            let live = candidates.contains { snapshot.principal(id: $0.principalID)?.name == principalName }
            let matches: (RoleAssignment) -> Bool = { a in
                guard a.role == role.name && a.scope == scope else { return false }
                if a.principalID.lowercased() == principalName.lowercased() { return true }
                if live { return snapshot.principal(id: a.principalID)?.name == principalName }
                return a.principalName == principalName && snapshot.principal(id: a.principalID) == nil
            }
            guard world.roleAssignments.contains(where: matches) else {
                throw SimError.refused("no assignment of '\(role.name)' to \(principalName) at \(scope.text) exists")
            }
            world.roleAssignments.removeAll(where: matches)
            reply.messages.append("Removed '\(role.name)' from \(principalName) at \(scope.text).")
            if live, world.roleAssignments.contains(where: { $0.role == role.name && $0.scope == scope && $0.principalName == principalName }) {
                reply.feedback.append(Feedback(.note, "An orphaned assignment for an earlier \(principalName) is still there; remove it with 'revoke orphans' or by its principal id.", rule: "lifecycle-orphans"))
            }

        case .revokeOrphans:
            let orphans = world.orphanedAssignments
            guard !orphans.isEmpty else { throw SimError.refused("there are no orphaned role assignments") }
            let snapshot = world
            world.roleAssignments.removeAll { snapshot.principal(id: $0.principalID) == nil }
            reply.messages.append("Removed \(orphans.count) orphaned role assignment(s): " + orphans.map { "'\($0.role)' for the deleted \($0.principalName) at \($0.scope.text)" }.joined(separator: "; ") + ".")
            reply.feedback.append(Feedback(.goodPractice, "Cleaning up orphaned assignments keeps access reviews honest.", rule: "lifecycle-orphans"))

        case .accessPolicy(let vaultName, let principalName, let permissions):
            guard let vault = world.target(vaultName), vault.kind == .keyVault else { throw SimError.refused("there is no key vault called \(vaultName)") }
            let principal = try principalNamed(principalName, in: world)
            let known = ["get", "list", "set", "delete", "recover", "backup", "restore", "purge", "all"]
            if let bad = permissions.first(where: { !known.contains($0) }) {
                throw SimError.refused("'\(bad)' is not a secret permission (\(known.joined(separator: ", ")))")
            }
            world.accessPolicies.removeAll { $0.vault == vaultName && $0.principalID == principal.ids.principalID }
            if permissions.isEmpty {
                reply.messages.append("Removed the access policy of \(principalName) on \(vaultName).")
                break
            }
            let expanded = permissions.contains("all") ? ["get", "list", "set", "delete", "recover", "backup", "restore", "purge"] : permissions
            world.accessPolicies.append(AccessPolicy(vault: vaultName, principalID: principal.ids.principalID, principalName: principal.name, secretPermissions: expanded))
            reply.messages.append("Access policy on \(vaultName): \(principal.description) may \(expanded.joined(separator: ", ")) secrets.")
            if vault.permissionModel == .rbac {
                reply.feedback.append(Feedback(.mistake, "\(vaultName) uses the Azure RBAC permission model, so access policies are ignored. Assign Key Vault Secrets User instead.", rule: "keyvault-permission-model"))
            } else if expanded.contains(where: { !["get", "list"].contains($0) }) {
                reply.feedback.append(Feedback(.mistake, "Reading secrets needs get (and list to enumerate); \(expanded.filter { !["get", "list"].contains($0) }.joined(separator: ", ")) gives more than reading.", rule: "least-privilege"))
            } else {
                reply.feedback.append(Feedback(.goodPractice, "get and list on secrets only: the least an app reading secrets needs under access policies.", rule: "keyvault-permission-model"))
            }

        case .sqlUser(let database, let principalName, let roles):
            guard let db = world.target(database), db.kind == .sql else { throw SimError.refused("there is no SQL database called \(database)") }
            let principal = try principalNamed(principalName, in: world)
            if let bad = roles.first(where: { RoleCatalog.sqlRoles[$0] == nil }) {
                throw SimError.refused("'\(bad)' is not a database role the lab knows (\(RoleCatalog.sqlRoles.keys.sorted().joined(separator: ", ")))")
            }
            world.sqlUsers.removeAll { $0.database == database && $0.principalID == principal.ids.principalID }
            world.sqlUsers.append(SQLUser(database: database, principalID: principal.ids.principalID, principalName: principal.name, roles: roles))
            reply.messages.append("In \(database): CREATE USER [\(principal.name)] FROM EXTERNAL PROVIDER; " + roles.map { "ALTER ROLE \($0) ADD MEMBER [\(principal.name)];" }.joined(separator: " "))
            if roles.contains("db_owner") {
                reply.feedback.append(Feedback(.mistake, "db_owner can do anything in the database; an app usually needs db_datareader (and db_datawriter to write).", rule: "least-privilege"))
            }

        case .setting(let resourceName, let name, let value):
            guard var resource = world.computeResource(resourceName) else { throw refusedUnknown(resourceName, world) }
            resource.settings[name] = value
            replace(resource, in: &world)
            reply.messages.append("Set \(name) on \(resourceName).")
            if looksLikeSecret(name: name, value: value) {
                reply.feedback.append(Feedback(.mistake, "\(name) looks like a secret (a key, password or connection string). With a managed identity the app needs none: remove it and grant the identity a role instead.", rule: "no-stored-secrets"))
            } else if name.uppercased() == "AZURE_CLIENT_ID" {
                reply.feedback.append(Feedback(.goodPractice, "AZURE_CLIENT_ID tells DefaultAzureCredential which user-assigned identity to use; a client id is not a secret.", rule: "selector-required"))
            }

        case .delete(let name):
            try delete(name, world: &world, reply: &reply)

        default:
            throw SimError.usage("not a world change")
        }
    }

    // MARK: Role assignments

    static func grant(_ roleName: String, to principalName: String, on scopeText: String, world: inout World, reply: inout Simulator.Reply) throws {
        guard let role = RoleCatalog.role(named: roleName) else {
            if RoleCatalog.sqlRoles[roleName.lowercased()] != nil {
                throw SimError.refused("\(roleName) is a database role inside Azure SQL, not an Azure role: use sql-user <database> <principal> \(roleName.lowercased())")
            }
            throw unknownRole(roleName)
        }
        let principal = try principalNamed(principalName, in: world)
        let scope = Scope.parse(scopeText)
        switch scope {
        case .subscription: break
        case .group(let g):
            guard world.groups.contains(g) else { throw SimError.refused("ResourceGroupNotFound: resource group '\(g)' could not be found") }
        case .resource(let r):
            guard world.target(r) != nil || world.computeResource(r) != nil || world.identity(r) != nil else {
                throw SimError.refused("the scope '\(r)' does not exist (ResourceNotFound)" + suggestionText(r, world.allNames))
            }
        case .cosmos(let account, let path):
            guard let target = world.target(account), target.kind == .cosmosDB else {
                throw SimError.refused("'\(scopeText)' is not a scope: only Cosmos DB accounts have scopes below the resource (/dbs/<db>/colls/<container>)")
            }
            let valid = ["/", "/dbs/\(target.database ?? "")", "/dbs/\(target.database ?? "")/colls/\(target.container ?? "")"]
            let shape = path == "/" || path.range(of: #"^/dbs/[^/]+(/colls/[^/]+)?$"#, options: .regularExpression) != nil
            guard shape else { throw SimError.refused("'\(path)' is not a Cosmos DB scope: use /, /dbs/<db> or /dbs/<db>/colls/<container>") }
            if !valid.contains(path) {
                reply.feedback.append(Feedback(.note, "\(account) has database \(target.database ?? "") and container \(target.container ?? ""); \(path) names neither, so this assignment reaches nothing yet.", rule: "narrowest-scope"))
            }
        }
        // Cosmos DB's data roles live in its own RBAC system; Azure roles do not go inside an account.
        if role.system == .cosmos {
            let onCosmos: Bool
            switch scope {
            case .cosmos: onCosmos = true
            case .resource(let r): onCosmos = world.target(r)?.kind == .cosmosDB
            default: onCosmos = false
            }
            guard onCosmos else {
                throw SimError.refused("'\(role.name)' is a Cosmos DB data role: it is assigned inside a Cosmos DB account with 'az cosmosdb sql role assignment create' (scope /, /dbs/<db> or /dbs/<db>/colls/<container>), not through Access control (IAM) at \(scope.text)")
            }
        } else if case .cosmos = scope {
            throw SimError.refused("'\(role.name)' is an Azure role; scopes inside a Cosmos DB account take only Cosmos DB data roles (Built-in Data Reader or Contributor)")
        }
        let normalizedScope: Scope
        if role.system == .cosmos, case .resource(let r) = scope { normalizedScope = .cosmos(account: r, path: "/") } else { normalizedScope = scope }
        if world.roleAssignments.contains(where: { $0.role == role.name && $0.principalID == principal.ids.principalID && $0.scope == normalizedScope }) {
            throw SimError.refused("RoleAssignmentExists: the role assignment already exists")
        }
        world.roleAssignments.append(RoleAssignment(role: role.name, principalID: principal.ids.principalID, principalName: principal.name, scope: normalizedScope))
        let how = role.system == .cosmos ? " (with az cosmosdb sql role assignment create)" : ""
        reply.messages.append("Assigned '\(role.name)' to \(principal.description) at \(normalizedScope.text)\(how): \(role.summary).")
        reply.messages.append("In Azure a new assignment can take up to about 10 minutes to take effect.")
        feedback(for: role, scope: normalizedScope, principal: principal, world: world, reply: &reply)
    }

    static func feedback(for role: RoleDefinition, scope: Scope, principal: World.Principal, world: World, reply: inout Simulator.Reply) {
        if role.isPrivileged {
            reply.feedback.append(Feedback(.mistake, "'\(role.name)' is a privileged control-plane role. An app's identity almost never needs it, and it gives no data access anyway: grant a data role instead.", rule: "least-privilege"))
            return
        }
        if role.plane == .control {
            reply.feedback.append(Feedback(.mistake, "'\(role.name)' is a control-plane role: it manages resources but reads no data. Apps need a data role.", rule: "control-plane-no-data"))
            return
        }
        if scope.breadth >= 2 {
            reply.feedback.append(Feedback(.mistake, "A data role at \(scope.text) reaches every matching resource below it. Assign it on the one resource the app uses (the narrowest scope).", rule: "narrowest-scope"))
        } else {
            reply.feedback.append(Feedback(.goodPractice, "A data role at a single resource\(scope.breadth == 0 ? " (or narrower)" : ""): least privilege at the narrowest scope.", rule: "narrowest-scope"))
        }
        var vaults: [TargetResource] = []
        switch scope {
        case .resource(let r): if let t = world.target(r), t.kind == .keyVault { vaults = [t] }
        case .group(let g): vaults = world.targets.filter { $0.kind == .keyVault && $0.group == g }
        case .subscription: vaults = world.targets.filter { $0.kind == .keyVault }
        case .cosmos: break
        }
        if role.grants[.keyVault] != nil, let policyVault = vaults.first(where: { $0.permissionModel == .accessPolicy }) {
            reply.feedback.append(Feedback(.mistake, "\(policyVault.name) uses access policies, so Key Vault data roles are not consulted there. Add an access policy (policy \(policyVault.name) \(principal.name) get,list) or move the vault to Azure RBAC.", rule: "keyvault-permission-model"))
        }
        if case .resource(let r) = scope, let target = world.target(r), role.grants[target.kind] == nil, !role.grants.isEmpty {
            reply.feedback.append(Feedback(.mistake, "'\(role.name)' is a role for \(role.grants.keys.map(\.displayName).sorted().joined(separator: ", ")); on a \(target.kind.displayName) it gives nothing.", rule: "least-privilege"))
        }
    }

    // MARK: Deleting

    static func delete(_ name: String, world: inout World, reply: inout Simulator.Reply) throws {
        if let resource = world.computeResource(name) {
            world.compute.removeAll { $0.name == name }
            reply.messages.append("Deleted \(resource.kind.displayName) \(name).")
            if let identity = resource.systemIdentity {
                let orphans = world.roleAssignments.filter { $0.principalID == identity.principalID }
                reply.messages.append("Its system-assigned identity (principal \(identity.principalID)) was deleted with it.")
                if !orphans.isEmpty {
                    reply.feedback.append(Feedback(.note, "\(orphans.count) role assignment(s) now name a principal that no longer exists: orphans. Re-creating \(name) gives a new principal id, so they will not come back to life.", rule: "lifecycle-orphans"))
                }
            }
            if !resource.userIdentities.isEmpty {
                reply.messages.append("Its user-assigned identities (\(resource.userIdentities.joined(separator: ", "))) live on, with their role assignments.")
            }
        } else if let identity = world.identity(name) {
            world.identities.removeAll { $0.name == name }
            for index in world.compute.indices { world.compute[index].userIdentities.removeAll { $0 == name } }
            let orphans = world.roleAssignments.filter { $0.principalID == identity.principal.principalID }.count
            reply.messages.append("Deleted user-assigned identity \(name); every resource that held it lost it.")
            if orphans > 0 {
                reply.feedback.append(Feedback(.note, "\(orphans) role assignment(s) now name a principal that no longer exists: orphans.", rule: "lifecycle-orphans"))
            }
        } else if let target = world.target(name) {
            world.targets.removeAll { $0.name == name }
            world.roleAssignments.removeAll {
                if case .resource(let r) = $0.scope { return r == name }
                if case .cosmos(let a, _) = $0.scope { return a == name }
                return false
            }
            world.accessPolicies.removeAll { $0.vault == name }
            world.sqlUsers.removeAll { $0.database == name }
            reply.messages.append("Deleted \(target.kind.displayName) \(name) and the role assignments scoped to it.")
        } else if world.groups.contains(name) {
            let members = world.allNames.filter { n in
                world.computeResource(n)?.group == name || world.identity(n)?.group == name || world.target(n)?.group == name
            }
            guard members.isEmpty else { throw SimError.refused("resource group \(name) still holds \(members.joined(separator: ", ")); delete them first") }
            world.groups.removeAll { $0 == name }
            world.roleAssignments.removeAll { $0.scope == .group(name) }
            reply.messages.append("Deleted resource group \(name).")
        } else {
            throw refusedUnknown(name, world)
        }
    }

    // MARK: Helpers

    static func principalNamed(_ name: String, in world: World) throws -> World.Principal {
        if let identity = world.identity(name) { return .user(name: identity.name, identity.principal) }
        if let resource = world.computeResource(name) {
            guard let system = resource.systemIdentity else {
                throw SimError.refused("\(name) has no system-assigned identity, so there is no principal to grant to: enable system-identity \(name), or grant to a user-assigned identity it holds")
            }
            return .system(resource: name, system)
        }
        if world.target(name) != nil { throw SimError.refused("\(name) is a target; grant roles to the identity of the app that calls it") }
        throw SimError.refused("PrincipalNotFound: no identity or resource called \(name)" + suggestionText(name, world.compute.map(\.name) + world.identities.map(\.name)))
    }

    static func groupFor(_ group: String?, in world: World) throws -> String {
        let name = group ?? world.groups.first ?? "rg-lab"
        if group == nil, world.groups.isEmpty { return name }
        guard world.groups.contains(name) else {
            throw SimError.refused("ResourceGroupNotFound: resource group '\(name)' could not be found (create group \(name))")
        }
        return name
    }

    static func checkName(_ name: String) throws {
        if ["subscription", "sub"].contains(name.lowercased()) {
            throw SimError.refused("'\(name)' is reserved: it names the subscription scope in grant and revoke")
        }
        guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$"#, options: .regularExpression) != nil else {
            throw SimError.refused("'\(name)' is not a valid name: letters, digits, '-', '_' and '.', starting with a letter or digit, at most 63 characters")
        }
    }

    static func checkNew(_ name: String, in world: World) throws {
        try checkName(name)
        if world.isNameTaken(name) { throw SimError.refused("a resource called \(name) already exists (the lab keeps names unique across kinds)") }
    }

    static func replace(_ resource: ComputeResource, in world: inout World) {
        if let index = world.compute.firstIndex(where: { $0.name == resource.name }) { world.compute[index] = resource }
    }

    static func refusedUnknown(_ name: String, _ world: World) -> SimError {
        .refused("there is no resource called \(name)" + suggestionText(name, world.allNames + world.groups))
    }

    static func unknownRole(_ name: String) -> SimError {
        .refused("RoleDefinitionNotFound: no role called '\(name)'" + suggestionText(name, RoleCatalog.names) + " ('rules roles' lists them)")
    }

    static func suggestionText(_ name: String, _ names: [String]) -> String {
        Suggestion.nearest(to: name, in: names).map { "; did you mean \($0)?" } ?? ""
    }

    static func looksLikeSecret(name: String, value: String) -> Bool {
        let lowerValue = value.lowercased(), lowerName = name.lowercased()
        if secretHints.contains(where: { lowerValue.contains($0) }) { return true }
        let harmless = ["url", "uri", "endpoint", "name", "_id", "host"].contains(where: { lowerName.contains($0) }) || lowerValue.hasPrefix("https://") || lowerValue.hasPrefix("http://")
        if !harmless, ["key", "secret", "password", "connectionstring", "connection_string", "token"].contains(where: { lowerName.contains($0) }) {
            return !value.isEmpty
        }
        return false
    }
}

import Foundation
import LabKit

/// The simulated Azure: one tenant and subscription, resource groups, compute, identities, targets and access.
/// A value: the simulator keeps earlier worlds for `undo`, and grading reads one without changing it.
public struct World: Sendable, Equatable {
    public static let subscriptionID = "1ab50b00-0000-4000-8000-00000000a2b4"
    public var groups: [String]
    public var compute: [ComputeResource]
    public var identities: [UserAssignedIdentity]
    public var targets: [TargetResource]
    public var roleAssignments: [RoleAssignment]
    public var accessPolicies: [AccessPolicy]
    public var sqlUsers: [SQLUser]
    /// How many ids have been handed out: re-creating a resource gives a new principal id, never the old one.
    public var issuedIDs: Int

    public init(groups: [String] = [], compute: [ComputeResource] = [], identities: [UserAssignedIdentity] = [],
                targets: [TargetResource] = [], roleAssignments: [RoleAssignment] = [], accessPolicies: [AccessPolicy] = [],
                sqlUsers: [SQLUser] = [], issuedIDs: Int = 0) {
        self.groups = groups
        self.compute = compute
        self.identities = identities
        self.targets = targets
        self.roleAssignments = roleAssignments
        self.accessPolicies = accessPolicies
        self.sqlUsers = sqlUsers
        self.issuedIDs = issuedIDs
    }

    // MARK: Looking things up

    public func computeResource(_ name: String) -> ComputeResource? { compute.first { $0.name == name } }
    public func identity(_ name: String) -> UserAssignedIdentity? { identities.first { $0.name == name } }
    public func target(_ name: String) -> TargetResource? { targets.first { $0.name == name } }

    /// Every name in use (resources, identities), for "already exists" and suggestions.
    public var allNames: [String] { compute.map(\.name) + identities.map(\.name) + targets.map(\.name) }

    public func isNameTaken(_ name: String) -> Bool { allNames.contains { $0.lowercased() == name.lowercased() } }

    /// A principal that exists now, found by object id.
    public enum Principal: Sendable, Equatable {
        case system(resource: String, ManagedPrincipal)
        case user(name: String, ManagedPrincipal)

        public var ids: ManagedPrincipal {
            switch self { case .system(_, let p), .user(_, let p): return p }
        }

        /// How the learner names it in commands: the resource (its system-assigned identity) or the identity.
        public var name: String {
            switch self { case .system(let r, _), .user(let r, _): return r }
        }

        public var description: String {
            switch self {
            case .system(let r, _): return "the system-assigned identity of \(r)"
            case .user(let n, _): return "the user-assigned identity \(n)"
            }
        }
    }

    public func principal(id: String) -> Principal? {
        for c in compute { if let s = c.systemIdentity, s.principalID == id { return .system(resource: c.name, s) } }
        for i in identities where i.principal.principalID == id { return .user(name: i.name, i.principal) }
        return nil
    }

    /// Role assignments, policies and SQL users whose principal no longer exists.
    public var orphanedAssignments: [RoleAssignment] { roleAssignments.filter { principal(id: $0.principalID) == nil } }

    // MARK: Resource ids

    public func resourceID(group: String, provider: String, name: String) -> String {
        "/subscriptions/\(Self.subscriptionID)/resourceGroups/\(group)/providers/\(provider)/\(name)"
    }

    public func resourceID(of compute: ComputeResource) -> String {
        compute.kind == .onPremServer ? "on-premises://\(compute.name)" : resourceID(group: compute.group, provider: compute.kind.providerPath, name: compute.name)
    }

    public func resourceID(of identity: UserAssignedIdentity) -> String {
        resourceID(group: identity.group, provider: "Microsoft.ManagedIdentity/userAssignedIdentities", name: identity.name)
    }

    public func resourceID(of target: TargetResource) -> String {
        resourceID(group: target.group, provider: target.kind.providerPath, name: target.name)
    }

    /// The ARM path of a scope, as the portal and `az role assignment list` show it.
    public func path(of scope: Scope) -> String {
        switch scope {
        case .subscription: return "/subscriptions/\(Self.subscriptionID)"
        case .group(let g): return "/subscriptions/\(Self.subscriptionID)/resourceGroups/\(g)"
        case .resource(let name):
            if let t = target(name) { return resourceID(of: t) }
            if let c = computeResource(name) { return resourceID(of: c) }
            if let i = identity(name) { return resourceID(of: i) }
            return name
        case .cosmos(let account, let path):
            let base = target(account).map(resourceID(of:)) ?? account
            return path == "/" ? base : base + path
        }
    }

    /// Whether an assignment at `scope` reaches `target` (inheritance down the hierarchy).
    public func scope(_ scope: Scope, covers target: TargetResource) -> Bool {
        switch scope {
        case .subscription: return true
        case .group(let g): return g == target.group
        case .resource(let name): return name == target.name
        case .cosmos(let account, let path):
            guard account == target.name, target.kind == .cosmosDB else { return false }
            let full = "/dbs/\(target.database ?? "")/colls/\(target.container ?? "")"
            return path == "/" || full == path || full.hasPrefix(path + "/")
        }
    }

    // MARK: New ids

    /// A fresh GUID, reproducible from the world's state (same commands, same ids) and never repeated.
    public mutating func newGUID(for name: String) -> String {
        issuedIDs += 1
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(name)#\(issuedIDs)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var generator = SeededGenerator(seed: hash)
        let a = generator.next(), b = generator.next()
        let hex = String(format: "%016llx%016llx", a, b)
        let chars = Array(hex)
        func part(_ range: Range<Int>) -> String { String(chars[range]) }
        return "\(part(0..<8))-\(part(8..<12))-4\(part(13..<16))-8\(part(17..<20))-\(part(20..<32))"
    }

    public mutating func newPrincipal(for name: String) -> ManagedPrincipal {
        ManagedPrincipal(principalID: newGUID(for: "principal:" + name), clientID: newGUID(for: "client:" + name))
    }
}

/// The roles the simulator knows: the ones the exam and the fact sheet name, data and control plane.
public enum RoleCatalog {
    private static func data(_ name: String, _ grants: [TargetKind: Set<DataOperation>], _ summary: String,
                             system: RoleDefinition.System = .azureRBAC) -> RoleDefinition {
        RoleDefinition(name: name, plane: .data, system: system, grants: grants, isPrivileged: false, summary: summary)
    }

    private static func control(_ name: String, _ summary: String, privileged: Bool = false) -> RoleDefinition {
        RoleDefinition(name: name, plane: .control, system: .azureRBAC, grants: [:], isPrivileged: privileged, summary: summary)
    }

    public static let roles: [RoleDefinition] = [
        control("Owner", "full control plane access, including granting access to others; no data actions", privileged: true),
        control("Contributor", "manage resources (control plane); no data actions, cannot grant access", privileged: true),
        control("Reader", "view resources (control plane); no data actions"),
        control("User Access Administrator", "manage role assignments; no data actions", privileged: true),
        data("Key Vault Secrets User", [.keyVault: [.read]], "read secret values (RBAC permission model only)"),
        data("Key Vault Secrets Officer", [.keyVault: [.read, .write]], "read and manage secrets (RBAC permission model only)"),
        data("Key Vault Administrator", [.keyVault: [.read, .write]], "every data action on keys, secrets and certificates"),
        control("Key Vault Reader", "read vault metadata; never secret values"),
        control("Key Vault Contributor", "manage vaults (control plane); no access to secret values"),
        data("Storage Blob Data Reader", [.storage: [.read]], "read blobs and containers"),
        data("Storage Blob Data Contributor", [.storage: [.read, .write]], "read, write and delete blobs"),
        data("Storage Blob Data Owner", [.storage: [.read, .write]], "full blob access, including POSIX access control"),
        control("Storage Account Contributor", "manage storage accounts; no blob data access through Microsoft Entra ID"),
        data("Cosmos DB Built-in Data Reader", [.cosmosDB: [.read]], "read items and metadata (role 00000000-0000-0000-0000-000000000001)", system: .cosmos),
        data("Cosmos DB Built-in Data Contributor", [.cosmosDB: [.read, .write]], "read and write items (role 00000000-0000-0000-0000-000000000002)", system: .cosmos),
        control("DocumentDB Account Contributor", "manage Cosmos DB accounts (control plane); no item access"),
        data("Cognitive Services OpenAI User", [.openAI: [.read]], "call deployments (inference); cannot see keys or change deployments"),
        data("Cognitive Services OpenAI Contributor", [.openAI: [.read, .write]], "inference plus deployments and fine-tuning"),
        data("Cognitive Services User", [.aiServices: [.read, .write], .openAI: [.read]], "broad data plane access to AI services; can list keys"),
        control("Cognitive Services Contributor", "manage AI services accounts; cannot call inference with Microsoft Entra ID"),
        data("Azure Service Bus Data Sender", [.serviceBus: [.write]], "send messages"),
        data("Azure Service Bus Data Receiver", [.serviceBus: [.read]], "receive messages"),
        data("Azure Service Bus Data Owner", [.serviceBus: [.read, .write]], "send, receive and manage entities"),
    ]

    /// A role by its name, case and spacing forgiven (`storage-blob-data-reader` works too).
    public static func role(named name: String) -> RoleDefinition? {
        let key = normalized(name)
        return roles.first { normalized($0.name) == key }
    }

    /// The data role a learner most likely meant, for "did you mean" messages.
    public static var names: [String] { roles.map(\.name) }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The narrowest data role that allows an operation on a kind of target (what `grade` recommends).
    public static func leastPrivileged(for operations: Set<DataOperation>, on kind: TargetKind) -> String? {
        switch kind {
        case .keyVault: return operations.contains(.write) ? "Key Vault Secrets Officer" : "Key Vault Secrets User"
        case .storage: return operations.contains(.write) ? "Storage Blob Data Contributor" : "Storage Blob Data Reader"
        case .cosmosDB: return operations.contains(.write) ? "Cosmos DB Built-in Data Contributor" : "Cosmos DB Built-in Data Reader"
        case .sql: return operations.contains(.write) ? "db_datawriter (database role)" : "db_datareader (database role)"
        case .openAI: return operations.contains(.write) ? "Cognitive Services OpenAI Contributor" : "Cognitive Services OpenAI User"
        case .aiServices: return "Cognitive Services User"
        case .serviceBus:
            if operations == [.write] { return "Azure Service Bus Data Sender" }
            if operations == [.read] { return "Azure Service Bus Data Receiver" }
            return "Azure Service Bus Data Owner"
        }
    }

    /// SQL database roles, granted with `CREATE USER [...] FROM EXTERNAL PROVIDER` and `ALTER ROLE ... ADD MEMBER`.
    public static let sqlRoles: [String: Set<DataOperation>] = [
        "db_datareader": [.read], "db_datawriter": [.write], "db_owner": [.read, .write],
    ]
}

/// The services a simulated app calls, with the audience each one expects (fact sheet section 7).
public enum TargetKind: String, CaseIterable, Sendable, Codable {
    case keyVault = "key-vault"
    case storage
    case cosmosDB = "cosmos-db"
    case sql
    case openAI = "openai"
    case aiServices = "ai-services"
    case serviceBus = "service-bus"

    public static let aliases: [String: TargetKind] = [
        "keyvault": .keyVault, "vault": .keyVault, "kv": .keyVault,
        "storage-account": .storage, "blob": .storage, "blobs": .storage,
        "cosmos": .cosmosDB, "cosmosdb": .cosmosDB, "sql-database": .sql, "azure-sql": .sql, "database": .sql,
        "azure-openai": .openAI, "aoai": .openAI, "ai": .aiServices, "vision": .aiServices, "ai-vision": .aiServices,
        "cognitive-services": .aiServices, "servicebus": .serviceBus, "bus": .serviceBus,
    ]

    public static func named(_ word: String) -> TargetKind? {
        let key = word.lowercased()
        return TargetKind(rawValue: key) ?? aliases[key]
    }

    public var displayName: String {
        switch self {
        case .keyVault: return "Key Vault"
        case .storage: return "Storage account"
        case .cosmosDB: return "Cosmos DB account"
        case .sql: return "SQL database"
        case .openAI: return "Azure OpenAI"
        case .aiServices: return "Azure AI services"
        case .serviceBus: return "Service Bus namespace"
        }
    }

    /// The `resource` a token request must name; the token's `aud` is exactly what was sent.
    public var audience: String {
        switch self {
        case .keyVault: return "https://vault.azure.net"
        case .storage: return "https://storage.azure.com/"
        case .cosmosDB: return "https://cosmos.azure.com"
        case .sql: return "https://database.windows.net/"
        case .openAI, .aiServices: return "https://cognitiveservices.azure.com"
        case .serviceBus: return "https://servicebus.azure.net"
        }
    }

    /// What `read` and `write` mean at this target, in the learner's words.
    public func operationName(_ operation: DataOperation) -> String {
        switch (self, operation) {
        case (.keyVault, .read): return "get a secret"
        case (.keyVault, .write): return "set a secret"
        case (.storage, .read): return "read a blob"
        case (.storage, .write): return "write a blob"
        case (.cosmosDB, .read): return "read an item"
        case (.cosmosDB, .write): return "write an item"
        case (.sql, .read): return "select rows"
        case (.sql, .write): return "insert rows"
        case (.openAI, .read): return "call a deployment (inference)"
        case (.openAI, .write): return "create a deployment"
        case (.aiServices, .read): return "analyze an image"
        case (.aiServices, .write): return "train a custom model"
        case (.serviceBus, .read): return "receive a message"
        case (.serviceBus, .write): return "send a message"
        }
    }

    var providerPath: String {
        switch self {
        case .keyVault: return "Microsoft.KeyVault/vaults"
        case .storage: return "Microsoft.Storage/storageAccounts"
        case .cosmosDB: return "Microsoft.DocumentDB/databaseAccounts"
        case .sql: return "Microsoft.Sql/servers/lab-sql/databases"
        case .openAI, .aiServices: return "Microsoft.CognitiveServices/accounts"
        case .serviceBus: return "Microsoft.ServiceBus/namespaces"
        }
    }
}

/// The two things an app does with data; each target names them in its own words.
public enum DataOperation: String, CaseIterable, Sendable, Codable {
    case read
    case write
}

/// Key Vault's two authorization models: data roles count only under RBAC, policies only under access policies.
public enum KeyVaultPermissionModel: String, Sendable, Codable {
    case rbac
    case accessPolicy = "access-policy"
}

/// The Azure services a managed identity token is usually for, by audience (fact sheet section 7).
public enum AudienceCatalog {
    public struct Service: Sendable, Equatable, Codable {
        public var name: String
        public var audience: String
        /// The data roles (or other grant) that authorize calls there.
        public var access: String
        public var note: String?
    }

    public static let services: [Service] = [
        Service(name: "Azure Key Vault", audience: "https://vault.azure.net",
                access: "Key Vault Secrets User (read secret values) or Secrets Officer (manage secrets), with the Azure RBAC permission model; an access policy otherwise",
                note: "Key Vault Reader reads metadata only; Key Vault Contributor is management plane only."),
        Service(name: "Azure Storage", audience: "https://storage.azure.com/",
                access: "Storage Blob Data Reader, Contributor or Owner",
                note: "Owner, Contributor and Storage Account Contributor give no blob data access through Entra ID."),
        Service(name: "Azure Cosmos DB", audience: "https://cosmos.azure.com",
                access: "Cosmos DB Built-in Data Reader or Built-in Data Contributor, assigned with az cosmosdb sql role assignment create",
                note: "Scopes are /, /dbs/<db> and /dbs/<db>/colls/<container>."),
        Service(name: "Azure SQL Database", audience: "https://database.windows.net/",
                access: "a database user: CREATE USER [<identity>] FROM EXTERNAL PROVIDER, then roles such as db_datareader",
                note: "Not Azure RBAC."),
        Service(name: "Azure OpenAI / Azure AI services", audience: "https://cognitiveservices.azure.com",
                access: "Cognitive Services OpenAI User (inference) or OpenAI Contributor; Cognitive Services User for AI services",
                note: "Cognitive Services Contributor cannot call inference with Entra ID."),
        Service(name: "Azure Resource Manager", audience: "https://management.azure.com/",
                access: "Reader, Contributor or Owner (control plane only: no data actions)", note: nil),
        Service(name: "Azure Service Bus", audience: "https://servicebus.azure.net",
                access: "Azure Service Bus Data Sender or Data Receiver", note: nil),
        Service(name: "Azure Event Hubs", audience: "https://eventhubs.azure.net",
                access: "Azure Event Hubs Data Sender or Data Receiver", note: nil),
    ]

    /// Short names for `inspect --as`.
    public static let aliases: [String: String] = [
        "keyvault": "https://vault.azure.net", "storage": "https://storage.azure.com/", "cosmos": "https://cosmos.azure.com",
        "sql": "https://database.windows.net/", "openai": "https://cognitiveservices.azure.com", "ai": "https://cognitiveservices.azure.com",
        "arm": "https://management.azure.com/", "servicebus": "https://servicebus.azure.net", "eventhubs": "https://eventhubs.azure.net"
    ]

    /// The service for a short name (`keyvault`) or an audience URI.
    public static func service(named name: String) -> Service? {
        if let audience = aliases[name.lowercased()] { return service(for: audience) }
        return service(for: name)
    }

    /// The service for an audience; a trailing slash or case difference still finds it (the token's aud is exact).
    public static func service(for audience: String) -> Service? {
        let key = normalise(audience)
        return services.first { normalise($0.audience) == key }
    }

    static func normalise(_ s: String) -> String {
        var t = s.lowercased()
        while t.hasSuffix("/") { t.removeLast() }
        return t
    }
}

/// Diagram fixtures shared by the parser and renderer tests.
public enum DiagramFixtures {
    /// The eight-step keyless flow (the foundation issue's test case), exactly as lesson 02 ships it.
    public static let keylessFlow = """
    sequenceDiagram
        autonumber
        participant App as Order worker (VM)
        participant IMDS as Local token endpoint (IMDS)
        participant Entra as Microsoft Entra ID
        participant Cosmos as Azure Cosmos DB
        App->>IMDS: GET token, resource=https://cosmos.azure.com, Metadata: true
        IMDS->>Entra: Request a token for the app's managed identity
        Entra-->>IMDS: Signed access token (JWT)
        IMDS-->>App: access_token, expires_in, resource
        App->>Cosmos: Create item, token in the Authorization header
        Cosmos->>Cosmos: Check signature, issuer, audience, expiry locally
        Note over Cosmos: Keys come from Entra ID's published JWKS, cached
        Cosmos->>Cosmos: Check data-plane role for the token's oid
        Cosmos-->>App: 201 Created
    """
}

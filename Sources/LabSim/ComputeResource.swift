/// Something that runs code: an App Service app, a VM, ... or an on-premises server, which cannot hold an identity.
public struct ComputeResource: Sendable, Equatable {
    public var name: String
    public var kind: ComputeKind
    public var group: String
    /// The system-assigned identity: at most one, created and deleted with the resource.
    public var systemIdentity: ManagedPrincipal?
    /// Names of the user-assigned identities attached, in the order they were assigned.
    public var userIdentities: [String]
    /// App settings (name, value): where secrets should never be.
    public var settings: [String: String]

    public init(name: String, kind: ComputeKind, group: String, systemIdentity: ManagedPrincipal? = nil,
                userIdentities: [String] = [], settings: [String: String] = [:]) {
        self.name = name
        self.kind = kind
        self.group = group
        self.systemIdentity = systemIdentity
        self.userIdentities = userIdentities
        self.settings = settings
    }
}

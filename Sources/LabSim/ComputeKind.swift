/// The kinds of compute the exam talks about, and where each one asks for tokens.
public enum ComputeKind: String, CaseIterable, Sendable, Codable {
    case appService = "app-service"
    case functionApp = "function-app"
    case vm
    case vmss
    case containerInstance = "container-instance"
    case aks
    case onPremServer = "on-prem-server"

    /// Words learners type for each kind (`create webapp web` works as well as `create app-service web`).
    public static let aliases: [String: ComputeKind] = [
        "appservice": .appService, "webapp": .appService, "web-app": .appService, "app": .appService,
        "function": .functionApp, "functionapp": .functionApp, "func": .functionApp,
        "virtual-machine": .vm, "scale-set": .vmss, "aci": .containerInstance, "container": .containerInstance,
        "kubernetes": .aks, "on-prem": .onPremServer, "onprem": .onPremServer, "on-premises": .onPremServer, "server": .onPremServer,
    ]

    public static func named(_ word: String) -> ComputeKind? {
        let key = word.lowercased()
        return ComputeKind(rawValue: key) ?? aliases[key]
    }

    public var displayName: String {
        switch self {
        case .appService: return "App Service app"
        case .functionApp: return "Function App"
        case .vm: return "virtual machine"
        case .vmss: return "VM scale set"
        case .containerInstance: return "container instance"
        case .aks: return "AKS cluster"
        case .onPremServer: return "on-premises server"
        }
    }

    /// App Service and Functions get the local identity endpoint; the others reach IMDS; on-premises gets neither.
    public var endpoint: IdentityEndpointKind? {
        switch self {
        case .appService, .functionApp: return .appService
        case .vm, .vmss, .containerInstance, .aks: return .imds
        case .onPremServer: return nil
        }
    }

    /// The ARM provider path of the kind, for resource ids.
    var providerPath: String {
        switch self {
        case .appService, .functionApp: return "Microsoft.Web/sites"
        case .vm: return "Microsoft.Compute/virtualMachines"
        case .vmss: return "Microsoft.Compute/virtualMachineScaleSets"
        case .containerInstance: return "Microsoft.ContainerInstance/containerGroups"
        case .aks: return "Microsoft.ContainerService/managedClusters"
        case .onPremServer: return "on-premises"
        }
    }
}

/// Which local token service a compute resource's code talks to.
public enum IdentityEndpointKind: String, Sendable, Codable {
    case imds
    case appService = "app-service"
}

import Foundation
import Hummingbird
import HummingbirdTesting
import LabIMDS
import LabKit
import LabSim
import LabTokens

/// Shared pieces: one signing key per run, a fixed clock, a world with known ids, and request helpers.
enum EmulatorFixtures {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("labimds-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()
    static let key: LabSigningKey = try! LabSigningKey.loadOrCreate(at: folder.appendingPathComponent("signing-key.pem"))
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static let systemClientID = "5a5a0000-0000-4000-8000-000000000001"
    static let systemPrincipalID = "5a5a0000-0000-4000-8000-0000000000a1"
    static let userClientID = "ab000000-0000-4000-8000-000000000002"
    static let userPrincipalID = "ab000000-0000-4000-8000-0000000000b2"

    static let worldYAML = """
    groups: [rg-lab]
    identities:
      - name: id-orders
        principal-id: \(userPrincipalID)
        client-id: \(userClientID)
      - name: id-other
        principal-id: cd000000-0000-4000-8000-0000000000c3
        client-id: cd000000-0000-4000-8000-000000000003
    compute:
      - name: server
        kind: on-prem-server
      - name: vm-app
        kind: vm
        system-identity:
          principal-id: \(systemPrincipalID)
          client-id: \(systemClientID)
        user-identities: [id-orders]
      - name: web
        kind: app-service
        system-identity: true
        user-identities: [id-orders]
    targets:
      - name: kv
        kind: key-vault
    """

    static func world() throws -> World { try WorldFile.decode(worldYAML, file: "test.yaml") }

    static func emulator(computeName: String? = nil, rateLimit: RateLimit? = nil, failures: FailureInjection? = nil, lifetime: TimeInterval = 3600,
                         skew: TimeInterval = 0, clock: FixedClock = FixedClock(start), logCapacity: Int = 1000) throws -> IMDSEmulator {
        let configuration = EmulatorConfiguration(world: try world(), computeName: computeName, tokenLifetime: lifetime, clockSkew: skew,
                                                  rateLimit: rateLimit, failures: failures, logCapacity: logCapacity)
        return try IMDSEmulator(configuration: configuration, key: key, clock: clock)
    }

    static let imdsQuery = "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net"
    static let metadata: HTTPFields = [.init("Metadata")!: "true"]
    static let identityHeader: HTTPFields = [.init("X-IDENTITY-HEADER")!: "lab-identity-header"]

    /// Runs `body` against the emulator's router without a socket.
    static func withRouter<T: Sendable>(_ emulator: IMDSEmulator, _ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: emulator.makeRouter())
        return try await app.test(.router) { client in try await body(client) }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        let data = Data(buffer: response.body)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        var buffer = buffer
        self = Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }
}

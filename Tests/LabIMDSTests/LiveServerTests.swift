import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LabIMDS
import LabKit
import Testing

/// The emulator on a real socket: 127.0.0.1, port 0, the bound port reported, a token over TCP, a clean stop.
@Suite struct LiveServerTests {
    typealias F = EmulatorFixtures

    func get(_ url: String, headers: [String: String] = [:]) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: url)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func servesATokenOnAPickedPortAndStops() async throws {
        let emulator = try IMDSEmulator(configuration: EmulatorConfiguration(world: try F.world()), key: F.key, clock: SystemClock())
        let port = try await emulator.start()
        #expect(port > 0)
        #expect(emulator.status.running && emulator.status.port == port)
        await #expect(throws: IMDSError.alreadyRunning(port: port)) { _ = try await emulator.start() }

        let (status, data) = try await get("http://127.0.0.1:\(port)" + F.imdsQuery, headers: ["Metadata": "true"])
        #expect(status == 200)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(json?["access_token"] is String)

        let (_, discovery) = try await get("http://127.0.0.1:\(port)/.well-known/openid-configuration")
        let jwksURI = try #require((try JSONSerialization.jsonObject(with: discovery) as? [String: Any])?["jwks_uri"] as? String)
        #expect(jwksURI == "http://127.0.0.1:\(port)/discovery/keys")
        let (keysStatus, _) = try await get(jwksURI)
        #expect(keysStatus == 200)
        // Headers past the emulator's 8 KiB limit but under the HTTP parser's: 431 with a JSON body.
        let (bigStatus, bigBody) = try await get("http://127.0.0.1:\(port)" + F.imdsQuery,
                                                 headers: ["Metadata": "true", "X-Pad": String(repeating: "c", count: 20_000)])
        #expect(bigStatus == 431)
        #expect((try? JSONSerialization.jsonObject(with: bigBody)) is [String: Any])

        await emulator.stop()
        #expect(!emulator.status.running)
        await #expect(throws: (any Error).self) { _ = try await get("http://127.0.0.1:\(port)/discovery/keys") }
    }
}

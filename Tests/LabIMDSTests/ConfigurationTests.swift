import Foundation
import LabIMDS
import LabSim
import Testing

/// Which compute is served, when binding needs a warning, and what `lab imds env` prints.
@Suite struct ConfigurationTests {
    typealias F = EmulatorFixtures

    @Test func defaultsToTheFirstComputeHoldingAnIdentity() throws {
        #expect(try F.emulator().status.compute == "vm-app")
        #expect(try F.emulator(computeName: "web").status.compute == "web")
        #expect(throws: IMDSError.self) { try F.emulator(computeName: "nope") }
    }

    @Test func onlyLoopbackNeedsNoWarning() throws {
        let world = try F.world()
        #expect(EmulatorConfiguration(world: world).exposureWarning == nil)
        #expect(EmulatorConfiguration(host: "::1", world: world).exposureWarning == nil)
        #expect(EmulatorConfiguration(host: "0.0.0.0", world: world).exposureWarning != nil)
        #expect(EmulatorConfiguration(host: "127.example.com", world: world).exposureWarning != nil)
        #expect(EmulatorConfiguration(host: "127.0.0.2", world: world).exposureWarning == nil)
    }

    @Test func envLinesMatchTheServedComputesEndpoint() throws {
        let vm = try F.emulator().envLines(port: 4242)
        #expect(vm.contains("export AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:4242"))
        #expect(!vm.contains { $0.hasPrefix("export IDENTITY_ENDPOINT") })
        let web = try F.emulator(computeName: "web").envLines(port: 4242)
        #expect(web.contains("export IDENTITY_ENDPOINT=http://127.0.0.1:4242/msi/token"))
        #expect(web.contains("export IDENTITY_HEADER=lab-identity-header"))
        // IMDS_ENDPOINT next to IDENTITY_ENDPOINT would make the SDKs take the Azure Arc path.
        #expect(!web.contains { $0.hasPrefix("export IMDS_ENDPOINT") })
    }
}

import Foundation
import Testing
import LabTestSupport
import LabContent
import LabKit
@testable import LabSim
import LabTerminal

/// The flow of a run as a picture and as numbered steps, frozen in golden files.
/// Regenerate with LAB_UPDATE_GOLDEN=1 swift test --filter FlowDiagramTests, then read the diff.
@Suite struct FlowDiagramTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ lines: [String], golden name: String) throws {
        let (text, expected) = try Golden.compare(lines, name: name, folder: goldenFolder)
        #expect(text == expected, "flow differs from \(name); regenerate with LAB_UPDATE_GOLDEN=1 and review the diff")
    }

    /// A VM script forgets the header, fixes it, then calls Storage with a control-plane role, then with a data role.
    func troubleshootingRun() throws -> (SequenceDiagram, World) {
        let simulator = try SimFixtures.simulator("compute: [{name: vm-report, kind: vm, system-identity: true}]\ntargets: [{name: streports, kind: storage}]")
        let url = "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://storage.azure.com/"
        try SimFixtures.run(simulator, ["grant Contributor to vm-report on streports",
                                        "http vm-report GET '\(url)'", "http vm-report GET '\(url)' -H 'Metadata: true'", "call streports",
                                        "grant Storage Blob Data Reader to vm-report on streports", "call streports"])
        return (try #require(FlowDiagram.make(simulator.lastFlow(), world: simulator.world)), simulator.world)
    }

    @Test func pictureAt100Columns() throws {
        let (diagram, _) = try troubleshootingRun()
        let lines = try #require(SequenceDiagramRenderer(width: 100, unicode: true).render(diagram))
        try Self.check(lines, golden: "flow-troubleshooting.100.txt")
    }

    @Test func numberedStepsForScreenReaders() throws {
        let (diagram, _) = try troubleshootingRun()
        try Self.check(SequenceDiagramRenderer(width: 80, unicode: false).steps(diagram), golden: "flow-troubleshooting.steps.txt")
    }

    @Test func aFailedRequestIsMarkedFailWithTheReason() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: vm, kind: vm, system-identity: true}]")
        try SimFixtures.run(simulator, ["http vm GET 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net'"])
        let steps = SequenceDiagramRenderer(width: 80, unicode: false).steps(try #require(FlowDiagram.make(simulator.lastFlow(), world: simulator.world)))
        let text = steps.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("FAIL 400 invalid_request"))
        #expect(text.contains("'Metadata: true'"))
    }

    @Test func appServiceFlowsGoThroughIdentityEndpoint() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: web, kind: app-service, system-identity: true}]\ntargets: [{name: kv, kind: key-vault}]")
        try SimFixtures.run(simulator, ["token web kv"])
        let diagram = try #require(FlowDiagram.make(simulator.lastFlow(), world: simulator.world))
        #expect(diagram.participants.map(\.label).contains("IDENTITY_ENDPOINT (App Service)"))
    }
}

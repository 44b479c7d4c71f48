import Foundation
import Testing
import LabKit
import LabSim
import LabTokens
import LabTestSupport

/// Shared pieces: one signing key per test run, a fixed clock, and worlds written in the world-file YAML.
enum SimFixtures {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("labsim-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()
    static let key: LabSigningKey = try! LabSigningKey.loadOrCreate(at: folder.appendingPathComponent("signing-key.pem"))
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func world(_ yaml: String) throws -> World { try WorldFile.decode(yaml, file: "test.yaml") }

    static func simulator(_ yaml: String, scenario: Scenario? = nil) throws -> Simulator {
        Simulator(world: try world(yaml), scenario: scenario, key: key, clock: FixedClock(start))
    }

    /// Runs simulator lines (the same syntax learners type).
    @discardableResult
    static func run(_ simulator: Simulator, _ lines: [String]) throws -> [Simulator.Reply] {
        try lines.map { try simulator.run(SimCommand.parse(try CommandLineTokenizer.split($0))) }
    }

    /// `body` must refuse the file with `SimError.invalidFile` at `line`, the message containing `words`.
    static func expectInvalidFile(line: Int, words: String, file: String? = nil, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("accepted")
        } catch let error as SimError {
            guard case .invalidFile(let reported, let at, let message) = error else { Issue.record("\(error)"); return }
            if let file { #expect(reported == file) }
            #expect(at == line, "\(message)")
            #expect(message.contains(words), "\(message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    static var rulebook: Rulebook {
        get throws {
            let url = LabBinary.repositoryRoot.appendingPathComponent("Lessons/labs/rulebook.yml")
            return try Rulebook.load(from: url, displayPath: "Lessons/labs/rulebook.yml")
        }
    }

    static let vmWorld = """
    groups: [rg-lab]
    identities:
      - name: id-a
      - name: id-b
    compute:
      - name: vm-sys
        kind: vm
        system-identity: true
        user-identities: [id-a]
      - name: vm-one
        kind: vm
        user-identities: [id-a]
      - name: vm-two
        kind: vm
        user-identities: [id-a, id-b]
      - name: vm-none
        kind: vm
      - name: web
        kind: app-service
        system-identity: true
        user-identities: [id-b]
      - name: server
        kind: on-prem-server
    targets:
      - name: kv
        kind: key-vault
      - name: st
        kind: storage
    """
}

import Foundation
import Testing
import LabKit
import LabTestSupport
@testable import LabSim

/// One passing and one failing world (with runs) per rule of the rulebook.
@Suite struct RuleTests {
    struct Case {
        var world: String
        var commands: [String] = []
        var goal: Goal? = nil
    }

    static let vaultWorld = """
    compute:
      - name: fn
        kind: function-app
        system-identity: true
    targets:
      - name: kv
        kind: key-vault
      - name: st
        kind: storage
    """

    static let cases: [String: (pass: Case, fail: Case)] = [
        "imds-intermediary": (
            Case(world: vaultWorld, commands: ["grant Key Vault Secrets User to fn on kv", "token fn kv", "call kv"]),
            Case(world: vaultWorld, commands: ["http fn POST https://login.microsoftonline.com/tenant/oauth2/v2.0/token"])),
        "no-stored-secrets": (
            Case(world: vaultWorld, commands: ["setting fn KEYVAULT_URL=https://kv.vault.azure.net"]),
            Case(world: vaultWorld, commands: ["setting fn STORAGE=DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc=="])),
        "metadata-header": (
            Case(world: "compute: [{name: vm, kind: vm, system-identity: true}]",
                 commands: ["http vm GET 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net'",
                            "http vm GET 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net' -H 'Metadata: true'"]),
            Case(world: "compute: [{name: vm, kind: vm, system-identity: true}]",
                 commands: ["http vm GET 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net'"])),
        "request-parameters": (
            Case(world: "compute: [{name: vm, kind: vm, system-identity: true}]",
                 commands: ["http vm GET 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net' -H 'Metadata: true'"]),
            Case(world: "compute: [{name: vm, kind: vm, system-identity: true}]",
                 commands: ["http vm GET 'http://169.254.169.254/metadata/identity/oauth2/token?resource=https://vault.azure.net' -H 'Metadata: true'"])),
        "token-lifetime": (
            Case(world: vaultWorld, commands: ["grant Key Vault Secrets User to fn on kv", "token fn kv", "call kv", "wait 2h", "token fn kv", "call kv"]),
            Case(world: vaultWorld, commands: ["grant Key Vault Secrets User to fn on kv", "token fn kv", "wait 2h", "call kv"])),
        "uami-limit": (
            Case(world: "identities: [{name: id-1}]\ncompute: [{name: vm, kind: vm, user-identities: [id-1]}]"),
            Case(world: "identities: [" + (1...21).map { "{name: id-\($0)}" }.joined(separator: ", ") + "]\ncompute: [{name: vm, kind: vm, user-identities: ["
                 + (1...21).map { "id-\($0)" }.joined(separator: ", ") + "]}]")),
        "system-identity-not-shared": (
            Case(world: "compute: [{name: a, kind: vm, system-identity: true}, {name: b, kind: vm, system-identity: true}]"),
            Case(world: """
            compute:
              - {name: a, kind: vm, system-identity: {principal-id: 11111111-1111-4111-8111-111111111111, client-id: 22222222-2222-4222-8222-222222222222}}
              - {name: b, kind: vm, system-identity: {principal-id: 11111111-1111-4111-8111-111111111111, client-id: 22222222-2222-4222-8222-222222222222}}
            """)),
        "selector-required": (
            Case(world: "identities: [{name: id-a}, {name: id-b}]\ncompute: [{name: vm, kind: vm, user-identities: [id-a, id-b]}]\ntargets: [{name: st, kind: storage}]",
                 commands: ["token vm st --identity id-a"]),
            Case(world: "identities: [{name: id-a}, {name: id-b}]\ncompute: [{name: vm, kind: vm, user-identities: [id-a, id-b]}]\ntargets: [{name: st, kind: storage}]",
                 commands: ["token vm st"])),
        "lifecycle-orphans": (
            Case(world: vaultWorld, commands: ["grant Key Vault Secrets User to fn on kv", "delete fn", "create function-app fn --system-identity",
                                          "grant Key Vault Secrets User to fn on kv", "revoke orphans"]),
            Case(world: vaultWorld, commands: ["grant Key Vault Secrets User to fn on kv", "delete fn", "create function-app fn --system-identity"])),
        "least-privilege": (
            Case(world: vaultWorld, commands: ["grant Key Vault Secrets User to fn on kv"], goal: Goal(calls: [.init(from: "fn", target: "kv", operation: .read)])),
            Case(world: vaultWorld, commands: ["grant Key Vault Secrets Officer to fn on kv"], goal: Goal(calls: [.init(from: "fn", target: "kv", operation: .read)]))),
        "narrowest-scope": (
            Case(world: vaultWorld, commands: ["grant Storage Blob Data Reader to fn on st"]),
            Case(world: vaultWorld, commands: ["grant Storage Blob Data Reader to fn on group/rg-lab"])),
        "control-plane-no-data": (
            Case(world: vaultWorld, commands: ["grant Storage Blob Data Reader to fn on st"], goal: Goal(calls: [.init(from: "fn", target: "st", operation: .read)])),
            Case(world: vaultWorld, commands: ["grant Storage Account Contributor to fn on st"], goal: Goal(calls: [.init(from: "fn", target: "st", operation: .read)]))),
        "keyvault-permission-model": (
            Case(world: "compute: [{name: fn, kind: function-app, system-identity: true}]\ntargets: [{name: kv, kind: key-vault, permission-model: access-policy}]",
                 commands: ["policy kv fn get,list"]),
            Case(world: "compute: [{name: fn, kind: function-app, system-identity: true}]\ntargets: [{name: kv, kind: key-vault, permission-model: access-policy}]",
                 commands: ["grant Key Vault Secrets User to fn on kv"])),
        "shared-identity-for-identical-needs": (
            Case(world: "identities: [{name: id-shared}]\ncompute: [{name: a, kind: vm, user-identities: [id-shared]}, {name: b, kind: vm, user-identities: [id-shared]}, {name: c, kind: vm, user-identities: [id-shared]}]\ntargets: [{name: st, kind: storage}]",
                 commands: ["grant Storage Blob Data Reader to id-shared on st"]),
            Case(world: "compute: [{name: a, kind: vm, system-identity: true}, {name: b, kind: vm, system-identity: true}, {name: c, kind: vm, system-identity: true}]\ntargets: [{name: st, kind: storage}]",
                 commands: ["grant Storage Blob Data Reader to a on st", "grant Storage Blob Data Reader to b on st", "grant Storage Blob Data Reader to c on st"])),
        "no-on-premises-identity": (
            Case(world: "compute: [{name: server, kind: on-prem-server}]"),
            Case(world: "compute: [{name: server, kind: on-prem-server, system-identity: true}]")),
        "audience-matches-target": (
            Case(world: vaultWorld, commands: ["grant Key Vault Secrets User to fn on kv", "token fn kv", "call kv"]),
            Case(world: vaultWorld, commands: ["grant Key Vault Secrets User to fn on kv", "token fn https://management.azure.com/", "call kv"])),
        "cosmos-data-roles": (
            Case(world: "compute: [{name: app, kind: app-service, system-identity: true}]\ntargets: [{name: cosmos, kind: cosmos-db, database: chat, container: conversations}]",
                 commands: ["grant Cosmos DB Built-in Data Contributor to app on cosmos/dbs/chat"], goal: Goal(calls: [.init(from: "app", target: "cosmos", operation: .write)])),
            Case(world: "compute: [{name: app, kind: app-service, system-identity: true}]\ntargets: [{name: cosmos, kind: cosmos-db, database: chat, container: conversations}]",
                 commands: ["grant DocumentDB Account Contributor to app on cosmos"], goal: Goal(calls: [.init(from: "app", target: "cosmos", operation: .write)]))),
    ]

    func outcome(_ rule: String, _ c: Case) throws -> RuleOutcome {
        let simulator = try SimFixtures.simulator(c.world)
        try SimFixtures.run(simulator, c.commands)
        let check = try #require(SimGrader.checks.first { $0.id == rule })
        return check.evaluate(GradingContext(world: simulator.world, runs: simulator.runs, goal: c.goal))
    }

    @Test func everyRuleOfTheRulebookHasACheckAndATest() throws {
        let ids = try SimFixtures.rulebook.rules.map(\.id)
        #expect(Set(ids) == Set(SimGrader.checks.map(\.id)))
        #expect(Set(ids) == Set(Self.cases.keys))
    }

    @Test(arguments: Array(cases.keys).sorted())
    func passingWorldPasses(rule: String) throws {
        let result = try outcome(rule, Self.cases[rule]!.pass)
        guard case .passed = result else { Issue.record("\(rule): expected passed, got \(result)"); return }
    }

    @Test(arguments: Array(cases.keys).sorted())
    func failingWorldFails(rule: String) throws {
        let result = try outcome(rule, Self.cases[rule]!.fail)
        guard case .failed = result else { Issue.record("\(rule): expected failed, got \(result)"); return }
    }

    @Test func rulesNameExistingLessons() throws {
        let plan = try String(contentsOf: SimFixtures.folderRoot.appendingPathComponent("Lessons/course.yml"), encoding: .utf8)
        for rule in try SimFixtures.rulebook.rules {
            #expect(plan.contains("- id: \(rule.lesson)\n"), "rule \(rule.id) names lesson \(rule.lesson), which is not in the course plan")
        }
    }
}

extension SimFixtures {
    static var folderRoot: URL { LabTestSupport.LabBinary.repositoryRoot }
}

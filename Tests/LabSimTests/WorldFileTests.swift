import Foundation
import Testing
@testable import LabSim

/// Worlds survive save and load unchanged; malformed files name their line.
@Suite struct WorldFileTests {
    @Test func aSavedWorldLoadsAsTheSameWorld() throws {
        let simulator = try SimFixtures.simulator(SimFixtures.vmWorld)
        try SimFixtures.run(simulator, ["create cosmos-db chat --database conv --container turns", "create key-vault kv2 --access-policy",
                                        "grant Storage Blob Data Reader to id-a on st", "grant Cosmos DB Built-in Data Reader to web on chat/dbs/conv",
                                        "policy kv2 vm-sys get,list", "create sql orders", "sql-user orders web db_datareader",
                                        "setting web APP_MODE=blue", "grant Key Vault Secrets User to vm-sys on kv", "delete vm-sys"])
        let text = WorldFile.encode(simulator.world)
        let loaded = try WorldFile.decode(text, file: "saved.yaml")
        #expect(loaded == simulator.world)
        #expect(loaded.orphanedAssignments.count == 1)
    }

    @Test(arguments: [
        ("compute:\n  - name: a\n    kind: laptop\n", 3, "unknown compute kind"),
        ("compute:\n  - name: a\n    kind: vm\n    colour: red\n", 4, "unknown key 'colour'"),
        ("targets:\n  - name: kv\n    kind: key-vault\n    permission-model: magic\n", 4, "permission-model"),
        ("compute:\n  - name: a\n    kind: vm\n    user-identities: [nobody]\n", 4, "not under identities"),
        ("targets: [{name: st, kind: storage}]\ncompute: [{name: a, kind: vm, system-identity: true}]\nroles:\n  - role: Storage Blob Data Reader\n    principal: a\n    scope: nowhere\n", 6, "names no resource"),
        ("compute:\n  - name: a\n   kind: vm\n", 3, "YAML"),
        ("groups: [rg-a]\ncompute:\n  - name: a\n    kind: vm\n    group: rg-b\n", 5, "rg-b"),
    ])
    func malformedFilesNameTheLine(text: String, line: Int, words: String) {
        SimFixtures.expectInvalidFile(line: line, words: words, file: "w.yaml") { _ = try WorldFile.decode(text, file: "w.yaml") }
    }
}

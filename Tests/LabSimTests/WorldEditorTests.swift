import Foundation
import Testing
import LabKit
@testable import LabSim

/// Commands refuse what Azure would refuse, with the reason, and change nothing when they do.
@Suite struct WorldEditorTests {
    func refused(_ world: String, setup: [String] = [], _ line: String, mentions words: [String]) throws {
        let simulator = try SimFixtures.simulator(world)
        try SimFixtures.run(simulator, setup)
        let before = simulator.world
        do {
            try SimFixtures.run(simulator, [line])
            Issue.record("'\(line)' was accepted")
        } catch let error as SimError {
            guard case .refused(let why) = error else { Issue.record("'\(line)': \(error)"); return }
            for word in words { #expect(why.contains(word), "'\(why)' should mention \(word)") }
        }
        #expect(simulator.world == before, "a refused command must change nothing")
    }

    @Test func aTwentyFirstUserAssignedIdentityIsRefused() throws {
        let identities = (1...21).map { "{name: id-\($0)}" }.joined(separator: ", ")
        let world = "identities: [\(identities)]\ncompute: [{name: vm, kind: vm}]"
        let setup = (1...20).map { "assign id-\($0) to vm" }
        try refused(world, setup: setup, "assign id-21 to vm", mentions: ["20", "exam"])
    }

    @Test func anOnPremisesServerGetsNoIdentity() throws {
        try refused("compute: [{name: server, kind: on-prem-server}]", "enable system-identity server", mentions: ["on-premises", "Arc"])
        try refused("compute: []", "create on-prem-server server --system-identity", mentions: ["on-premises"])
        try refused("identities: [{name: id-a}]\ncompute: [{name: server, kind: on-prem-server}]", "assign id-a to server", mentions: ["on-premises"])
    }

    @Test func aRoleAtAScopeThatDoesNotExistIsRefused() throws {
        let world = "compute: [{name: fn, kind: function-app, system-identity: true}]\ntargets: [{name: kv, kind: key-vault}]"
        try refused(world, "grant Key Vault Secrets User to fn on kv-typo", mentions: ["does not exist", "kv"])
        try refused(world, "grant Key Vault Secrets User to fn on group/rg-nowhere", mentions: ["ResourceGroupNotFound"])
        try refused(world, "grant Key Vault Secret Reader to fn on kv", mentions: ["RoleDefinitionNotFound"])
        try refused(world, "grant Key Vault Secrets User to ghost on kv", mentions: ["PrincipalNotFound"])
    }

    @Test func aResourceWithoutAnIdentityHasNoPrincipalToGrant() throws {
        try refused("compute: [{name: vm, kind: vm}]\ntargets: [{name: st, kind: storage}]", "grant Storage Blob Data Reader to vm on st", mentions: ["no system-assigned identity"])
    }

    @Test func cosmosDataRolesGoInsideTheAccountNotThroughIAM() throws {
        let world = "compute: [{name: app, kind: app-service, system-identity: true}]\ntargets: [{name: cosmos, kind: cosmos-db}]"
        try refused(world, "grant Cosmos DB Built-in Data Contributor to app on group/rg-lab", mentions: ["az cosmosdb sql role assignment create"])
        try refused(world, "grant Contributor to app on cosmos/dbs/appdb", mentions: ["Azure role"])
        let simulator = try SimFixtures.simulator(world)
        try SimFixtures.run(simulator, ["grant Cosmos DB Built-in Data Contributor to app on cosmos/dbs/appdb/colls/items"])
        #expect(simulator.world.roleAssignments.first?.scope == .cosmos(account: "cosmos", path: "/dbs/appdb/colls/items"))
    }

    @Test func theSameAssignmentTwiceIsRefused() throws {
        let world = "compute: [{name: fn, kind: function-app, system-identity: true}]\ntargets: [{name: kv, kind: key-vault}]"
        try refused(world, setup: ["grant Key Vault Secrets User to fn on kv"], "grant Key Vault Secrets User to fn on kv", mentions: ["RoleAssignmentExists"])
    }

    @Test func aSystemAssignedIdentityCannotBeShared() throws {
        try refused("compute: [{name: a, kind: vm, system-identity: true}, {name: b, kind: vm}]", "assign a to b", mentions: ["cannot be shared"])
        try refused("compute: [{name: a, kind: vm, system-identity: true}]", "enable system-identity a", mentions: ["at most one"])
    }

    @Test func deletingAResourceOrphansItsAssignmentsAndRecreatingGivesANewPrincipal() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: fn, kind: function-app, system-identity: true}]\ntargets: [{name: kv, kind: key-vault}]")
        let old = simulator.world.computeResource("fn")!.systemIdentity!.principalID
        try SimFixtures.run(simulator, ["grant Key Vault Secrets User to fn on kv"])
        let replies = try SimFixtures.run(simulator, ["delete fn"])
        #expect(replies[0].feedback.contains { $0.rule == "lifecycle-orphans" })
        #expect(simulator.world.orphanedAssignments.count == 1)
        try SimFixtures.run(simulator, ["create function-app fn --system-identity", "token fn kv", "call kv"])
        let new = simulator.world.computeResource("fn")!.systemIdentity!.principalID
        #expect(new != old)
        guard case .call(let call, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(call.status == 403)
        #expect(call.rule == "lifecycle-orphans")
    }

    @Test func deletingAUserAssignedIdentityTakesItFromEveryHolder() throws {
        let simulator = try SimFixtures.simulator("identities: [{name: id-a}]\ncompute: [{name: a, kind: vm, user-identities: [id-a]}, {name: b, kind: vm, user-identities: [id-a]}]")
        try SimFixtures.run(simulator, ["delete id-a"])
        #expect(simulator.world.compute.allSatisfy { $0.userIdentities.isEmpty })
    }

    @Test func undoRestoresTheWorld() throws {
        let simulator = try SimFixtures.simulator("compute: []")
        let before = simulator.world
        try SimFixtures.run(simulator, ["create vm web --system-identity"])
        #expect(simulator.world != before)
        #expect(simulator.undo())
        #expect(simulator.world == before)
        #expect(!simulator.undo())
    }

    @Test func feedbackFlagsMistakesAsTheyHappen() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: fn, kind: function-app, system-identity: true}]\ntargets: [{name: st, kind: storage}]")
        let replies = try SimFixtures.run(simulator, ["grant Owner to fn on subscription", "grant Storage Blob Data Reader to fn on st",
                                                     "setting fn STORAGE_KEY=abc123", "setting fn STORAGE_URL=https://st.blob.core.windows.net"])
        #expect(replies[0].feedback.contains { $0.kind == .mistake && $0.rule == "least-privilege" })
        #expect(replies[1].feedback.contains { $0.kind == .goodPractice && $0.rule == "narrowest-scope" })
        #expect(replies[2].feedback.contains { $0.kind == .mistake && $0.rule == "no-stored-secrets" })
        #expect(!replies[3].feedback.contains { $0.kind == .mistake })
    }

    @Test func keyVaultAccessPolicyVaultIgnoresDataRoles() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: fn, kind: function-app, system-identity: true}]\ntargets: [{name: kv, kind: key-vault, permission-model: access-policy}]")
        try SimFixtures.run(simulator, ["grant Key Vault Secrets User to fn on kv", "token fn kv", "call kv"])
        guard case .call(let denied, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(denied.status == 403)
        #expect(denied.rule == "keyvault-permission-model")
        try SimFixtures.run(simulator, ["policy kv fn get,list", "call kv"])
        guard case .call(let allowed, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(allowed.status == 200)
    }

    @Test func sqlNeedsAContainedUserNotAnAzureRole() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: api, kind: app-service, system-identity: true}]\ntargets: [{name: orders, kind: sql}]")
        try SimFixtures.run(simulator, ["grant Contributor to api on orders", "token api orders", "call orders"])
        guard case .call(let denied, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(denied.status == 403)
        try SimFixtures.run(simulator, ["sql-user orders api db_datareader", "call orders"])
        guard case .call(let allowed, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(allowed.status == 200)
    }

    @Test func expiredTokensAndWrongAudiencesGet401() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: vm, kind: vm, system-identity: true}]\ntargets: [{name: st, kind: storage}, {name: kv, kind: key-vault}]")
        try SimFixtures.run(simulator, ["grant Storage Blob Data Reader to vm on st", "token vm st", "wait 65m", "call st"])
        guard case .call(let expired, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(expired.status == 401)
        try SimFixtures.run(simulator, ["token vm st", "call kv"])
        guard case .call(let wrong, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(wrong.status == 401)
        #expect(wrong.rule == "audience-matches-target")
    }

    @Test func onPremisesCodeReachesNoEndpointAndAppServiceHasNoIMDS() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: server, kind: on-prem-server}, {name: web, kind: app-service, system-identity: true}]")
        let replies = try SimFixtures.run(simulator, ["token server https://vault.azure.net",
            "http web GET 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net' -H 'Metadata: true'"])
        guard case .token(_, _, let onPrem, _)? = replies[0].run, case .token(_, _, let appService, _)? = replies[1].run else { Issue.record("no runs"); return }
        #expect(onPrem.response.status == 0)
        #expect(onPrem.problem?.rule == "no-on-premises-identity")
        #expect(appService.response.status == 0)
    }

    @Test func codeCallingEntraIDDirectlyIsTheClassicMistake() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: vm, kind: vm, system-identity: true}]")
        let reply = try SimFixtures.run(simulator, ["http vm POST https://login.microsoftonline.com/common/oauth2/v2.0/token"])[0]
        #expect(reply.feedback.contains { $0.rule == "imds-intermediary" && $0.kind == .mistake })
    }

    @Test func theSDKAnswersFromItsOwnCacheWhileTheTokenIsValid() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: vm, kind: vm, system-identity: true}]\ntargets: [{name: st, kind: storage}]")
        try SimFixtures.run(simulator, ["token vm st"])
        let again = try SimFixtures.run(simulator, ["token vm st"])[0]
        #expect(again.run == nil)
        #expect(simulator.runs.count == 1)
    }

    @Test func heldTokensBelongToOneIdentity() throws {
        let simulator = try SimFixtures.simulator("identities: [{name: uid}]\ncompute: [{name: web, kind: app-service, system-identity: true, user-identities: [uid]}]\ntargets: [{name: kv, kind: key-vault}]")
        try SimFixtures.run(simulator, ["grant Key Vault Secrets User to uid on kv", "token web kv --identity uid", "token web kv", "call kv --from web"])
        guard case .call(let call, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(call.status == 403, "the default (system-assigned) identity asked second must not reuse uid's token")
    }

    @Test func aRecreatedAppHoldsNoOldToken() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: web, kind: vm, system-identity: true}]\ntargets: [{name: kv, kind: key-vault}]")
        try SimFixtures.run(simulator, ["grant Key Vault Secrets User to web on kv", "token web kv", "delete web", "create vm web --system-identity"])
        #expect(throws: SimError.self) { try SimFixtures.run(simulator, ["call kv --from web"]) }
        try SimFixtures.run(simulator, ["token web kv", "call kv --from web"])
        guard case .call(let call, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(call.status == 403)
        #expect(call.rule == "lifecycle-orphans")
    }

    @Test func appServiceTokensExpireWhenTheyReallyDo() throws {
        let simulator = try SimFixtures.simulator("compute: [{name: app, kind: app-service, system-identity: true}]\ntargets: [{name: kv, kind: key-vault}]")
        let url = "http://127.0.0.1:41741/msi/token?api-version=2019-08-01&resource=https://vault.azure.net"
        try SimFixtures.run(simulator, ["grant Key Vault Secrets User to app on kv", "http app GET '\(url)' -H 'X-IDENTITY-HEADER: lab-identity-header'",
                                        "wait 50m", "http app GET '\(url)' -H 'X-IDENTITY-HEADER: lab-identity-header'", "wait 20m", "call kv"])
        guard case .call(let call, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(call.status == 401, "the cached token was issued 70 minutes ago")
        try SimFixtures.run(simulator, ["token app kv", "call kv"])
        guard case .call(let again, _)? = simulator.runs.last else { Issue.record("no call"); return }
        #expect(again.status == 200, "the SDK must not hand out the expired token from its cache")
    }

    @Test func absurdDurationsAndReservedNamesAreRefused() throws {
        for text in ["inf", "1e300", "-5m", "nan", "400d"] { #expect(SimCommand.parseDuration(text) == nil, "\(text)") }
        #expect(SimCommand.parseDuration("90s") == 90)
        try refused("compute: []", "create storage sub", mentions: ["reserved"])
    }

    @Test func aRunGoalCountsOnlyCallsMadeAsTheGoalsIdentity() throws {
        let world = "identities: [{name: uid}]\ncompute: [{name: web, kind: vm, system-identity: true, user-identities: [uid]}]\ntargets: [{name: kv, kind: key-vault}]"
        let simulator = try SimFixtures.simulator(world)
        try SimFixtures.run(simulator, ["grant Key Vault Secrets User to uid on kv", "grant Key Vault Secrets User to web on kv", "token web kv --identity uid", "call kv"])
        let goal = Goal(calls: [.init(from: "web", target: "kv", operation: .read, mustRun: true)])
        let report = SimGrader(rulebook: try SimFixtures.rulebook).grade(GradingContext(world: simulator.world, runs: simulator.runs, goal: goal))
        #expect(report.goals.first?.met == false, "the goal's code uses the system-assigned identity; the call was made as uid")
    }
}

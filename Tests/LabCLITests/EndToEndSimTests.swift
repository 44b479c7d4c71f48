import Foundation
import LabTestSupport
import Testing

/// `lab sim` through the built binary: a piped session, grading a saved world for scripts, refusals, bad files.
@Suite(.serialized) struct EndToEndSimTests {
    func env(_ home: URL) -> [String: String] {
        ["LAB_HOME": home.path, "LAB_CONTENT": LabBinary.repositoryRoot.path, "NO_COLOR": "1"]
    }

    static let session = """
    create function-app fn-orders --system-identity
    create key-vault kv-orders
    grant Contributor to fn-orders on kv-orders
    token fn-orders kv-orders
    call kv-orders
    grant Key Vault Secrets User to fn-orders on kv-orders
    revoke Contributor from fn-orders on kv-orders
    call kv-orders
    flow
    save WORLD
    grade --json
    """

    @Test func aPipedSessionBuildsRunsAndGrades() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let world = home.appendingPathComponent("world.yaml").path
        let result = try LabBinary.run(["sim", "--width", "100"], stdin: Self.session.replacingOccurrences(of: "WORLD", with: world), environment: env(home))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Common mistake: 'Contributor' is a privileged control-plane role"))
        #expect(result.stdout.contains("FAIL HTTP 403 Forbidden"))
        #expect(result.stdout.contains("PASS HTTP 200 OK"))
        #expect(result.stdout.contains("IDENTITY_ENDPOINT"))
        #expect(result.stdout.contains("\"solved\" : true"))
        #expect(FileManager.default.fileExists(atPath: world))

        // The saved world grades the same way without a prompt, for instructors' scripts.
        let graded = try LabBinary.run(["sim", "grade", world, "--json"], environment: env(home))
        #expect(graded.status == 0, "\(graded.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(graded.stdout.utf8)) as! [String: Any]
        #expect(json["solved"] as? Bool == true)
        #expect((json["rules"] as? [[String: Any]])?.count == 17)

        // The grade was recorded for progress.
        let progress = try LabBinary.run(["progress"], environment: env(home))
        #expect(progress.stdout.contains("free"))
    }

    @Test func gradingAFailingWorldExitsOneAndSaysWhy() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let world = home.appendingPathComponent("bad.yaml")
        try """
        compute:
          - name: web
            kind: app-service
            system-identity: true
        targets:
          - name: st
            kind: storage
        roles:
          - role: Owner
            principal: web
            scope: subscription
        """.write(to: world, atomically: true, encoding: .utf8)
        let result = try LabBinary.run(["sim", "grade", world.path], environment: env(home))
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL least-privilege"))
        #expect(result.stdout.contains("Read: open roles-and-scopes"))
    }

    @Test func aMalformedWorldFileNamesTheLineAndExitsTwo() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let world = home.appendingPathComponent("broken.yaml")
        try "compute:\n  - name: web\n    kind: mainframe\n".write(to: world, atomically: true, encoding: .utf8)
        let result = try LabBinary.run(["sim", "grade", world.path], environment: env(home))
        #expect(result.status == 2)
        #expect(result.stderr.contains("broken.yaml:3: unknown compute kind 'mainframe'"))
    }

    @Test func refusalsAreReportedAndTheSessionGoesOn() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let input = "create on-prem-server dc01\nenable system-identity dc01\ncreat vm x\nshow\n"
        let result = try LabBinary.run(["sim"], stdin: input, environment: env(home))
        #expect(result.status == 1)
        #expect(result.stderr.contains("refused: dc01 is an on-premises server"))
        #expect(result.stderr.contains("did you mean 'create'?"))
        #expect(result.stdout.contains("dc01  on-premises server"))
    }

    @Test func rulesAndHelpListEverything() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let rules = try LabBinary.run(["sim", "rules", "uami-limit"], environment: env(home))
        #expect(rules.stdout.contains("Exam: 20 user-assigned identities per resource"))
        #expect(rules.stdout.contains("Platform:"))
        let help = try LabBinary.run(["sim"], stdin: "help\n", environment: env(home))
        for word in ["create", "grant", "token", "http", "call", "flow", "grade", "undo", "save", "load", "inspect"] {
            #expect(help.stdout.contains(word), "help should mention \(word)")
        }
        let top = try LabBinary.run(["--help"], environment: env(home))
        #expect(top.stdout.contains("sim"))
    }

    @Test func inspectWorksOnTheSimulatorsTokens() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try LabBinary.run(["sim"], stdin: "create vm vm1 --system-identity\ncreate storage st\ntoken vm1 st\ninspect\n", environment: env(home))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("xms_mirid"))
        #expect(result.stdout.contains("https://storage.azure.com/"))
    }
}

/// `lab imds` from the shell: env lines, refusing background mode outside the lab, bad options.
@Suite(.serialized) struct EndToEndImdsTests {
    func env(_ home: URL) -> [String: String] {
        ["LAB_HOME": home.path, "LAB_CONTENT": LabBinary.repositoryRoot.path, "NO_COLOR": "1"]
    }

    @Test func envPrintsLinesForShellsAndStartNeedsTheLab() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let lines = try LabBinary.run(["imds", "env"], environment: env(home))
        #expect(lines.stdout.contains("export AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:41741"))
        #expect(lines.stderr.contains("no emulator is running"))
        let appService = try LabBinary.run(["imds", "env", "--endpoint", "app-service", "--port", "5000"], environment: env(home))
        #expect(appService.stdout.contains("export IDENTITY_ENDPOINT=http://127.0.0.1:5000/msi/token"))
        #expect(appService.stdout.contains("export IDENTITY_HEADER=lab-identity-header"))
        let start = try LabBinary.run(["imds", "start", "--scenario", "fix-missing-header"], environment: env(home))
        #expect(start.status == 1)
        #expect(start.stderr.contains("lab imds serve"))
    }

    @Test func serveRefusesWhatItCannotServe() throws {
        let home = try LabBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let noWorld = try LabBinary.run(["imds", "serve"], environment: env(home))
        #expect(noWorld.status != 0)
        #expect(noWorld.stderr.contains("no world to serve"))
        let badFail = try LabBinary.run(["imds", "serve", "--scenario", "fix-missing-header", "--fail", "teapot"], environment: env(home))
        #expect(badFail.status != 0)
        #expect(badFail.stderr.contains("--fail"))
        for bad in [":", "", "410:x", "410:2:1"] {
            let odd = try LabBinary.run(["imds", "serve", "--scenario", "fix-missing-header", "--fail", bad], environment: env(home))
            #expect(odd.status == 1, "--fail '\(bad)' must be refused, not crash: \(odd.stderr)")
        }
        let forever = try LabBinary.run(["imds", "serve", "--scenario", "fix-missing-header", "--token-lifetime", "inf"], environment: env(home))
        #expect(forever.status == 1 && forever.stderr.contains("--token-lifetime"))
        let badAs = try LabBinary.run(["imds", "serve", "--scenario", "fix-missing-header", "--as", "nobody"], environment: env(home))
        #expect(badAs.status != 0)
    }
}

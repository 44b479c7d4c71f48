import Foundation
import LabKit
import LabSim
import LabTerminal
import LabTokens

/// The simulator's own prompt: world commands, runs, `show`, `flow`, `grade`, until `back` or end of input.
/// Ctrl-C abandons the line being typed; a refused command changes nothing and the session goes on.
final class SimulatorRunner {
    let session: LabSession
    let simulator: Simulator
    let rulebook: Rulebook
    let presenter: SimPresenter
    private(set) var failures = 0
    private var startWorld: World

    init(session: LabSession, scenario: Scenario?, world: World? = nil) throws {
        self.session = session
        self.rulebook = try session.rulebook()
        let start = world ?? scenario?.world ?? World(groups: ["rg-lab"])
        self.startWorld = start
        self.simulator = Simulator(world: start, scenario: scenario, key: try session.signingKey(), clock: SystemClock())
        self.presenter = SimPresenter(style: session.style, console: session.console)
        session.simulator = simulator
    }

    /// Requests the background emulator answered since the last command join the runs.
    private func collectEmulatorRuns() {
        if let host = session.emulatorHost { simulator.record(host.takeRuns()) }
    }

    /// The emulator serves the world as it is now; if its resource is gone, it stops rather than serve a ghost.
    private func syncEmulator() {
        guard let host = session.emulatorHost else { return }
        let served = host.emulator.status.compute
        do {
            try host.emulator.replaceWorld(simulator.world, computeName: served)
        } catch {
            session.stopEmulator()
            session.console.print("The IMDS emulator stopped: \(served), the resource it served, no longer exists. Start it again with 'imds start --as <resource>'.")
        }
    }

    var name: String { simulator.scenario?.id ?? "free" }

    /// Shows the brief, runs the setup, then reads commands; returns the exit status (1 if any command failed).
    func run() -> Int32 {
        let console = session.console
        if let scenario = simulator.scenario {
            console.print([console.paint("Scenario: \(scenario.title)", "1") + " (\(scenario.kind == .troubleshoot ? "troubleshooting" : "build"), about \(scenario.minutes) min; lesson: \(scenario.lesson))", ""])
            console.print(MarkdownRenderer(style: session.style).render(scenario.brief))
            console.print(goalLines())
            if !scenario.setup.isEmpty {
                console.print(["", console.paint("What happened so far:", "1")])
                for words in scenario.setup {
                    console.print("sim> " + words.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))
                    _ = execute(words)
                }
            }
        } else {
            console.print(["Free play: an empty subscription with resource group rg-lab. Build anything; 'help' lists the commands."])
        }
        console.print(["", "Type 'help' for simulator commands, 'show' for the world, 'grade' when done, 'back' to leave."])
        let reader = session.reader()
        let interactive = TerminalInfo.stdinIsTerminal
        loop: while true {
            let prompt = interactive ? console.paint("sim:\(name)", "1;35") + "> " : ""
            switch reader.readLine(prompt: prompt) {
            case .endOfInput: break loop
            case .interrupted: continue
            case .line(let line):
                let words: [String]
                do { words = try CommandLineTokenizer.split(line) } catch {
                    fail("a quote is not closed in that line")
                    continue
                }
                guard let first = words.first?.lowercased(), !first.hasPrefix("#") else { continue }
                if ["back", "exit", "quit", "done", "q"].contains(first) { break loop }
                _ = execute(words)
            }
        }
        return failures == 0 ? 0 : 1
    }

    private func fail(_ message: String) {
        failures += 1
        session.console.error(message)
    }

    /// Runs one simulator line; false if it was refused or malformed.
    @discardableResult
    func execute(_ words: [String]) -> Bool {
        let console = session.console
        collectEmulatorRuns()
        if words.first?.lowercased() == "inspect" {
            return inspect(Array(words.dropFirst()))
        }
        if words.first?.lowercased() == "imds" {
            // The emulator's commands work here too; it serves this simulator's world.
            if let error = REPL.runCommand(words, in: session) { fail(error); return false }
            return true
        }
        do {
            let command = try SimCommand.parse(words)
            if case .session(let word, let args) = command {
                let ok = try sessionCommand(word, args)
                if ["undo", "reset", "load"].contains(word) { syncEmulator() }
                return ok
            }
            let reply = try simulator.run(command)
            console.print(presenter.render(reply, world: simulator.world))
            if reply.changedWorld { syncEmulator() }
            return true
        } catch let error as SimError {
            if case .usage(let text) = error, text.hasPrefix("unknown simulator command") {
                let suggestion = Suggestion.nearest(to: words[0], in: SimCommand.verbs + ["inspect", "back"])
                fail(text + (suggestion.map { "; did you mean '\($0)'?" } ?? "; 'help' lists the commands"))
            } else {
                fail(error.localizedDescription)
            }
            return false
        } catch {
            fail(error.localizedDescription)
            return false
        }
    }

    private func sessionCommand(_ word: String, _ args: [String]) throws -> Bool {
        let console = session.console
        switch word {
        case "help":
            let width = SimCommand.usage.map(\.0.count).max() ?? 20
            var lines = ["Simulator commands:"]
            for (usage, what) in SimCommand.usage {
                if usage.count + 4 + 30 > session.style.width {
                    lines.append("  " + usage)
                    lines += TextWrapper(style: session.style).wrap([StyledRun(what)], width: session.style.width, firstPrefix: "      ", prefix: "      ")
                } else {
                    lines += TextWrapper(style: session.style).wrap([StyledRun(what)], width: session.style.width,
                                                                  firstPrefix: "  " + usage.rightPadded(to: min(width, 48)) + "  ", prefix: String(repeating: " ", count: min(width, 48) + 4))
                }
            }
            lines += ["  inspect [token]   explain the last token (or one you paste)",
                      "  imds start|status|stop   serve this world over real HTTP for curl and SDKs (see 'help imds' in the lab)",
                      "  back              leave the simulator (Ctrl-D too)"]
            console.print(lines)
        case "show":
            console.print(presenter.tree(simulator.world))
        case "flow":
            console.print(presenter.flow(FlowDiagram.make(simulator.lastFlow(), world: simulator.world)))
        case "runs":
            if simulator.runs.isEmpty { console.print("Nothing has run yet.") }
            for (i, run) in simulator.runs.enumerated() {
                switch run {
                case .token(let from, let mode, let e, _): console.print("\(i + 1). \(from): token (\(mode.rawValue)) for \(e.request.parameter("resource") ?? "?") → \(e.response.status == 0 ? "no answer" : String(e.response.status))")
                case .directToEntra(let from, let r, _): console.print("\(i + 1). \(from): \(r.method) \(r.host) → 401")
                case .call(let c, _): console.print("\(i + 1). \(c.caller ?? "?"): \(c.operation.rawValue) \(c.target) → \(c.status)")
                }
            }
        case "grade":
            let json = args.contains("--json")
            let report = SimGrader(rulebook: rulebook).grade(GradingContext(world: simulator.world, runs: simulator.runs, goal: simulator.scenario?.goal))
            if json { try console.printJSON(GradeJSON(report, scenario: simulator.scenario?.id)) }
            else { console.print(presenter.render(report, rulebook: rulebook, scenario: simulator.scenario?.id)) }
            do {
                try session.store().recordSimGrade(scenarioID: name, score: report.score, solved: report.solved, failedRules: report.failedRules.map(\.rule.id))
            } catch {
                console.error("the grade could not be saved: \(error.localizedDescription)")
            }
        case "goal", "brief":
            if word == "brief", let scenario = simulator.scenario { console.print(MarkdownRenderer(style: session.style).render(scenario.brief)) }
            console.print(goalLines())
        case "rules":
            if let id = args.first {
                if id == "roles" {
                    console.print(["Roles the simulator knows (data roles grant data actions; control-plane roles do not):"]
                        + RoleCatalog.roles.map { "  - \($0.name) (\($0.plane.rawValue) plane\($0.system == .cosmos ? ", Cosmos DB RBAC" : "")): \($0.summary)" }
                        + ["  - db_datareader, db_datawriter, db_owner: Azure SQL database roles (sql-user)"])
                    return true
                }
                guard let rule = rulebook.rule(id) else {
                    throw SimError.usage("no rule '\(id)'" + (Suggestion.nearest(to: id, in: rulebook.rules.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""))
                }
                console.print(presenter.rule(rule))
            } else {
                console.print(["The rulebook ('rules <id>' for one, 'rules roles' for the roles):"] + rulebook.rules.map { "  \($0.id.rightPadded(to: 36)) \($0.title)" })
            }
        case "undo":
            console.print(simulator.undo() ? "Undone: the world is as it was before the last change." : "Nothing to undo.")
        case "reset":
            simulator.reset(to: startWorld)
            console.print("Back to the starting world; runs cleared.")
        case "save":
            guard let path = args.first else { throw SimError.usage("usage: save <file.yaml>") }
            do {
                try WorldFile.encode(simulator.world).write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw SimError.usage("cannot save to \(path): \(error.localizedDescription)")
            }
            console.print("Saved the world to \(path). Grade it any time: lab sim grade \(path)\(simulator.scenario.map { " --scenario \($0.id)" } ?? "")")
        case "load":
            guard let path = args.first else { throw SimError.usage("usage: load <file.yaml>") }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw SimError.usage("cannot read \(path)") }
            let world = try WorldFile.decode(text, file: path)
            simulator.reset(to: world)
            console.print("Loaded \(path): \(world.compute.count) compute resource(s), \(world.identities.count) identit\(world.identities.count == 1 ? "y" : "ies"), \(world.targets.count) target(s).")
        default:
            throw SimError.usage("unknown simulator command '\(word)'")
        }
        return true
    }

    private func goalLines() -> [String] {
        guard let scenario = simulator.scenario else { return ["Free play has no goal; 'grade' checks the rules against whatever you build."] }
        var lines = [session.console.paint("Goal:", "1")]
        for call in scenario.goal.calls {
            var text = "\(call.from) can \(simulator.world.target(call.target).map { $0.kind.operationName(call.operation) } ?? call.operation.rawValue) in \(call.target)"
            if let identity = call.identity { text += " using the user-assigned identity \(identity)" }
            if call.mustRun { text += ", shown by a successful call" }
            lines.append("  - " + text)
        }
        if !scenario.goal.rules.isEmpty { lines.append("  - and these rules pass: " + scenario.goal.rules.joined(separator: ", ")) }
        return lines
    }

    private func inspect(_ args: [String]) -> Bool {
        var token = args.first
        if token == nil {
            for run in simulator.runs.reversed() {
                if case .token(_, _, let e, _) = run, let t = e.token { token = t; break }
            }
        }
        guard let token else { fail("no token yet: request one with 'token <resource> <target>'"); return false }
        do {
            let (report, decoded) = try TokenInspector(now: simulator.now).inspectToken(token)
            var report2 = report
            let verdict = simulator.jwks.verify(decoded)
            report2.signature.verified = verdict.passed
            report2.signature.note = verdict.explanation + " (keys from the lab's own key)"
            session.console.print(TokenPresenter(style: session.style, console: session.console).render(report2))
            return true
        } catch {
            fail(error.localizedDescription)
            return false
        }
    }
}

/// `grade --json`: what instructors' scripts read.
struct GradeJSON: Encodable {
    struct Rule: Encodable { var id: String; var status: String; var detail: String; var lesson: String; var required: Bool }
    struct GoalItem: Encodable { var goal: String; var met: Bool; var detail: String }
    var scenario: String?
    var score: Int
    var solved: Bool
    var goals: [GoalItem]
    var rules: [Rule]

    init(_ report: GradeReport, scenario: String?) {
        self.scenario = scenario
        score = report.score
        solved = report.solved
        goals = report.goals.map { GoalItem(goal: $0.goal, met: $0.met, detail: $0.detail) }
        rules = report.rules.map { Rule(id: $0.rule.id, status: $0.outcome.status, detail: $0.outcome.detail, lesson: $0.rule.lesson, required: report.requiredRules.contains($0.rule.id)) }
    }
}

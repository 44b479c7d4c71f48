import Foundation
import LabContent
import LabKit
import LabSim
import LabTerminal
import LabTokens

/// Turns simulator values into lines: replies, HTTP exchanges, calls, the world tree, the flow, the grade.
/// Verdicts are words (PASS, FAIL, "common mistake"), so nothing depends on colour.
struct SimPresenter {
    let style: OutputStyle
    let console: Console

    private func bold(_ s: String) -> String { console.paint(s, "1") }
    private func dim(_ s: String) -> String { console.paint(s, "2") }
    private func wrap(_ text: String, first: String, rest: String) -> [String] {
        TextWrapper(style: style).wrap([StyledRun(text)], width: style.width, firstPrefix: first, prefix: rest)
    }

    func render(_ reply: Simulator.Reply, world: World) -> [String] {
        var lines: [String] = []
        for message in reply.messages { lines += wrap(message, first: "", rest: "  ") }
        switch reply.run {
        case .token(_, let mode, let exchange, _)?: lines += render(exchange, mode: mode)
        case .call(let call, _)?: lines += render(call, world: world)
        default: break
        }
        lines += render(reply.feedback)
        return lines
    }

    func render(_ feedback: [Feedback]) -> [String] {
        var lines: [String] = []
        for item in feedback {
            let label: String
            switch item.kind {
            case .goodPractice: label = console.paint("Good practice:", "32")
            case .mistake: label = console.paint("Common mistake:", "1;33")
            case .note: label = dim("Note:")
            }
            let rule = item.rule.map { " [\($0)]" } ?? ""
            lines += wrap("\(item.text)\(rule)", first: "  \(label) ", rest: "    ")
        }
        return lines
    }

    func render(_ exchange: TokenService.Exchange, mode: SimRun.Mode) -> [String] {
        var lines = [dim(mode == .sdk ? "  The SDK sends:" : "  Request:")]
        lines += exchange.request.displayLines.map { "    " + $0 }
        let response = exchange.response
        if response.status == 0 {
            lines.append("  " + bold("No answer") + ": " + (response.note ?? "the host cannot be reached"))
            return lines
        }
        let verdict = response.status == 200 ? "PASS" : "FAIL"
        lines.append("  \(verdict) HTTP \(response.status) \(response.reasonPhrase)\(exchange.fromCache ? " (IMDS cache: same token, less time left)" : "")")
        var shown = response.fields
        if let index = shown.firstIndex(where: { $0.name == "access_token" }) {
            let token = shown[index].value
            shown[index].value = String(token.prefix(24)) + "…(\(token.count) characters; 'inspect' shows it)"
        }
        lines += ["    {"] + shown.enumerated().map { i, field in
            "      \(SimHTTPResponseText.quote(field.name)): \(SimHTTPResponseText.quote(field.value))\(i < shown.count - 1 ? "," : "")"
        } + ["    }"]
        if exchange.labWording {
            lines.append(dim("    (this error_description is the lab's wording: the real text is not documented)"))
        }
        return lines
    }

    func render(_ call: TargetCall, world: World) -> [String] {
        let what = world.target(call.target).map { $0.kind.operationName(call.operation) } ?? call.operation.rawValue
        var lines = ["  \(call.caller ?? "app") → \(call.target): \(what)"]
        // Token checks that passed fit on one line; what failed, and the authorization decision, are spelled out.
        let quiet = call.steps.filter { $0.passed == true && $0.name != "authorization" }
        if !quiet.isEmpty {
            lines += wrap("validated locally: " + quiet.map(\.name).joined(separator: ", ") + " (signature from the issuer's published keys; no call to Entra ID)",
                          first: "    ok   ", rest: "         ")
        }
        for step in call.steps where !(step.passed == true && step.name != "authorization") {
            let mark = step.passed == true ? "ok  " : step.passed == false ? "FAIL" : "?   "
            lines += wrap(step.detail, first: "    \(mark) \(step.name.rightPadded(to: 13)) ", rest: String(repeating: " ", count: 23))
        }
        let verdict = call.succeeded ? "PASS" : "FAIL"
        lines.append("  \(verdict) HTTP \(call.status) \(call.status == 200 ? "OK" : call.status == 401 ? "Unauthorized" : "Forbidden")")
        return lines
    }

    /// The world as a tree (or as nested lists in plain mode).
    func tree(_ world: World) -> [String] {
        let plain = style.plain || !style.unicode
        let branch = plain ? "- " : "├─ ", last = plain ? "- " : "└─ ", pipe = plain ? "  " : "│  ", space = "   "
        var lines = [bold("Subscription \(World.subscriptionID)") + " (tenant \(LabIssuer.tenantID))"]
        for (gi, group) in world.groups.enumerated() {
            let lastGroup = gi == world.groups.count - 1
            lines.append((lastGroup ? last : branch) + bold("resource group " + group))
            let indent = plain ? "  " : (lastGroup ? space : pipe)
            var items: [(String, [String])] = []
            for c in world.compute where c.group == group {
                var children: [String] = []
                if let s = c.systemIdentity { children.append("system-assigned identity: principal \(s.principalID)") }
                else if c.kind != .onPremServer { children.append("system-assigned identity: off") }
                for name in c.userIdentities { children.append("user-assigned identity: \(name)") }
                for (k, v) in c.settings.sorted(by: { $0.key < $1.key }) { children.append("setting \(k) = \(v.count > 40 ? String(v.prefix(37)) + "..." : v)") }
                items.append(("\(c.name)  \(dim(c.kind.displayName))", children))
            }
            for i in world.identities where i.group == group {
                let holders = world.compute.filter { $0.userIdentities.contains(i.name) }.map(\.name)
                items.append(("\(i.name)  \(dim("user-assigned identity"))", ["client id \(i.principal.clientID)", "principal \(i.principal.principalID)",
                                                                               "held by: " + (holders.isEmpty ? "nobody" : holders.joined(separator: ", "))]))
            }
            for t in world.targets where t.group == group {
                var detail = t.kind.displayName
                if let m = t.permissionModel { detail += m == .rbac ? ", Azure RBAC" : ", access policies" }
                if let d = t.database, let c = t.container { detail += ", /dbs/\(d)/colls/\(c)" }
                items.append(("\(t.name)  \(dim(detail))", ["audience \(t.kind.audience)"]))
            }
            if items.isEmpty { lines.append(indent + last + dim("(empty)")) }
            for (ii, item) in items.enumerated() {
                let lastItem = ii == items.count - 1
                lines.append(indent + (lastItem ? last : branch) + item.0)
                let childIndent = indent + (plain ? "  " : (lastItem ? space : pipe))
                for (ci, child) in item.1.enumerated() {
                    lines.append(childIndent + (ci == item.1.count - 1 ? last : branch) + child)
                }
            }
        }
        lines.append(bold("Role assignments") + (world.roleAssignments.isEmpty ? ": none" : ""))
        for a in world.roleAssignments {
            let who = world.principal(id: a.principalID)?.description ?? "ORPHANED: the deleted \(a.principalName) (principal \(a.principalID))"
            lines += wrap("'\(a.role)' to \(who) at \(a.scope.text)", first: "  - ", rest: "    ")
        }
        if !world.accessPolicies.isEmpty {
            lines.append(bold("Key Vault access policies"))
            for p in world.accessPolicies {
                let who = world.principal(id: p.principalID)?.description ?? "ORPHANED: the deleted \(p.principalName)"
                lines.append("  - \(p.vault): \(who) may \(p.secretPermissions.joined(separator: ", ")) secrets")
            }
        }
        if !world.sqlUsers.isEmpty {
            lines.append(bold("SQL database users"))
            for u in world.sqlUsers { lines.append("  - \(u.database): [\(u.principalName)] in \(u.roles.joined(separator: ", "))") }
        }
        return lines
    }

    func flow(_ diagram: SequenceDiagram?) -> [String] {
        guard let diagram else { return ["Nothing has run yet: request a token (token <resource> <target>) and call a target first."] }
        let renderer = SequenceDiagramRenderer(width: style.width, unicode: style.unicode && !style.plain)
        if !style.plain, let picture = renderer.render(diagram) { return picture }
        return renderer.steps(diagram)
    }

    func render(_ report: GradeReport, rulebook: Rulebook, scenario: String?) -> [String] {
        var lines = [bold("Grade\(scenario.map { " for \($0)" } ?? ""): \(report.score)%") + " — " + (report.solved ? "solved" : "not solved yet")]
        if !report.goals.isEmpty {
            lines.append(bold("Goal"))
            for goal in report.goals {
                lines += wrap("\(goal.goal): \(goal.detail)", first: "  \(goal.met ? "PASS" : "FAIL") ", rest: "       ")
            }
        }
        lines.append(bold("Rules"))
        var notApplicable: [String] = []
        for result in report.rules {
            let mark: String
            let required = report.requiredRules.contains(result.rule.id) ? " (required)" : ""
            switch result.outcome {
            case .passed: mark = "PASS"
            case .failed: mark = "FAIL"
            case .notApplicable:
                // Required rules that never came into play are failures of the lab; the others are listed together.
                guard !required.isEmpty else { notApplicable.append(result.rule.id); continue }
                mark = "TODO"
            }
            lines += wrap("\(result.rule.id)\(required): \(result.outcome.detail)", first: "  \(mark) ", rest: "       ")
            if case .failed = result.outcome {
                if let exam = result.rule.exam { lines += wrap("Exam: \(exam)", first: "       ", rest: "       ") }
                if let platform = result.rule.platform { lines += wrap("Platform: \(platform)", first: "       ", rest: "       ") }
                lines.append("       Read: open \(result.rule.lesson)")
            }
        }
        if !notApplicable.isEmpty {
            lines += wrap("Not in play yet (nothing in this world or its runs touches them): " + notApplicable.joined(separator: ", "), first: "  ", rest: "    ")
        }
        return lines
    }

    func rule(_ rule: Rulebook.Rule) -> [String] {
        var lines = [bold("\(rule.id): \(rule.title)")]
        lines += wrap(rule.statement, first: "  ", rest: "  ")
        if let exam = rule.exam { lines += wrap("Exam: \(exam)", first: "  ", rest: "    ") }
        if let platform = rule.platform { lines += wrap("Platform: \(platform)", first: "  ", rest: "    ") }
        lines.append("  Source: \(rule.source)")
        lines.append("  Lesson: open \(rule.lesson)")
        return lines
    }
}

/// JSON string quoting for displayed response bodies.
enum SimHTTPResponseText {
    static func quote(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }
}

import Foundation
import LabContent

/// The last run as a sequence diagram (app, local endpoint, Microsoft Entra ID, target), each step marked
/// PASS or FAIL with why: words, not colour, carry the verdict.
public enum FlowDiagram {
    public static func make(_ runs: [SimRun], world: World) -> SequenceDiagram? {
        guard let first = runs.first else { return nil }
        var diagram = SequenceDiagram(autonumber: true)
        let app = first.caller ?? "app"
        let kind = world.computeResource(app)?.kind
        diagram.participants.append(.init(id: "app", label: "\(app) (\(kind?.displayName ?? "app") code)"))
        var steps: [SequenceDiagram.Step] = []
        var usedEndpoint = false, usedEntra = false, targets: [String] = []

        for run in runs {
            switch run {
            case .directToEntra(_, let request, _):
                usedEntra = true
                steps.append(.message(from: "app", to: "entra", text: "\(request.method) \(request.host)\(request.path) (no local endpoint)", style: .solid))
                steps.append(.message(from: "entra", to: "app", text: "FAIL 401 invalid_client: the app has no secret to present", style: .dotted))
                steps.append(.note(placement: .over, participants: ["app", "entra"], text: "Rule imds-intermediary: ask the local endpoint, which asks Entra ID for you"))
            case .token(_, let mode, let exchange, _):
                usedEndpoint = true
                let resource = exchange.request.parameter("resource") ?? "(no resource)"
                let via = mode == .sdk ? "ManagedIdentityCredential: " : ""
                steps.append(.message(from: "app", to: "endpoint", text: "\(via)GET token, resource=\(resource)\(headerSummary(exchange))", style: .solid))
                if exchange.response.status == 0 {
                    steps.append(.note(placement: .over, participants: ["app", "endpoint"], text: "FAIL no answer: \(exchange.response.note ?? "unreachable")"))
                    continue
                }
                if exchange.fromCache {
                    steps.append(.note(placement: .over, participants: ["endpoint"], text: "cache hit: same token, less time left"))
                } else if exchange.reachedEntra {
                    usedEntra = true
                    let who = exchange.identity?.description ?? "the identity"
                    steps.append(.message(from: "endpoint", to: "entra", text: "token for \(resource) as \(who)", style: .solid))
                    if exchange.response.status == 200 {
                        steps.append(.message(from: "entra", to: "endpoint", text: "PASS signed access token (1 h)", style: .dotted))
                    } else {
                        steps.append(.message(from: "entra", to: "endpoint", text: "FAIL \(exchange.response.errorCode ?? "error"): unknown resource", style: .dotted))
                    }
                }
                if exchange.response.status == 200 {
                    let expiry = exchange.response.field("expires_in").map { "expires_in \($0)" } ?? "expires_on \(exchange.response.field("expires_on") ?? "")"
                    steps.append(.message(from: "endpoint", to: "app", text: "PASS 200 access_token, \(expiry)", style: .dotted))
                } else {
                    let why = exchange.problem?.why ?? exchange.response.errorText ?? ""
                    steps.append(.message(from: "endpoint", to: "app", text: "FAIL \(exchange.response.status) \(exchange.response.field("error") ?? ""): \(why)", style: .dotted))
                }
            case .call(let call, _):
                let id = "target-\(call.target)"
                if !targets.contains(id) { targets.append(id) }
                let what = world.target(call.target).map { $0.kind.operationName(call.operation) } ?? call.operation.rawValue
                steps.append(.message(from: "app", to: id, text: "\(what), Authorization: Bearer <token>", style: .solid))
                let checks = call.steps.map { "\($0.name) \($0.passed == false ? "FAIL" : "ok")" }.joined(separator: ", ")
                steps.append(.note(placement: .over, participants: [id], text: "validates locally: \(checks)"))
                let verdict = call.succeeded ? "PASS 200" : "FAIL \(call.status)"
                steps.append(.message(from: id, to: "app", text: "\(verdict): \(call.reason)", style: .dotted))
            }
        }
        if usedEndpoint {
            let endpointLabel = kind?.endpoint == .appService ? "IDENTITY_ENDPOINT (App Service)" : "IMDS 169.254.169.254"
            diagram.participants.append(.init(id: "endpoint", label: endpointLabel))
        }
        if usedEntra { diagram.participants.append(.init(id: "entra", label: "Microsoft Entra ID")) }
        for id in targets {
            let name = String(id.dropFirst("target-".count))
            let kindName = world.target(name)?.kind.displayName ?? "target"
            diagram.participants.append(.init(id: id, label: "\(name) (\(kindName))"))
        }
        diagram.steps = steps
        return diagram
    }

    static func headerSummary(_ exchange: TokenService.Exchange) -> String {
        var parts: [String] = []
        if let selector = ["client_id", "object_id", "msi_res_id", "mi_res_id", "principal_id"].first(where: { exchange.request.parameter($0) != nil }) {
            parts.append(selector + "=…")
        }
        switch exchange.endpoint {
        case .imds: parts.append(exchange.request.header("Metadata").map { "Metadata: \($0)" } ?? "no Metadata header")
        case .appService: parts.append(exchange.request.header("X-IDENTITY-HEADER") != nil ? "X-IDENTITY-HEADER" : "no X-IDENTITY-HEADER")
        }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }
}

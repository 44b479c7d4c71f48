/// One rule of the rulebook as code: reads the world and the runs, says passed, failed or not applicable.
public protocol RuleCheck: Sendable {
    var id: String { get }
    func evaluate(_ context: GradingContext) -> RuleOutcome
}

public enum RuleOutcome: Sendable, Equatable {
    case passed(String)
    case failed(String)
    case notApplicable(String)

    public var detail: String {
        switch self { case .passed(let d), .failed(let d), .notApplicable(let d): return d }
    }

    public var status: String {
        switch self { case .passed: return "passed"; case .failed: return "failed"; case .notApplicable: return "not applicable" }
    }
}

/// What the grader looks at: the world, what the learner ran, and the scenario's goal.
public struct GradingContext: Sendable {
    public var world: World
    public var runs: [SimRun]
    public var goal: Goal?

    public init(world: World, runs: [SimRun] = [], goal: Goal? = nil) {
        self.world = world
        self.runs = runs
        self.goal = goal
    }

    public var tokenRuns: [(from: String, mode: SimRun.Mode, exchange: TokenService.Exchange)] {
        runs.compactMap { if case .token(let f, let m, let e, _) = $0 { return (f, m, e) }; return nil }
    }

    public var calls: [TargetCall] {
        runs.compactMap { if case .call(let c, _) = $0 { return c }; return nil }
    }

    /// The operations each principal needs on each target: from the goal, else from the calls made.
    public var needs: [(principalID: String, target: String, operations: Set<DataOperation>)] {
        var result: [String: Set<DataOperation>] = [:]
        func add(_ principal: String, _ target: String, _ op: DataOperation) { result[principal + "|" + target, default: []].insert(op) }
        for call in goal?.calls ?? [] {
            if let chosen = Goal.principal(for: call, in: world) { add(chosen.ids.principalID, call.target, call.operation) }
        }
        if goal == nil { for call in calls { if let p = call.principalID { add(p, call.target, call.operation) } } }
        return result.map { key, ops in
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            return (parts[0], parts[1], ops)
        }
    }
}

/// The grade: every rule's outcome with why and where to read, the goals, and a score.
public struct GradeReport: Sendable, Equatable {
    public struct RuleResult: Sendable, Equatable {
        public var rule: Rulebook.Rule
        public var outcome: RuleOutcome
    }

    public struct GoalResult: Sendable, Equatable {
        public var goal: String
        public var met: Bool
        public var detail: String
    }

    public var rules: [RuleResult]
    public var goals: [GoalResult]
    /// Rules the scenario says must be applicable and pass.
    public var requiredRules: Set<String>

    public var passedRules: [RuleResult] { rules.filter { if case .passed = $0.outcome { return true }; return false } }
    public var failedRules: [RuleResult] { rules.filter { if case .failed = $0.outcome { return true }; return false } }

    /// Required rules that did not pass (failed, or never exercised).
    public var missingRequired: [RuleResult] {
        rules.filter { requiredRules.contains($0.rule.id) && !{ if case .passed = $0.outcome { return true }; return false }($0) }
    }

    /// Passed checks over applicable ones (rules and goals), in percent.
    public var score: Int {
        let passed = passedRules.count + goals.filter(\.met).count
        let total = passedRules.count + failedRules.count + goals.count + missingRequired.filter { if case .notApplicable = $0.outcome { return true }; return false }.count
        return total == 0 ? 100 : Int((Double(passed) * 100 / Double(total)).rounded())
    }

    /// Solved: every goal met, no rule failed, every required rule passed.
    public var solved: Bool { goals.allSatisfy(\.met) && failedRules.isEmpty && missingRequired.isEmpty }
}

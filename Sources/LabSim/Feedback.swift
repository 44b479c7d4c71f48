/// What the simulator says about a step as the learner takes it: good practice, a common mistake, or a note.
public struct Feedback: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case goodPractice = "good practice"
        case mistake = "common mistake"
        case note
    }

    public var kind: Kind
    public var text: String
    /// The rulebook rule behind it, so the learner can read more with `rules <id>`.
    public var rule: String?

    public init(_ kind: Kind, _ text: String, rule: String? = nil) {
        self.kind = kind
        self.text = text
        self.rule = rule
    }
}

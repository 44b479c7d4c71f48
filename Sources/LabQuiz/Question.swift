import LabContent

/// One quiz question as written in a bank: what it asks, its answers, and why.
public struct Question: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case single, multiple, trueFalse = "true-false", order, short
    }

    /// A choice (single, multiple, true-false) or a step (order).
    public struct Option: Sendable, Equatable {
        public var text: [MarkdownInline]
        public var isCorrect: Bool
        /// Why picking this option is wrong (or right): shown when it is picked.
        public var rationale: [MarkdownBlock]
        public var line: Int
        public var plainText: String { text.plainText }
    }

    public var id: String
    public var title: String
    public var objective: String
    public var lesson: String
    public var kind: Kind
    /// `exam` or `platform` where the two differ.
    public var asks: String?
    public var caseStudy: String?
    public var stem: [MarkdownBlock]
    /// Choices, or for `order` the steps in the right order.
    public var options: [Option]
    /// Accepted answers of a short-answer question.
    public var accepted: [String]
    public var hint: String?
    public var explanation: [MarkdownBlock]
    public var file: String
    public var line: Int

    public var correctIndices: Set<Int> { Set(options.indices.filter { options[$0].isCorrect }) }
}

/// Shared text shown above the questions of a case study.
public struct CaseStudy: Sendable, Equatable {
    public var id: String
    public var title: String
    public var body: [MarkdownBlock]
}

import Foundation

/// How output should look on this terminal: colour, plain (screen-reader) mode, width and hyperlinks.
public struct OutputStyle: Sendable, Equatable {
    /// ANSI colour and emphasis codes allowed (off with `NO_COLOR`, `--plain` or a non-terminal).
    public var colour: Bool
    /// Screen-reader mode: no box drawing, diagrams as numbered steps, tables as lists, URLs spelled out.
    public var plain: Bool
    /// Columns available for text.
    public var width: Int
    /// OSC 8 hyperlinks understood by the terminal.
    public var hyperlinks: Bool
    /// Box-drawing and arrow characters allowed (off in plain mode and on `TERM=linux`/`dumb`).
    public var unicode: Bool

    public init(colour: Bool, plain: Bool, width: Int, hyperlinks: Bool = false, unicode: Bool = true) {
        self.colour = colour && !plain
        self.plain = plain
        self.width = max(20, width)
        self.hyperlinks = hyperlinks && !plain
        self.unicode = unicode && !plain
    }

    /// Decides the style from the environment the way learners expect: `NO_COLOR` wins, pipes get no colour.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment,
                              isTerminal: Bool, plain: Bool, width: Int?, terminalWidth: Int?) -> OutputStyle {
        let term = environment["TERM"] ?? ""
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = term.isEmpty || term == "dumb"
        let envPlain = environment["LAB_PLAIN"].map { !$0.isEmpty && $0 != "0" } ?? false
        let isPlain = plain || envPlain
        let colour = isTerminal && !noColour && !dumb
        let hyperlinks: Bool
        switch environment["LAB_HYPERLINKS"] {
        case "1"?: hyperlinks = true
        case "0"?: hyperlinks = false
        default: hyperlinks = colour && term != "linux" && environment["TMUX"] == nil
        }
        let ascii = term == "linux" || environment["LAB_ASCII"].map { !$0.isEmpty && $0 != "0" } ?? false
        // Reading is easier at a bounded measure, so very wide terminals still get at most 120 columns.
        let columns = width ?? terminalWidth.map { min($0, 120) } ?? Int(environment["COLUMNS"] ?? "") ?? 80
        return OutputStyle(colour: colour, plain: isPlain, width: columns, hyperlinks: hyperlinks, unicode: !ascii)
    }
}

import Foundation
import LabKit
import LabTerminal

/// Where commands write: stdout for results, stderr for errors, a pager for long text at a terminal.
public final class Console {
    public var style: OutputStyle
    public var interactive: Bool
    public var paging: Bool
    /// Captures output instead of writing it (tests).
    public var captured: [String]?

    public init(style: OutputStyle, interactive: Bool, paging: Bool, capture: Bool = false) {
        self.style = style
        self.interactive = interactive
        self.paging = paging
        self.captured = capture ? [] : nil
    }

    public func print(_ lines: [String]) {
        if captured != nil { captured! += lines; return }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8))
    }

    public func print(_ line: String) { print([line]) }

    /// Long reading (a lesson) goes through the pager when a person is at a terminal.
    /// Returns true when the reader saw every line (false if they quit the pager early).
    @discardableResult
    public func page(_ lines: [String]) -> Bool {
        if captured == nil, paging, interactive, let size = TerminalInfo.size() {
            return Pager(rows: size.rows).show(lines)
        }
        print(lines)
        return true
    }

    /// Machine-readable output for scripts: pretty, key-sorted, ISO 8601 dates.
    public func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    public func error(_ message: String) {
        let label = style.colour ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        let text = "\(label) \(message)"
        if captured != nil { captured!.append(text); return }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Wraps SGR codes around text only when colour is on.
    public func paint(_ text: String, _ sgr: String) -> String {
        style.colour ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }
}

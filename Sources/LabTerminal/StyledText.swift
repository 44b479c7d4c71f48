import LabKit

/// A run of text with its look: the unit the wrapper moves around so styles survive line breaks.
public struct StyledRun: Sendable, Equatable {
    public var text: String
    /// SGR parameters ("1" bold, "3" italic, "36" cyan ...), applied only when colour is on.
    public var sgr: [String]
    /// The target of an OSC 8 hyperlink.
    public var link: String?

    public init(_ text: String, sgr: [String] = [], link: String? = nil) {
        self.text = text
        self.sgr = sgr
        self.link = link
    }
}

/// Greedy word wrapping of styled runs to a display width, with prefixes for the first and later lines.
public struct TextWrapper: Sendable {
    public var style: OutputStyle

    public init(style: OutputStyle) { self.style = style }

    /// Wraps runs into lines no wider than `width` (display columns) including the prefix.
    /// URLs overflow rather than break, unless `cutLongWords` (table cells must fit their column).
    public func wrap(_ runs: [StyledRun], width: Int, firstPrefix: String = "", prefix: String = "", cutLongWords: Bool = false) -> [String] {
        let words = Self.words(runs)
        var lines: [String] = []
        var current: [StyledRun] = []
        var currentWidth = 0
        var isFirst = true
        func lead() -> String { isFirst ? firstPrefix : prefix }
        func flush(force: Bool = false) {
            if current.isEmpty && !force { return }
            lines.append(lead() + encode(current))
            current = []
            currentWidth = 0
            isFirst = false
        }
        for word in words {
            if word.isHardBreak { flush(force: true); continue }
            let available = max(8, width - TextWidth.of(lead()))
            let wordWidth = word.pieces.reduce(0) { $0 + TextWidth.of($1.text) }
            let gap = current.isEmpty ? 0 : 1
            if currentWidth + gap + wordWidth <= available {
                if gap == 1 {
                    // The space between two words of one link or one style keeps that look, so underlines don't break.
                    let shared = current.last?.link == word.pieces.first?.link && current.last?.sgr == word.pieces.first?.sgr
                    current.append(StyledRun(" ", sgr: shared ? current.last!.sgr : [], link: shared ? current.last?.link : nil))
                }
                current += word.pieces
                currentWidth += gap + wordWidth
                continue
            }
            if !current.isEmpty { flush() }
            let available2 = max(8, width - TextWidth.of(lead()))
            // A URL is never cut: a broken link can be neither clicked nor read aloud.
            let isURL = !cutLongWords && word.pieces.map(\.text).joined().contains("://")
            if wordWidth <= available2 || isURL {
                current = word.pieces
                currentWidth = wordWidth
            } else {
                // A word longer than the line (a URL, a token): cut it, it is better than overflowing.
                for piece in word.pieces {
                    var chunk = ""
                    for ch in piece.text {
                        let w = TextWidth.of(String(ch))
                        if currentWidth + w > max(8, width - TextWidth.of(lead())) {
                            current.append(StyledRun(chunk, sgr: piece.sgr, link: piece.link))
                            flush()
                            chunk = ""
                        }
                        chunk.append(ch)
                        currentWidth += w
                    }
                    if !chunk.isEmpty { current.append(StyledRun(chunk, sgr: piece.sgr, link: piece.link)) }
                }
            }
        }
        flush()
        if lines.isEmpty { lines.append(firstPrefix.trimmingTrailingSpaces()) }
        return lines
    }

    /// Turns runs into terminal text: SGR codes and OSC 8 links only when the style allows them.
    public func encode(_ runs: [StyledRun]) -> String {
        var out = ""
        var openLink: String?
        for run in runs where !run.text.isEmpty {
            if style.hyperlinks, run.link != openLink {
                if openLink != nil { out += "\u{1B}]8;;\u{1B}\\" }
                if let link = run.link { out += "\u{1B}]8;;\(link)\u{1B}\\" }
                openLink = run.link
            }
            if style.colour && !run.sgr.isEmpty {
                out += "\u{1B}[\(run.sgr.joined(separator: ";"))m\(run.text)\u{1B}[0m"
            } else {
                out += run.text
            }
        }
        if style.hyperlinks, openLink != nil { out += "\u{1B}]8;;\u{1B}\\" }
        return out
    }

    struct Word {
        var pieces: [StyledRun]
        var isHardBreak = false
    }

    /// Splits runs at spaces; pieces with no space between them form one word (so "**bold**," stays whole).
    static func words(_ runs: [StyledRun]) -> [Word] {
        var words: [Word] = []
        var current: [StyledRun] = []
        func endWord() { if !current.isEmpty { words.append(Word(pieces: current)); current = [] } }
        for run in runs {
            var chunk = ""
            for ch in run.text {
                if ch == "\n" {
                    if !chunk.isEmpty { current.append(StyledRun(chunk, sgr: run.sgr, link: run.link)); chunk = "" }
                    endWord()
                    words.append(Word(pieces: [], isHardBreak: true))
                } else if ch == " " || ch == "\t" {
                    if !chunk.isEmpty { current.append(StyledRun(chunk, sgr: run.sgr, link: run.link)); chunk = "" }
                    endWord()
                } else {
                    chunk.append(ch)
                }
            }
            if !chunk.isEmpty { current.append(StyledRun(chunk, sgr: run.sgr, link: run.link)) }
        }
        endWord()
        return words
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

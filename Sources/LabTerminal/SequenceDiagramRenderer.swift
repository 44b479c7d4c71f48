import LabContent

/// Draws a `SequenceDiagram` for a terminal: participant boxes on top, lifelines, one horizontal arrow per
/// message with its text above it, self messages as small loops, notes as boxes. Plain text, no colour.
///
/// `render` returns nil when the picture cannot fit `width` (the caller then prints `steps`, which is also the
/// form for screen readers and `--plain`).
public struct SequenceDiagramRenderer: Sendable {
    public var width: Int
    public var unicode: Bool

    public init(width: Int, unicode: Bool = true) {
        self.width = width
        self.unicode = unicode
    }

    /// Narrowest room for message text between two neighbouring lifelines; below it `render` gives up.
    static let minimumTextWidth = 10
    /// Widest label line inside a participant box; longer labels wrap.
    static let maximumBoxTextWidth = 20
    /// Widest text line inside a note box.
    static let maximumNoteTextWidth = 36

    // MARK: - Picture

    /// The ASCII/box-drawing picture, one string per line, each at most `width` columns (display width), without
    /// trailing spaces. Returns nil when it cannot fit (the caller then uses `steps`).
    public func render(_ diagram: SequenceDiagram) -> [String]? {
        let glyphs = Glyphs(unicode: unicode)
        let model = Model(diagram)
        let n = model.labels.count
        guard width >= Self.minimumTextWidth + 4 else { return nil }
        var output: [String] = []
        if let title = diagram.title.map(DiagramTextLayout.clean), !title.isEmpty {
            output += DiagramTextLayout.wrap(title, width: width)
        }
        guard n > 0 else { return output }
        guard let layout = Layout(model: model, width: width) else { return nil }
        var canvas = DiagramCanvas(width: width, lifelines: layout.x, lifeline: glyphs.vertical)

        // Participant boxes.
        let boxLines = (0..<n).map { DiagramTextLayout.wrap(model.labels[$0], width: layout.boxTextWidth[$0]) }
        let height = (boxLines.map(\.count).max() ?? 1) + 2
        let top = canvas.addRows(height, lifelines: false)
        for i in 0..<n {
            let lines = boxLines[i]
            let inner = lines.map(DiagramTextLayout.width).max() ?? 0
            let boxWidth = inner + 4
            let left = layout.x[i] - (boxWidth - 1) / 2
            let padTop = (height - 2 - lines.count) / 2
            let padded = Array(repeating: "", count: padTop) + lines
                + Array(repeating: "", count: height - 2 - padTop - lines.count)
            canvas.drawBox(top: top, left: left, width: boxWidth, lines: padded, centred: true,
                           glyphs: model.isActor[i] ? glyphs.rounded : glyphs, bottomJunctionAt: [layout.x[i]],
                           crossing: [])
        }
        canvas.addRows(1)

        for step in model.steps {
            switch step {
            case let .message(from, to, text, indent, dotted) where from == to:
                drawSelfMessage(&canvas, layout: layout, at: from, text: text, indent: indent, dotted: dotted, glyphs: glyphs)
            case let .message(from, to, text, indent, dotted):
                drawMessage(&canvas, layout: layout, from: from, to: to, text: text, indent: indent, dotted: dotted,
                            glyphs: glyphs)
            case let .note(placement, first, last, text):
                drawNote(&canvas, layout: layout, placement: placement, first: first, last: last, text: text, glyphs: glyphs)
            }
            canvas.addRows(1)
        }
        let picture = canvas.lines()
        guard picture.allSatisfy({ DiagramTextLayout.width($0) <= width }) else { return nil }
        if !output.isEmpty {
            let used = picture.map(DiagramTextLayout.width).max() ?? width
            output = output.map { line in
                String(repeating: " ", count: max(0, (used - DiagramTextLayout.width(line)) / 2)) + line
            }
            output.append("")
        }
        return output + picture
    }

    private func drawMessage(_ canvas: inout DiagramCanvas, layout: Layout, from: Int, to: Int, text: String,
                             indent: Int, dotted: Bool, glyphs: Glyphs) {
        let left = min(layout.x[from], layout.x[to])
        let right = max(layout.x[from], layout.x[to])
        let (textLeft, textRight) = Self.messageTextArea(from: from, to: to, text: text, x: layout.x)
        let room = textRight - textLeft - 3
        let lines = text.isEmpty ? [] : DiagramTextLayout.wrap(text, width: room, hangingIndent: indent)
        let block = lines.map(DiagramTextLayout.width).max() ?? 0
        let start = textLeft + 2 + (room - block) / 2
        if !lines.isEmpty {
            let first = canvas.addRows(lines.count)
            for (k, line) in lines.enumerated() {
                // Hide lifelines the text passes over, with one column of air on each side.
                canvas.clear(row: first + k, from: max(left + 1, start - 1), through: min(right - 1, start + block))
                canvas.write(row: first + k, column: start, text: line)
            }
        }
        let row = canvas.addRows(1)
        let line = dotted ? glyphs.dotted : glyphs.solid
        for c in (left + 1)..<right { canvas.set(row: row, column: c, line) }
        if from < to {
            canvas.set(row: row, column: left, glyphs.teeRight)
            canvas.set(row: row, column: right - 1, glyphs.headRight)
        } else {
            canvas.set(row: row, column: right, glyphs.teeLeft)
            canvas.set(row: row, column: left + 1, glyphs.headLeft)
        }
    }

    /// The lifelines a message's text sits between: the whole arrow, unless the text fits on one line between
    /// two neighbouring lifelines the arrow passes; then the gap nearest the sender, so no lifeline is broken.
    static func messageTextArea(from: Int, to: Int, text: String, x: [Int]) -> (left: Int, right: Int) {
        let low = min(from, to), high = max(from, to)
        if high - low > 1 {
            let gaps = from < to ? Array(low..<high) : Array((low..<high).reversed())
            let need = DiagramTextLayout.longestLine(text)
            if let gap = gaps.first(where: { x[$0 + 1] - x[$0] - 3 >= need }) { return (x[gap], x[gap + 1]) }
        }
        return (x[low], x[high])
    }

    /// Columns for a self message's text, right of its loop: up to the next lifeline, or to the edge when that
    /// is too narrow (or there is no next lifeline).
    static func selfTextArea(at index: Int, x: [Int], width: Int) -> ClosedRange<Int> {
        let start = x[index] + 5
        var end = index + 1 < x.count ? x[index + 1] - 2 : width - 1
        if end - start + 1 < minimumTextWidth { end = width - 1 }
        return start...max(start, end)
    }

    private func drawSelfMessage(_ canvas: inout DiagramCanvas, layout: Layout, at index: Int, text: String,
                                 indent: Int, dotted: Bool, glyphs: Glyphs) {
        let x = layout.x[index]
        let area = Self.selfTextArea(at: index, x: layout.x, width: width)
        let start = area.lowerBound, end = area.upperBound
        let lines = text.isEmpty ? [] : DiagramTextLayout.wrap(text, width: end - start + 1, hangingIndent: indent)
        let block = lines.map(DiagramTextLayout.width).max() ?? 0
        let rows = max(2, lines.count)
        let first = canvas.addRows(rows)
        let line = dotted ? glyphs.dotted : glyphs.solid
        canvas.set(row: first, column: x, glyphs.teeRight)
        canvas.set(row: first, column: x + 1, line)
        canvas.set(row: first, column: x + 2, line)
        canvas.set(row: first, column: x + 3, glyphs.cornerTopRight)
        for r in (first + 1)..<(first + rows - 1) { canvas.set(row: r, column: x + 3, glyphs.vertical) }
        let last = first + rows - 1
        canvas.set(row: last, column: x + 1, glyphs.headLeft)
        canvas.set(row: last, column: x + 2, line)
        canvas.set(row: last, column: x + 3, glyphs.cornerBottomRight)
        for (k, text) in lines.enumerated() {
            canvas.clear(row: first + k, from: start - 1, through: min(width - 1, start + block))
            canvas.write(row: first + k, column: start, text: text)
        }
    }

    /// Notes left or right of a lifeline sit one column away from it and, when they can (text at least
    /// `minimumTextWidth` wide, or as wide as it needs), stop one column short of the neighbouring lifeline;
    /// otherwise they pass over it. A note that finds no room beside its lifeline goes over it.
    private func drawNote(_ canvas: inout DiagramCanvas, layout: Layout, placement: SequenceDiagram.NotePlacement,
                          first: Int, last: Int, text: String, glyphs: Glyphs) {
        let x = layout.x
        let natural = max(1, min(DiagramTextLayout.longestLine(text), Self.maximumNoteTextWidth, width - 4)) + 4
        let wanted = min(natural, 8 + 4)
        var left = 0, right = -1
        switch placement {
        case .leftOf:
            right = x[first] - 2
            let near = first > 0 ? x[first - 1] + 2 : 0
            if right - near + 1 >= wanted {
                left = max(near, right - natural + 1)
            } else if right + 1 >= wanted {
                left = max(0, right - natural + 1)
            } else {
                right = -1
            }
        case .rightOf:
            left = x[first] + 2
            let near = first + 1 < x.count ? x[first + 1] - 2 : width - 1
            if near - left + 1 >= wanted {
                right = min(near, left + natural - 1)
            } else if width - left >= wanted {
                right = min(width - 1, left + natural - 1)
            } else {
                right = -1
            }
        case .over:
            break
        }
        var lines: [String]
        if right >= left {
            lines = DiagramTextLayout.wrap(text, width: right - left + 1 - 4)
            let used = (lines.map(DiagramTextLayout.width).max() ?? 0) + 4
            if placement == .leftOf { left = right - used + 1 } else { right = left + used - 1 }
        } else {
            // Over the lifelines first...last, two columns beyond each, centred on them.
            let span = x[last] - x[first] + 5
            let boxWidth = min(width, max(natural, span))
            lines = DiagramTextLayout.wrap(text, width: boxWidth - 4)
            let used = min(width, max((lines.map(DiagramTextLayout.width).max() ?? 0) + 4, span))
            let centre = (x[first] + x[last]) / 2
            left = max(0, min(centre - (used - 1) / 2, width - used))
            right = left + used - 1
        }
        // A box edge right next to a lifeline reads as one thick line: move the edge onto the lifeline.
        if left > 0, x.contains(left - 1) { left -= 1 }
        if right < width - 1, x.contains(right + 1) { right += 1 }
        let top = canvas.addRows(lines.count + 2)
        let crossing = x.filter { $0 >= left && $0 <= right }
        canvas.drawBox(top: top, left: left, width: right - left + 1, lines: lines, centred: false, glyphs: glyphs,
                       bottomJunctionAt: crossing, crossing: crossing)
    }

    // MARK: - Steps (screen-reader form)

    /// The screen-reader form: a title line if any, the participants, then one numbered line per message
    /// ("1. Web app → IMDS: GET ...", "(reply)" after dotted arrows) and notes as "   Note over IMDS: ..."
    /// without consuming a number. Lines longer than `width` wrap with a hanging indent.
    public func steps(_ diagram: SequenceDiagram) -> [String] {
        let arrow = unicode ? "→" : "->"
        let wrapWidth = max(width, 8)
        var out: [String] = []
        if let title = diagram.title.map(DiagramTextLayout.clean), !title.isEmpty {
            out += DiagramTextLayout.wrap(title, width: wrapWidth, hangingIndent: 2)
        }
        func label(_ id: String) -> String { DiagramTextLayout.flat(diagram.label(for: id)) }
        if !diagram.participants.isEmpty {
            let names = diagram.participants.map { p -> String in
                let label = DiagramTextLayout.flat(p.label)
                switch (label == p.id, p.isActor) {
                case (true, false): return p.id
                case (true, true): return "\(p.id) (actor)"
                case (false, false): return "\(p.id) (\(label))"
                case (false, true): return "\(p.id) (\(label), actor)"
                }
            }
            out += DiagramTextLayout.wrap("Participants: " + names.joined(separator: ", "), width: wrapWidth,
                                          hangingIndent: 2)
        }
        var number = 0
        for step in diagram.steps {
            switch step {
            case let .message(from, to, text, style):
                number += 1
                let prefix = "\(number). "
                var line = prefix + "\(label(from)) \(arrow) \(label(to))" + (style == .dotted ? " (reply)" : "")
                let body = DiagramTextLayout.flat(text)
                if !body.isEmpty { line += ": " + body }
                out += DiagramTextLayout.wrap(line, width: wrapWidth, hangingIndent: prefix.count)
            case let .note(placement, ids, text):
                let place = placement == .over ? "over" : placement == .leftOf ? "left of" : "right of"
                let line = "Note \(place) \(ids.map(label).joined(separator: ", ")): \(DiagramTextLayout.flat(text))"
                out += DiagramTextLayout.wrap(line, width: wrapWidth - 3, hangingIndent: 2).map { "   " + $0 }
            }
        }
        return out
    }
}

// MARK: - Model and layout

extension SequenceDiagramRenderer {
    /// The diagram with participants resolved to column indexes and texts cleaned and numbered.
    struct Model {
        enum Step {
            case message(from: Int, to: Int, text: String, indent: Int, dotted: Bool)
            case note(SequenceDiagram.NotePlacement, first: Int, last: Int, text: String)
        }

        var labels: [String] = []
        var isActor: [Bool] = []
        var steps: [Step] = []

        init(_ diagram: SequenceDiagram) {
            var index: [String: Int] = [:]
            func add(_ id: String, _ label: String, _ actor: Bool) {
                guard index[id] == nil else { return }
                index[id] = labels.count
                let clean = DiagramTextLayout.clean(label)
                labels.append(clean.isEmpty ? id : clean)
                isActor.append(actor)
            }
            for p in diagram.participants { add(p.id, p.label, p.isActor) }
            var number = 0
            for step in diagram.steps {
                switch step {
                case let .message(from, to, text, style):
                    add(from, from, false)
                    add(to, to, false)
                    number += 1
                    let prefix = diagram.autonumber ? "\(number). " : ""
                    steps.append(.message(from: index[from]!, to: index[to]!, text: prefix + DiagramTextLayout.clean(text),
                                          indent: prefix.count, dotted: style == .dotted))
                case let .note(placement, ids, text):
                    for id in ids { add(id, id, false) }
                    let columns = ids.compactMap { index[$0] }
                    guard let first = columns.min(), let last = columns.max() else { continue }
                    steps.append(.note(placement, first: first, last: last, text: DiagramTextLayout.clean(text)))
                }
            }
        }
    }

    /// Lifeline columns and box sizes: each gap between lifelines, the left margin and the right margin get what
    /// their contents ask for, scaled down towards their minimums when the total exceeds the width.
    struct Layout {
        var x: [Int]
        var boxTextWidth: [Int]

        static func leftExtent(_ text: Int) -> Int { (text + 3) / 2 }
        static func rightExtent(_ text: Int) -> Int { text + 3 - leftExtent(text) }

        init?(model: Model, width: Int) {
            let n = model.labels.count
            let minText = SequenceDiagramRenderer.minimumTextWidth
            // Box text widths: natural (wrapped at the maximum) and minimum (the longest word, within reason).
            let natural = model.labels.map { label in
                DiagramTextLayout.wrap(label, width: SequenceDiagramRenderer.maximumBoxTextWidth)
                    .map(DiagramTextLayout.width).max() ?? 1
            }
            let minimum = (0..<n).map { i in
                min(natural[i], max(8, min(DiagramTextLayout.longestWord(model.labels[i]), 14)))
            }
            // Items: 0 = left margin, 1...n-1 = gaps, n = right margin.
            var low = [Int](repeating: 0, count: n + 1)
            var want = [Int](repeating: 0, count: n + 1)
            low[0] = Self.leftExtent(minimum[0])
            want[0] = Self.leftExtent(natural[0])
            for k in 0..<(n - 1) {
                low[k + 1] = max(minText + 3, Self.rightExtent(minimum[k]) + Self.leftExtent(minimum[k + 1]) + 2)
                want[k + 1] = max(low[k + 1], Self.rightExtent(natural[k]) + Self.leftExtent(natural[k + 1]) + 3)
            }
            low[n] = Self.rightExtent(minimum[n - 1])
            want[n] = Self.rightExtent(natural[n - 1])
            var spans: [(Int, Int, Int)] = []   // (first gap, last gap, wanted total)
            for step in model.steps {
                switch step {
                case let .message(from, to, text, _, _) where from == to:
                    let need = DiagramTextLayout.longestLine(text)
                    if from == n - 1 {
                        low[n] = max(low[n], minText + 4)
                        want[n] = max(want[n], need + 4)
                    } else {
                        low[from + 1] = max(low[from + 1], minText + 6)
                        want[from + 1] = max(want[from + 1], need + 6)
                    }
                case let .message(from, to, text, _, _):
                    let need = DiagramTextLayout.longestLine(text) + 3
                    let a = min(from, to), b = max(from, to)
                    if b == a + 1 { want[a + 1] = max(want[a + 1], need) } else { spans.append((a + 1, b, need)) }
                case let .note(placement, first, last, text):
                    let box = min(DiagramTextLayout.longestLine(text), SequenceDiagramRenderer.maximumNoteTextWidth) + 4
                    switch placement {
                    case .leftOf:
                        want[first] = max(want[first], box + (first == 0 ? 1 : 3))
                    case .rightOf:
                        want[first + 1] = max(want[first + 1], box + (first == n - 1 ? 2 : 3))
                    case .over:
                        if first == 0 { want[0] = max(want[0], (box - 1) / 2) }
                        if last == n - 1 { want[n] = max(want[n], box / 2) }
                    }
                }
            }
            for (a, b, need) in spans {
                let have = want[a...b].reduce(0, +)
                if have < need {
                    let deficit = need - have, count = b - a + 1
                    for k in a...b { want[k] += deficit / count + ((k - a) < deficit % count ? 1 : 0) }
                }
            }
            for k in 0...n { want[k] = max(want[k], low[k]) }
            // Fit: the picture is columns 0 ... x[n-1] + right margin.
            let budget = width - 1
            let lowTotal = low.reduce(0, +)
            guard lowTotal <= budget else { return nil }
            var size = want
            if want.reduce(0, +) > budget {
                let extra = budget - lowTotal
                let weights = (0...n).map { want[$0] - low[$0] }
                let weightTotal = weights.reduce(0, +)
                var shares = (0...n).map { weights[$0] * extra / max(1, weightTotal) }
                var left = extra - shares.reduce(0, +)
                let order = (0...n).sorted {
                    (weights[$0] * extra) % max(1, weightTotal) > (weights[$1] * extra) % max(1, weightTotal)
                }
                for k in order where left > 0 && shares[k] < weights[k] { shares[k] += 1; left -= 1 }
                size = (0...n).map { low[$0] + shares[$0] }
            }
            if want.reduce(0, +) > budget {
                size = Self.refine(size, low: low, want: want, natural: natural, model: model, width: width)
            }
            (x, boxTextWidth) = Self.place(size, natural: natural)
        }

        /// Lifeline columns from the margin and gap sizes, and the text width of each participant box (each gap is
        /// shared between its two boxes, leaving at least one blank column between them).
        static func place(_ size: [Int], natural: [Int]) -> ([Int], [Int]) {
            let n = natural.count
            var positions = [size[0]]
            for k in 1..<n { positions.append(positions[k - 1] + size[k]) }
            var roomLeft = [Int](repeating: 0, count: n)
            var roomRight = [Int](repeating: 0, count: n)
            roomLeft[0] = size[0]
            roomRight[n - 1] = size[n]
            for k in 0..<(n - 1) {
                let available = size[k + 1] - 2
                let c = rightExtent(natural[k]), a = leftExtent(natural[k + 1])
                if c + a <= available {
                    roomRight[k] = c; roomLeft[k + 1] = a
                } else if c <= available / 2 {
                    roomRight[k] = c; roomLeft[k + 1] = available - c
                } else if a <= available - available / 2 {
                    roomLeft[k + 1] = a; roomRight[k] = available - a
                } else {
                    roomRight[k] = available / 2; roomLeft[k + 1] = available - available / 2
                }
            }
            let boxes = (0..<n).map { i in
                var t = natural[i]
                while t > 1, leftExtent(t) > roomLeft[i] || rightExtent(t) > roomRight[i] { t -= 1 }
                return t
            }
            return (positions, boxes)
        }

        /// Starting from a proportional share, moves columns between margins and gaps while that makes the
        /// picture shorter (fewer wrapped lines), never below an item's minimum nor above what it asks for.
        private static func refine(_ start: [Int], low: [Int], want: [Int], natural: [Int], model: Model,
                                   width: Int) -> [Int] {
            var size = start
            var cache: [Int: Int] = [:]   // (text index, width) -> wrapped line count
            var best = height(size, natural: natural, model: model, width: width, cache: &cache)
            let items = size.indices
            for _ in 0..<200 {
                var improved: (size: [Int], height: Int)?
                for from in items {
                    for to in items where to != from {
                        for delta in [1, 2, 3, 4, 6, 8, 12, 16] {
                            guard size[from] - delta >= low[from], size[to] + delta <= want[to] else { continue }
                            var candidate = size
                            candidate[from] -= delta
                            candidate[to] += delta
                            let h = height(candidate, natural: natural, model: model, width: width, cache: &cache)
                            if h < (improved?.height ?? best) { improved = (candidate, h) }
                        }
                    }
                }
                guard let improved else { break }
                size = improved.size
                best = improved.height
            }
            return size
        }

        /// Rows the picture would take with these sizes (notes aside, which hardly depend on them).
        private static func height(_ size: [Int], natural: [Int], model: Model, width: Int,
                                   cache: inout [Int: Int]) -> Int {
            let (x, boxes) = place(size, natural: natural)
            func lines(_ key: Int, _ text: String, _ width: Int, _ indent: Int) -> Int {
                let slot = key * 4096 + min(max(width, 0), 4095)
                if let known = cache[slot] { return known }
                let count = DiagramTextLayout.wrap(text, width: width, hangingIndent: indent).count
                cache[slot] = count
                return count
            }
            let n = natural.count
            var rows = (0..<n).map { lines($0, model.labels[$0], boxes[$0], 0) }.max() ?? 1
            for (k, step) in model.steps.enumerated() {
                guard case let .message(from, to, text, indent, _) = step else { continue }
                if from == to {
                    let area = SequenceDiagramRenderer.selfTextArea(at: from, x: x, width: width)
                    rows += max(2, lines(n + k, text, area.count, indent))
                } else {
                    let area = SequenceDiagramRenderer.messageTextArea(from: from, to: to, text: text, x: x)
                    rows += lines(n + k, text, area.right - area.left - 3, indent)
                }
            }
            return rows
        }
    }

    struct Glyphs {
        var vertical, horizontal: Character
        var topLeft, topRight, bottomLeft, bottomRight: Character
        var teeDown, teeUp, teeRight, teeLeft: Character
        var solid, dotted, headRight, headLeft: Character
        var cornerTopRight, cornerBottomRight: Character

        init(unicode: Bool) {
            if unicode {
                vertical = "│"; horizontal = "─"
                topLeft = "┌"; topRight = "┐"; bottomLeft = "└"; bottomRight = "┘"
                teeDown = "┬"; teeUp = "┴"; teeRight = "├"; teeLeft = "┤"
                solid = "─"; dotted = "╌"; headRight = "▶"; headLeft = "◀"
                cornerTopRight = "┐"; cornerBottomRight = "┘"
            } else {
                vertical = "|"; horizontal = "-"
                topLeft = "+"; topRight = "+"; bottomLeft = "+"; bottomRight = "+"
                teeDown = "+"; teeUp = "+"; teeRight = "|"; teeLeft = "|"
                solid = "-"; dotted = "."; headRight = ">"; headLeft = "<"
                cornerTopRight = "+"; cornerBottomRight = "+"
            }
        }

        /// Rounded corners for actors (unicode only).
        var rounded: Glyphs {
            var copy = self
            if topLeft == "┌" { copy.topLeft = "╭"; copy.topRight = "╮"; copy.bottomLeft = "╰"; copy.bottomRight = "╯" }
            return copy
        }
    }
}

// MARK: - Canvas

/// A grid of display cells, one row per output line. Wide characters take two cells. Internal to LabTerminal.
struct DiagramCanvas {
    private static let wideTail: Character = "\u{0}"
    let width: Int
    private let lifelines: [Int]
    private let lifeline: Character
    private var rows: [[Character]] = []

    init(width: Int, lifelines: [Int], lifeline: Character) {
        self.width = width
        self.lifelines = lifelines
        self.lifeline = lifeline
    }

    /// Appends `count` rows (with the lifelines drawn unless told otherwise); returns the first new row's index.
    @discardableResult
    mutating func addRows(_ count: Int, lifelines drawn: Bool = true) -> Int {
        let first = rows.count
        var row = [Character](repeating: " ", count: width)
        if drawn { for x in lifelines where x >= 0 && x < width { row[x] = lifeline } }
        rows.append(contentsOf: Array(repeating: row, count: count))
        return first
    }

    mutating func set(row: Int, column: Int, _ character: Character) {
        let w = DiagramTextLayout.width(character)
        guard w > 0, column >= 0, column + w <= width, row >= 0, row < rows.count else { return }
        release(row: row, column: column)
        if w == 2 { release(row: row, column: column + 1) }
        rows[row][column] = character
        if w == 2 { rows[row][column + 1] = Self.wideTail }
    }

    /// Makes the cell free, blanking the other half of a wide character it belongs to.
    private mutating func release(row: Int, column: Int) {
        if rows[row][column] == Self.wideTail, column > 0 { rows[row][column - 1] = " " }
        if column + 1 < width, rows[row][column + 1] == Self.wideTail { rows[row][column + 1] = " " }
        rows[row][column] = " "
    }

    mutating func write(row: Int, column: Int, text: String) {
        var c = column
        for ch in text {
            let w = DiagramTextLayout.width(ch)
            guard w > 0 else { continue }
            guard c + w <= width else { break }
            set(row: row, column: c, ch)
            c += w
        }
    }

    mutating func clear(row: Int, from: Int, through: Int) {
        guard from <= through else { return }
        for c in max(0, from)...min(width - 1, through) { set(row: row, column: c, " ") }
    }

    /// A box whose top border is on row `top`; `lines` go inside, one per row, with a space of padding.
    /// Lifelines at `crossing` get junctions on the top border; those at `bottomJunctionAt` on the bottom one.
    mutating func drawBox(top: Int, left: Int, width boxWidth: Int, lines: [String], centred: Bool,
                          glyphs: SequenceDiagramRenderer.Glyphs, bottomJunctionAt: [Int], crossing: [Int]) {
        let right = left + boxWidth - 1
        let bottom = top + lines.count + 1
        for c in left...right {
            set(row: top, column: c, glyphs.horizontal)
            set(row: bottom, column: c, glyphs.horizontal)
        }
        for r in (top + 1)..<bottom {
            clear(row: r, from: left, through: right)
            set(row: r, column: left, glyphs.vertical)
            set(row: r, column: right, glyphs.vertical)
        }
        set(row: top, column: left, glyphs.topLeft)
        set(row: top, column: right, glyphs.topRight)
        set(row: bottom, column: left, glyphs.bottomLeft)
        set(row: bottom, column: right, glyphs.bottomRight)
        for x in crossing {
            set(row: top, column: x, x == left ? glyphs.teeRight : x == right ? glyphs.teeLeft : glyphs.teeUp)
        }
        for x in bottomJunctionAt {
            set(row: bottom, column: x, x == left ? glyphs.teeRight : x == right ? glyphs.teeLeft : glyphs.teeDown)
        }
        let inner = boxWidth - 4
        for (k, line) in lines.enumerated() {
            let pad = centred ? max(0, (inner - DiagramTextLayout.width(line)) / 2) : 0
            write(row: top + 1 + k, column: left + 2 + pad, text: line)
        }
    }

    func lines() -> [String] {
        rows.map { row in
            var s = String(row.filter { $0 != Self.wideTail })
            while s.last == " " { s.removeLast() }
            return s
        }
    }
}

// MARK: - Text

/// Display width and word wrapping for the diagram renderers. Internal to LabTerminal.
enum DiagramTextLayout {
    /// Terminal columns taken by a character: 0 for controls and zero-width marks, 2 for wide (East Asian,
    /// emoji) characters, else 1.
    static func width(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let v = first.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains(where: { $0.contains(v) }) ? 2 : 1
    }

    static func width(_ text: String) -> Int { text.reduce(0) { $0 + width($1) } }

    /// Text safe to draw: tabs become spaces, other control and zero-width characters go, line breaks stay.
    static func clean(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "\n" || ch == "\r\n" || ch == "\r" { out.append("\n"); continue }
            if ch == "\t" { out.append(" "); continue }
            if width(ch) == 0 { continue }
            out.append(ch)
        }
        var trimmed = Substring(out)
        while let f = trimmed.first, f == " " || f == "\n" { trimmed.removeFirst() }
        while let l = trimmed.last, l == " " || l == "\n" { trimmed.removeLast() }
        return String(trimmed)
    }

    /// `clean`, on one line.
    static func flat(_ text: String) -> String {
        clean(text).split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
    }

    static func longestLine(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { width(String($0)) }.max() ?? 0
    }

    static func longestWord(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { width(String($0)) }.max() ?? 0
    }

    /// Greedy word wrap to `width` columns. Hard line breaks (`\n`) are kept; continuation lines are indented
    /// by `hangingIndent`; words longer than a line are split, preferably after `/`, `=`, `&`, `?`, `,`, `-`.
    static func wrap(_ text: String, width: Int, hangingIndent: Int = 0) -> [String] {
        let width = max(width, 1)
        let indent = hangingIndent < width / 2 + 1 ? max(0, hangingIndent) : 0
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        func flush() {
            lines.append(current)
            current = pad
            currentWidth = indent
        }
        for (p, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if p > 0 { flush() }
            for word in paragraph.split(separator: " ") {
                var piece = String(word)
                var pieceWidth = self.width(piece)
                let atLineStart = currentWidth == 0 || (currentWidth == indent && current == pad && !lines.isEmpty)
                if !atLineStart {
                    if currentWidth + 1 + pieceWidth <= width {
                        current += " " + piece
                        currentWidth += 1 + pieceWidth
                        continue
                    }
                    flush()
                }
                // Split words that do not fit on a line of their own.
                while currentWidth + pieceWidth > width {
                    let room = width - currentWidth
                    let (head, tail) = splitWord(piece, room: room)
                    current += head
                    flush()
                    piece = tail
                    pieceWidth = self.width(piece)
                }
                current += piece
                currentWidth += pieceWidth
            }
        }
        lines.append(current)
        return lines.map { line in
            var s = line
            while s.last == " " { s.removeLast() }
            return s
        }.filter { !$0.isEmpty || lines.count == 1 }
    }

    /// The longest head of `word` fitting `room` columns, broken after punctuation when that keeps at least a
    /// third of the room, and the rest.
    private static func splitWord(_ word: String, room: Int) -> (String, String) {
        let chars = Array(word)
        var used = 0
        var cut = 0
        while cut < chars.count, used + width(chars[cut]) <= room {
            used += width(chars[cut])
            cut += 1
        }
        if cut == 0 { cut = 1 }  // always progress
        if cut < chars.count {
            let breakAfter: Set<Character> = ["/", "=", "&", "?", ",", "-", ";", ":", "_", "."]
            var k = cut
            // Not inside "://" or "//".
            func breaksAfter(_ k: Int) -> Bool {
                breakAfter.contains(chars[k - 1]) && chars[k] != "/" && chars[k] != chars[k - 1]
            }
            while k > max(1, room / 3), !breaksAfter(k) { k -= 1 }
            if k > max(1, room / 3) { cut = k }
        }
        return (String(chars[..<cut]), String(chars[cut...]))
    }
}

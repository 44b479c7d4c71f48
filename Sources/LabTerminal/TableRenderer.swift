import LabContent
import LabKit

/// GitHub tables for the terminal: aligned columns that wrap to fit the width; a list of rows in plain mode.
public struct TableRenderer: Sendable {
    public var style: OutputStyle

    public init(style: OutputStyle) { self.style = style }

    public func render(alignments: [MarkdownBlock.Alignment], header: [[StyledRun]], rows: [[[StyledRun]]], width: Int) -> [String] {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return [] }
        func cell(_ row: [[StyledRun]], _ i: Int) -> [StyledRun] { i < row.count ? row[i] : [] }
        let wrapper = TextWrapper(style: style)
        if style.plain {
            return plain(header: header, rows: rows, columns: columns, wrapper: wrapper, width: width)
        }
        // Natural width of each column, then shrink the widest until the table fits.
        let natural = (0..<columns).map { i in
            ([header] + rows).map { TextWidth.of(cell($0, i).map(\.text).joined()) }.max() ?? 0
        }
        let minimum = (0..<columns).map { i in
            min(natural[i], max(6, ([header] + rows).flatMap { cell($0, i).flatMap { $0.text.split(separator: " ") } }
                .map { TextWidth.of(String($0)) }.max() ?? 0).clamped(to: 6...14))
        }
        var widths = natural.map { max(1, $0) }
        let overhead = 3 * columns + 1
        let available = max(columns * 4, width - overhead)
        while widths.reduce(0, +) > available {
            guard let i = widths.indices.filter({ widths[$0] > minimum[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[i] -= 1
        }
        if widths.reduce(0, +) > available {
            // Even at minimum widths the table is too wide: shrink everything proportionally.
            let scale = Double(available) / Double(widths.reduce(0, +))
            widths = widths.map { max(3, Int(Double($0) * scale)) }
        }
        let unicode = style.unicode
        let (h, v) = unicode ? ("─", "│") : ("-", "|")
        func border(_ left: String, _ mid: String, _ right: String) -> String {
            let line = left + widths.map { String(repeating: h, count: $0 + 2) }.joined(separator: mid) + right
            return style.colour ? "\u{1B}[2m\(line)\u{1B}[0m" : line
        }
        let bar = style.colour ? "\u{1B}[2m\(v)\u{1B}[0m" : v
        func renderRow(_ row: [[StyledRun]], bold: Bool) -> [String] {
            let cells = (0..<columns).map { i -> [String] in
                let runs = cell(row, i).map { run -> StyledRun in
                    var r = run
                    if bold { r.sgr.append("1") }
                    return r
                }
                return runs.isEmpty ? [""] : wrapper.wrap(runs, width: widths[i], cutLongWords: true)
            }
            let height = cells.map(\.count).max() ?? 1
            return (0..<height).map { lineIndex in
                var out = bar
                for i in 0..<columns {
                    let text = lineIndex < cells[i].count ? cells[i][lineIndex] : ""
                    let alignment = i < alignments.count ? alignments[i] : .none
                    out += " " + pad(text, to: widths[i], alignment: alignment) + " " + bar
                }
                return out
            }
        }
        var lines: [String] = []
        lines.append(unicode ? border("┌", "┬", "┐") : border("+", "+", "+"))
        if !header.isEmpty {
            lines += renderRow(header, bold: true)
            lines.append(unicode ? border("├", "┼", "┤") : border("+", "+", "+"))
        }
        for (index, row) in rows.enumerated() {
            lines += renderRow(row, bold: false)
            // Multi-line rows are hard to tell apart without a rule between them.
            if index < rows.count - 1, widths.count > 1, rows.contains(where: { r in (0..<columns).contains { TextWidth.of(cell(r, $0).map(\.text).joined()) > widths[$0] } }) {
                lines.append(unicode ? border("├", "┼", "┤") : border("+", "+", "+"))
            }
        }
        lines.append(unicode ? border("└", "┴", "┘") : border("+", "+", "+"))
        return lines
    }

    func pad(_ text: String, to width: Int, alignment: MarkdownBlock.Alignment) -> String {
        let gap = max(0, width - TextWidth.of(text))
        switch alignment {
        case .right: return String(repeating: " ", count: gap) + text
        case .center: return String(repeating: " ", count: gap / 2) + text + String(repeating: " ", count: gap - gap / 2)
        case .left, .none: return text + String(repeating: " ", count: gap)
        }
    }

    /// Screen readers read a grid cell by cell; a list of "header: value" lines per row reads naturally.
    func plain(header: [[StyledRun]], rows: [[[StyledRun]]], columns: Int, wrapper: TextWrapper, width: Int) -> [String] {
        let names = (0..<columns).map { i in i < header.count ? header[i].map(\.text).joined() : "Column \(i + 1)" }
        var lines = ["Table with \(rows.count) row\(rows.count == 1 ? "" : "s"); columns: \(names.joined(separator: ", "))."]
        for (index, row) in rows.enumerated() {
            let marker = "\(index + 1). "
            let indent = String(repeating: " ", count: marker.count)
            for i in 0..<columns {
                let value = i < row.count ? row[i] : []
                let runs = [StyledRun("\(names[i]): ")] + value
                lines += wrapper.wrap(runs, width: width, firstPrefix: i == 0 ? marker : indent, prefix: indent + "  ")
            }
        }
        return lines
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}

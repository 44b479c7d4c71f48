import Foundation
import LabContent
import LabKit
import Testing
import LabTestSupport
@testable import LabTerminal

/// Golden files: the rendered showcase at a fixed width, in colour, without colour and in plain mode.
/// Regenerate with LAB_UPDATE_GOLDEN=1 swift test --filter MarkdownRendererTests, then read the diff.
@Suite struct MarkdownRendererTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func showcase() throws -> MarkdownDocument {
        let source = try String(contentsOf: goldenFolder.appendingPathComponent("showcase.md"), encoding: .utf8)
        return MarkdownParser().parse(source)
    }

    static func check(_ lines: [String], golden name: String) throws {
        let (text, expected) = try Golden.compare(lines, name: name, folder: goldenFolder)
        #expect(text == expected, "rendering differs from \(name); regenerate with LAB_UPDATE_GOLDEN=1 and review the diff")
    }

    @Test func colourAt80Columns() throws {
        let style = OutputStyle(colour: true, plain: false, width: 80, hyperlinks: true)
        try Self.check(MarkdownRenderer(style: style).render(try Self.showcase()), golden: "showcase.colour.80.txt")
    }

    @Test func noColourAt60Columns() throws {
        let style = OutputStyle(colour: false, plain: false, width: 60)
        let lines = MarkdownRenderer(style: style).render(try Self.showcase())
        try Self.check(lines, golden: "showcase.nocolour.60.txt")
        #expect(!lines.joined().contains("\u{1B}"), "NO_COLOR output has no escape codes")
    }

    @Test func plainAt60Columns() throws {
        let style = OutputStyle(colour: true, plain: true, width: 60, hyperlinks: true)
        let lines = MarkdownRenderer(style: style).render(try Self.showcase())
        try Self.check(lines, golden: "showcase.plain.60.txt")
        let text = lines.joined(separator: "\n")
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("│") && !text.contains("┌"), "plain mode draws no boxes")
        #expect(text.contains("Table with 2 rows; columns: Target, Audience, Role."))
        #expect(text.contains("https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview"), "plain mode spells out URLs")
        for label in ["Note:", "Tip:", "Important:", "Warning:", "Caution:"] { #expect(text.contains(label)) }
        #expect(text.contains("(done) Enabled the identity") && text.contains("(to do) Assigned a role"))
    }

    @Test func meaningNeverDependsOnColour() throws {
        let style = OutputStyle(colour: false, plain: false, width: 60)
        let text = MarkdownRenderer(style: style).render(try Self.showcase()).joined(separator: "\n")
        for label in [" Note ", " Tip ", " Important ", " Warning ", " Caution "] { #expect(text.contains(label)) }
        #expect(text.contains("[x] Enabled the identity") && text.contains("[ ] Assigned a role"))
        #expect(text.contains("`inline code`"))
        #expect(text.contains("─ http "), "code blocks carry their language")
    }

    @Test(arguments: [40, 60, 80, 100])
    func nothingButCodeIsWiderThanTheWidth(width: Int) throws {
        let style = OutputStyle(colour: true, plain: false, width: width)
        let document = try Self.showcase()
        let codeLines = Set(document.blocks.compactMap { block -> [String]? in
            if case .code(let language, let text) = block.kind, language != "mermaid" { return text.components(separatedBy: "\n") }
            return nil
        }.flatMap { $0 })
        for line in MarkdownRenderer(style: style).render(document) {
            let visible = TextWidth.stripANSI(line)
            if codeLines.contains(where: { !$0.isEmpty && visible.hasSuffix($0) }) { continue }
            if visible.split(separator: " ").contains(where: { $0.contains("://") && TextWidth.of(String($0)) > width - 6 }) { continue } // URLs are never cut
            #expect(TextWidth.of(line) <= width, "too wide at \(width): \(visible)")
        }
    }

    @Test func wrappingKeepsStylesAcrossLines() {
        let style = OutputStyle(colour: true, plain: false, width: 20)
        let lines = TextWrapper(style: style).wrap([StyledRun("one two three four five six", sgr: ["1"])], width: 20)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("\u{1B}[1m") })
        #expect(lines.map(TextWidth.of) == [18, 8])
    }

    @Test func hyperlinksUseOSC8OnlyWhenSupported() {
        let inline: [MarkdownInline] = [.link(url: "https://learn.microsoft.com", title: "", content: [.text("Learn")])]
        let on = MarkdownRenderer(style: OutputStyle(colour: true, plain: false, width: 80, hyperlinks: true)).runs(inline)
        #expect(TextWrapper(style: OutputStyle(colour: true, plain: false, width: 80, hyperlinks: true)).encode(on)
            == "\u{1B}]8;;https://learn.microsoft.com\u{1B}\\\u{1B}[4mLearn\u{1B}[0m\u{1B}]8;;\u{1B}\\")
        let offStyle = OutputStyle(colour: false, plain: false, width: 80)
        let off = MarkdownRenderer(style: offStyle).runs(inline)
        #expect(TextWrapper(style: offStyle).encode(off) == "Learn (https://learn.microsoft.com)")
    }

    @Test func tablesShrinkToFit() {
        let style = OutputStyle(colour: false, plain: false, width: 30)
        let header = [[StyledRun("Role")], [StyledRun("What it allows")]]
        let rows = [[[StyledRun("Key Vault Secrets User")], [StyledRun("Read secret values, nothing else at all")]]]
        let lines = TableRenderer(style: style).render(alignments: [.left, .left], header: header, rows: rows, width: 30)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 30 }, "\(lines)")
        #expect(lines.joined().contains("Secrets"))
    }
}

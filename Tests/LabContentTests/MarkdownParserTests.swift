import Foundation
import Testing
@testable import LabContent

@Suite struct MarkdownParserTests {
    let parser = MarkdownParser()

    @Test func headingsParagraphsAndInlines() {
        let doc = parser.parse("# Title\n\nSome **bold**, *em*, `code`, ~~gone~~ and [a link](https://example.com \"t\").\n")
        #expect(doc.blocks.count == 2)
        #expect(doc.blocks[0].kind == .heading(level: 1, content: [.text("Title")]))
        #expect(doc.blocks[0].line == 1)
        guard case .paragraph(let inlines) = doc.blocks[1].kind else { Issue.record("not a paragraph"); return }
        #expect(inlines.contains(.strong([.text("bold")])))
        #expect(inlines.contains(.emphasis([.text("em")])))
        #expect(inlines.contains(.code("code")))
        #expect(inlines.contains(.strikethrough([.text("gone")])))
        #expect(inlines.contains(.link(url: "https://example.com", title: "t", content: [.text("a link")])))
        #expect(doc.blocks[1].line == 3)
    }

    @Test func autolinksAndImages() {
        let doc = parser.parse("See https://learn.microsoft.com and ![the flow](flow.png).")
        guard case .paragraph(let inlines) = doc.blocks[0].kind else { Issue.record("not a paragraph"); return }
        #expect(inlines.contains(.link(url: "https://learn.microsoft.com", title: "", content: [.text("https://learn.microsoft.com")])))
        #expect(inlines.contains(.image(url: "flow.png", alt: "the flow")))
    }

    @Test func taskListsAndNesting() {
        let doc = parser.parse("- [x] done\n- [ ] todo\n  - nested\n")
        guard case .list(let ordered, _, _, let items) = doc.blocks[0].kind else { Issue.record("not a list"); return }
        #expect(!ordered)
        #expect(items.map(\.task) == [true, false])
        guard case .list = items[1].blocks.last?.kind else { Issue.record("no nested list"); return }
    }

    @Test func tablesKeepAlignmentAndHeader() {
        let doc = parser.parse("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
        guard case .table(let alignments, let header, let rows) = doc.blocks[0].kind else { Issue.record("not a table"); return }
        #expect(alignments == [.left, .center, .right])
        #expect(header.map(\.plainText) == ["a", "b", "c"])
        #expect(rows.count == 1)
        #expect(rows[0].map(\.plainText) == ["1", "2", "3"])
    }

    @Test(arguments: AlertKind.allCases)
    func alertsOfEveryKind(kind: AlertKind) {
        let doc = parser.parse("> [!\(kind.rawValue)]\n> Body text.\n")
        #expect(doc.blocks[0].kind == .alert(kind, [MarkdownBlock(.paragraph([.text("Body text.")]), line: 2, column: 3)]))
    }

    @Test func unknownAlertStaysAQuote() {
        let doc = parser.parse("> [!DANGER]\n> Body.\n")
        guard case .blockQuote(let body) = doc.blocks[0].kind else { Issue.record("expected a quote"); return }
        #expect(MarkdownParser.alertMarker(in: body) == "DANGER")
    }

    @Test func fencedCodeHasLanguageAndLineOffset() {
        let doc = MarkdownParser(lineOffset: 10).parse("text\n\n```bash\ncurl -H 'Metadata: true' x\n```\n")
        #expect(doc.blocks[1].kind == .code(language: "bash", text: "curl -H 'Metadata: true' x\n"))
        #expect(doc.blocks[1].line == 13)
    }

    @Test func thematicBreakAndHTML() {
        let doc = parser.parse("a\n\n---\n\n<div>x</div>\n")
        #expect(doc.blocks[1].kind == .thematicBreak)
        #expect(doc.blocks[2].kind == .html("<div>x</div>\n"))
    }
}

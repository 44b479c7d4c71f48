import Foundation
import Testing
@testable import LabContent

@Suite struct LessonLoaderTests {
    static var fixtures: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    @Test func goodLessonsLoadWithFrontMatter() throws {
        let library = try LessonLibrary.load(folder: Self.fixtures.appendingPathComponent("good"), displayPrefix: "good")
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
        #expect(library.lessons.map(\.id) == ["first-lesson", "second-lesson"])
        let second = library.lessons[1]
        #expect(second.title == "The second lesson")
        #expect(second.minutes == 7)
        #expect(second.requires == ["first-lesson"])
        #expect(second.objective == "Go further")
        #expect(library.entry(matching: "2")?.declaredID == "second-lesson")
        #expect(library.entry(matching: "second")?.declaredID == "second-lesson")
        #expect(library.entry(matching: "9") == nil)
        #expect(library.neighbour(of: "first-lesson", offset: 1)?.id == "second-lesson")
        #expect(library.neighbour(of: "first-lesson", offset: -1) == nil)
    }

    @Test func brokenLessonsAreListedWithDiagnosticsAndTheRestWork() throws {
        let library = try LessonLibrary.load(folder: Self.fixtures.appendingPathComponent("broken"), displayPrefix: "broken")
        #expect(library.entries.count == 5)
        #expect(library.lessons.map(\.id) == ["ok-lesson"])
        let messages = library.diagnostics.map(\.description)
        // Broken YAML: the line of the problem in the file, not in the YAML block.
        #expect(messages.contains { $0.hasPrefix("broken/02-bad-yaml.md:4:") && $0.contains("front matter YAML") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("broken/03-no-id.md:") && $0.contains("missing required front matter field 'id'") })
        #expect(messages.contains { $0.hasPrefix("broken/04-duplicate.md:2:") && $0.contains("duplicate lesson id 'ok-lesson'") && $0.contains("broken/01-ok.md") })
        #expect(messages.contains { $0.hasPrefix("broken/05-bad-diagram.md:10:") && $0.contains("unknown alert kind '[!DANGER]'") })
        #expect(messages.contains { $0.hasPrefix("broken/05-bad-diagram.md:6:") && $0.contains("requires unknown lesson 'no-such-lesson'") })
        #expect(messages.contains { $0.hasPrefix("broken/05-bad-diagram.md:16:") && $0.contains("diagram does not parse") }, "\(messages)")
        #expect(library.entries.filter(\.isBroken).count == 4)
    }

    @Test func frontMatterNeverClosed() {
        let result = LessonLoader().load(source: "---\nid: x\ntitle: y\n# body", file: "x.md")
        #expect(result.lesson == nil)
        #expect(result.diagnostics.first?.description == "x.md:1:1: error: front matter starts with '---' but is never closed by another '---' line")
    }

    @Test func missingFrontMatterAndBadFields() {
        #expect(LessonLoader().load(source: "# Just a heading\n", file: "a.md").diagnostics.first?.message.hasPrefix("missing front matter") == true)
        let result = LessonLoader().load(source: "---\nid: Bad Id\ntitle: t\nobjective: o\nminutes: soon\nextra: 1\n---\n# t\n", file: "b.md")
        let text = result.diagnostics.map(\.description)
        #expect(text.contains("b.md:2:1: error: id 'Bad Id' must be lower-case words joined by hyphens, like 'imds-token-flow'"))
        #expect(text.contains("b.md:5:1: error: minutes must be a whole number of minutes"))
        #expect(text.contains("b.md:6:1: warning: unknown front matter field 'extra' (known: id, title, objective, minutes, requires)"))
    }

    @Test func searchFindsLinesWithSection() throws {
        let library = try LessonLibrary.load(folder: Self.fixtures.appendingPathComponent("good"), displayPrefix: "good")
        let hits = LessonSearch().search("expires_in seconds", in: library)
        #expect(hits.count == 1)
        #expect(hits.first?.lessonID == "second-lesson")
        #expect(hits.first?.section == "Tokens")
        #expect(hits.first?.line == 12)
        #expect(LessonSearch().search("", in: library).isEmpty)
        #expect(LessonSearch().search("Metadata", in: library).first?.section == "Section one")
    }

    @Test func contentLocatorSaysWhereItLooked() {
        let locator = ContentLocator(explicit: "/nonexistent/place", environment: [:], workingDirectory: URL(fileURLWithPath: "/tmp"), executable: nil)
        #expect(throws: ContentError.lessonsFolderMissing(searched: ["/nonexistent/place/Lessons"])) { try locator.locate() }
    }
}

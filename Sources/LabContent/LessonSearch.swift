import LabKit
import Foundation

/// Finds lines of lessons that contain all the given words, with the section they are in.
public struct LessonSearch: Sendable {
    public struct Hit: Sendable, Equatable {
        public var lessonID: String
        public var lessonNumber: Int
        public var lessonTitle: String
        public var section: String?
        /// Line in the lesson file (1-based).
        public var line: Int
        public var text: String
    }

    public init() {}

    public func search(_ query: String, in library: LessonLibrary) -> [Hit] {
        let words = query.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !words.isEmpty else { return [] }
        var hits: [Hit] = []
        for entry in library.entries {
            guard let lesson = entry.lesson, !entry.isBroken else { continue }
            let headings = Self.headings(in: lesson.document.blocks)
            var inFence = false
            for (index, raw) in lesson.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = raw.trimmed
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); continue }
                let lower = raw.lowercased()
                guard words.allSatisfy({ lower.contains($0) }) else { continue }
                let line = index + 1 + lesson.bodyLineOffset
                if !inFence && trimmed.hasPrefix("#") { continue } // a heading is the section itself, shown by the hit below it
                let section = headings.last(where: { $0.line <= line })?.title
                hits.append(Hit(lessonID: lesson.id, lessonNumber: entry.number, lessonTitle: lesson.title,
                                section: section, line: line, text: Self.readable(trimmed)))
            }
            // Headings that match are reported as the section itself.
            for heading in headings where words.allSatisfy({ heading.title.lowercased().contains($0) }) {
                hits.append(Hit(lessonID: lesson.id, lessonNumber: entry.number, lessonTitle: lesson.title,
                                section: heading.title, line: heading.line, text: heading.title))
            }
        }
        return hits.sorted { ($0.lessonNumber, $0.line) < ($1.lessonNumber, $1.line) }
    }

    static func headings(in blocks: [MarkdownBlock]) -> [(line: Int, title: String)] {
        blocks.compactMap { block in
            if case .heading(let level, let content) = block.kind, level >= 1 { return (block.line, content.plainText) }
            return nil
        }
    }

    /// The line without Markdown punctuation a reader doesn't need (list and quote markers, emphasis stars).
    static func readable(_ line: String) -> String {
        var s = line
        for prefix in ["> ", "- [ ] ", "- [x] ", "- ", "* ", "+ "] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        s = s.replacingOccurrences(of: "**", with: "")
        return s
    }
}

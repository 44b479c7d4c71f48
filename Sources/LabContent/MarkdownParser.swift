import LabKit
import CCmark
import Foundation

/// Parses GitHub-flavoured Markdown with cmark-gfm (tables, task lists, strikethrough, autolinks) into values.
public struct MarkdownParser: Sendable {
    /// Added to every line number, so a body that followed front matter reports lines of the whole file.
    public var lineOffset: Int

    public init(lineOffset: Int = 0) {
        self.lineOffset = lineOffset
    }

    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    public func parse(_ source: String) -> MarkdownDocument {
        _ = Self.registered
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_UNSAFE
        guard let parser = cmark_parser_new(options) else { return MarkdownDocument(blocks: []) }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var text = source
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { return MarkdownDocument(blocks: []) }
        defer { cmark_node_free(root) }
        return MarkdownDocument(blocks: blocks(under: root))
    }

    // MARK: - Conversion

    private func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    private func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func blocks(under node: OpaquePointer) -> [MarkdownBlock] {
        children(node).compactMap(block)
    }

    private func block(_ node: OpaquePointer) -> MarkdownBlock? {
        let line = Int(cmark_node_get_start_line(node)) + lineOffset
        let column = Int(cmark_node_get_start_column(node))
        let kind: MarkdownBlock.Kind
        switch typeName(node) {
        case "heading":
            kind = .heading(level: Int(cmark_node_get_heading_level(node)), content: inlines(under: node))
        case "paragraph":
            kind = .paragraph(inlines(under: node))
        case "block_quote":
            let body = blocks(under: node)
            if let (alert, rest) = Self.alert(in: body) {
                kind = .alert(alert, rest)
            } else {
                kind = .blockQuote(body)
            }
        case "list":
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let items = children(node).map { item -> MarkdownBlock.ListItem in
                let task: Bool? = typeName(item) == "tasklist" ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
                return MarkdownBlock.ListItem(task: task, blocks: blocks(under: item))
            }
            kind = .list(ordered: ordered, start: Int(cmark_node_get_list_start(node)),
                         tight: cmark_node_get_list_tight(node) != 0, items: items)
        case "code_block":
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let language = info.split(separator: " ").first.map(String.init)
            kind = .code(language: language, text: literal(node))
        case "html_block":
            kind = .html(literal(node))
        case "thematic_break":
            kind = .thematicBreak
        case "table":
            var alignments: [MarkdownBlock.Alignment] = []
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for i in 0..<columns {
                    switch raw[i] {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            var header: [[MarkdownInline]] = []
            var rows: [[[MarkdownInline]]] = []
            for row in children(node) {
                let cells = children(row).map { inlines(under: $0) }
                if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
            }
            kind = .table(alignments: alignments, header: header, rows: rows)
        default:
            let body = blocks(under: node)
            if body.isEmpty { return nil }
            kind = .blockQuote(body)
        }
        return MarkdownBlock(kind, line: line, column: column)
    }

    private func inlines(under node: OpaquePointer) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        for child in children(node) {
            let item: MarkdownInline
            switch typeName(child) {
            case "text": item = .text(literal(child))
            case "code": item = .code(literal(child))
            case "emph": item = .emphasis(inlines(under: child))
            case "strong": item = .strong(inlines(under: child))
            case "strikethrough": item = .strikethrough(inlines(under: child))
            case "link":
                item = .link(url: cmark_node_get_url(child).map { String(cString: $0) } ?? "",
                             title: cmark_node_get_title(child).map { String(cString: $0) } ?? "",
                             content: inlines(under: child))
            case "image":
                item = .image(url: cmark_node_get_url(child).map { String(cString: $0) } ?? "",
                              alt: inlines(under: child).plainText)
            case "softbreak": item = .softBreak
            case "linebreak": item = .lineBreak
            case "html_inline": item = .html(literal(child))
            default: item = .text(inlines(under: child).plainText)
            }
            // cmark splits text at '[' and '!': join neighbours so "[!NOTE]" stays one run.
            if case .text(let new) = item, case .text(let old)? = result.last {
                result[result.count - 1] = .text(old + new)
            } else {
                result.append(item)
            }
        }
        return result
    }

    /// The alert marker of a block quote whose first line is `[!KIND]`, and the body without it.
    static func alert(in body: [MarkdownBlock]) -> (AlertKind, [MarkdownBlock])? {
        guard let marker = alertMarker(in: body), let kind = AlertKind(rawValue: marker.uppercased()) else { return nil }
        var rest = body
        guard case .paragraph(var content) = rest[0].kind, case .text(let first) = content[0] else { return nil }
        let remainder = first.drop(while: { $0 != "]" }).dropFirst()
        content[0] = .text(String(remainder).trimmed)
        // Drop the line break that follows the marker and any empty leading text.
        while let head = content.first {
            if case .text(let t) = head, t.isEmpty { content.removeFirst(); continue }
            if head == .softBreak || head == .lineBreak { content.removeFirst(); continue }
            break
        }
        if content.isEmpty {
            rest.removeFirst()
        } else {
            rest[0].kind = .paragraph(content)
            rest[0].line += 1
        }
        return (kind, rest)
    }

    /// The word in a leading `[!WORD]`, known kind or not (lint reports unknown ones).
    public static func alertMarker(in body: [MarkdownBlock]) -> String? {
        guard let first = body.first, case .paragraph(let content) = first.kind,
              case .text(let text)? = content.first else { return nil }
        let trimmed = text.trimmed
        guard trimmed.hasPrefix("[!"), let close = trimmed.firstIndex(of: "]") else { return nil }
        let word = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
        guard !word.isEmpty, word.allSatisfy({ $0.isLetter }) else { return nil }
        return String(word)
    }
}

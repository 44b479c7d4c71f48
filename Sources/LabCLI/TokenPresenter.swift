import LabKit
import LabTerminal
import LabTokens

/// Turns a token report into terminal lines: header, claims with their meaning, signature, findings.
struct TokenPresenter {
    var style: OutputStyle
    var console: Console

    var wrapper: TextWrapper { TextWrapper(style: style) }

    func render(_ report: TokenReport) -> [String] {
        var lines: [String] = []
        var summary = "Inspected: \(report.input)"
        if let version = report.analysis.version { summary += ", \(version)" }
        if let service = report.analysis.service { summary += ", for \(service.name)" }
        if report.analysis.isLabToken { summary += " (a lab token)" }
        lines.append(console.paint(summary, "1"))
        if let response = report.response {
            lines += section("Response fields (every value is a string on the wire)", response)
        }
        lines += section("Header", report.header)
        lines += section("Claims", report.claims)
        lines.append("")
        lines.append(console.paint("Signature", "1;34"))
        let verdict: String
        switch report.signature.verified {
        case true?: verdict = "verified"
        case false?: verdict = "NOT valid"
        case nil: verdict = "not verified"
        }
        lines += wrapper.wrap([StyledRun("\(report.signature.algorithm), \(report.signature.bytes) bytes, \(verdict): \(report.signature.note)")],
                              width: style.width, firstPrefix: "  ", prefix: "  ")
        if !report.findings.isEmpty {
            lines.append("")
            lines.append(console.paint("What this token tells you", "1;34"))
            for finding in report.findings {
                let (label, colour): (String, String)
                switch finding.severity {
                case .problem: (label, colour) = ("Problem:", "1;31")
                case .warning: (label, colour) = ("Warning:", "1;33")
                case .note: (label, colour) = ("Note:", "36")
                }
                lines += wrapper.wrap([StyledRun(label, sgr: colour.split(separator: ";").map(String.init)), StyledRun(" " + finding.message)],
                                      width: style.width, firstPrefix: "  ", prefix: "    ")
            }
        }
        return lines
    }

    private func section(_ title: String, _ fields: [TokenReport.Field]) -> [String] {
        var lines = ["", console.paint(title, "1;34")]
        let nameWidth = min(14, fields.map(\.name.count).max() ?? 4)
        for field in fields {
            let indent = "  " + String(repeating: " ", count: nameWidth + 2)
            if style.plain {
                lines += wrapper.wrap([StyledRun("\(field.name): \(field.display)")], width: style.width, firstPrefix: "  ", prefix: "    ")
            } else if field.name.count > nameWidth {
                lines.append("  " + console.paint(field.name, "1"))
                lines += wrapper.wrap([StyledRun(field.display)], width: style.width, firstPrefix: indent, prefix: indent)
            } else {
                // The name column is a prefix: the wrapper folds spaces inside text, not in prefixes.
                let name = console.paint(field.name, "1") + String(repeating: " ", count: nameWidth - field.name.count + 2)
                lines += wrapper.wrap([StyledRun(field.display)], width: style.width, firstPrefix: "  " + name, prefix: indent)
            }
            let meaning = field.known ? "\(field.title ?? field.name): \(field.meaning ?? "")" : "Unknown to the lab: not in its glossary (shown as it is)."
            lines += wrapper.wrap([StyledRun(meaning, sgr: ["2"])], width: style.width,
                                  firstPrefix: "  " + String(repeating: " ", count: style.plain ? 2 : nameWidth + 2),
                                  prefix: "  " + String(repeating: " ", count: style.plain ? 2 : nameWidth + 2))
        }
        return lines
    }

    func render(_ walkthrough: ValidationWalkthrough) -> [String] {
        var lines = ["", console.paint("How \(walkthrough.service) validates it (locally, from published keys; no call to Entra ID)", "1;34")]
        for (index, step) in walkthrough.steps.enumerated() {
            let mark: String
            switch step.passed {
            case true?: mark = console.paint("PASS", "1;32")
            case false?: mark = console.paint("FAIL", "1;31")
            case nil: mark = console.paint("SKIP", "2")
            }
            lines += wrapper.wrap([StyledRun("\(step.name): ", sgr: ["1"]), StyledRun(step.detail)], width: style.width,
                                  firstPrefix: "  \(index + 1). \(mark) ", prefix: "          ")
        }
        lines += wrapper.wrap([StyledRun("Result: ", sgr: ["1"]), StyledRun(walkthrough.outcome)], width: style.width, firstPrefix: "  ", prefix: "    ")
        return lines
    }
}

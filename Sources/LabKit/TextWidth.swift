/// Display width of terminal text, so wrapping and tables line up with wide and combining characters.
public enum TextWidth {
    /// Columns a string occupies on screen, ignoring ANSI escape sequences.
    public static func of(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        var inOSC = false
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if inOSC {
                // OSC ends with BEL or ESC \
                if scalar == "\u{07}" || (previous == "\u{1B}" && scalar == "\\") { inOSC = false }
                previous = scalar
                continue
            }
            if inEscape {
                if previous == "\u{1B}" && scalar == "]" { inOSC = true; inEscape = false; previous = scalar; continue }
                if previous == "\u{1B}" && scalar != "[" { inEscape = false; previous = scalar; continue }
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
                previous = scalar
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; previous = scalar; continue }
            width += columns(of: scalar)
            previous = scalar
        }
        return width
    }

    /// Columns of one scalar: 0 for combining marks and controls, 2 for East Asian wide and emoji.
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        let props = scalar.properties
        if props.generalCategory == .nonspacingMark || props.generalCategory == .enclosingMark
            || props.generalCategory == .format || v == 0x200B { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Removes ANSI CSI and OSC escape sequences.
    public static func stripANSI(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inEscape = false, inOSC = false
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if inOSC {
                if scalar == "\u{07}" || (previous == "\u{1B}" && scalar == "\\") { inOSC = false }
                previous = scalar; continue
            }
            if inEscape {
                if previous == "\u{1B}" && scalar == "]" { inOSC = true; inEscape = false; previous = scalar; continue }
                if previous == "\u{1B}" && scalar != "[" { inEscape = false; previous = scalar; continue }
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
                previous = scalar; continue
            }
            if scalar == "\u{1B}" { inEscape = true; previous = scalar; continue }
            out.append(scalar)
            previous = scalar
        }
        return String(out)
    }
}

import Foundation

/// A query string read strictly, so a malformed request gets a 400 that names the fault instead of a guess.
enum QueryString {
    static let maxLength = 4096

    /// Splits and percent-decodes `raw` (the part after `?`); `+` is a space, as form encoding has it.
    static func parse(_ raw: String?) throws -> [(name: String, value: String)] {
        guard let raw, !raw.isEmpty else { return [] }
        let bytes = raw.utf8.count
        if bytes > maxLength { throw IMDSError.queryTooLong(bytes: bytes, limit: maxLength) }
        var result: [(name: String, value: String)] = []
        var seen = Set<String>()
        for (index, pair) in raw.split(separator: "&", omittingEmptySubsequences: false).enumerated() {
            guard !pair.isEmpty else {
                throw IMDSError.malformedQuery("parameter \(index + 1) is empty (a stray '&')")
            }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = parts[0], rawValue = parts.count > 1 ? parts[1] : ""
            guard !rawName.isEmpty else { throw IMDSError.malformedQuery("parameter \(index + 1) has a value but no name") }
            if rawValue.contains("=") {
                throw IMDSError.malformedQuery("the value of '\(rawName)' holds an unencoded '=' (send it as %3D)")
            }
            let name = try decode(rawName, field: "a parameter name")
            let value = try decode(rawValue, field: "the value of '\(name)'")
            guard seen.insert(name).inserted else { throw IMDSError.repeatedParameter(name) }
            result.append((name, value))
        }
        return result
    }

    static func decode(_ text: Substring, field: String) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8).makeIterator()
        var offset = 0
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw IMDSError.malformedQuery("\(field) has a '%' at byte \(offset) not followed by two hex digits")
                }
                out.append(high << 4 | low)
                offset += 2
            default: out.append(byte)
            }
            offset += 1
        }
        guard let string = String(bytes: out, encoding: .utf8) else {
            throw IMDSError.malformedQuery("\(field) does not decode to UTF-8 text")
        }
        if string.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            throw IMDSError.malformedQuery("\(field) holds a control character")
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space; a native stand-in for Foundation's
    /// `trimmingCharacters(in:)`, which bridges through NSString and dominated loading a large quiz bank.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        // Nothing to cut (the common case): no scalar-by-scalar copy of what may be a whole file.
        if start == scalars.startIndex && scalars.index(after: end) == scalars.endIndex { return String(self) }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

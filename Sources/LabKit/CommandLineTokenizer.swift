/// Splits a REPL line into words the way a shell would: spaces separate, quotes group, backslash escapes.
public enum CommandLineTokenizer {
    public enum Failure: Error, Equatable { case unclosedQuote(Character) }

    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false; inWord = true; continue }
            if ch == "\\" && quote != "'" { escaped = true; inWord = true; continue }
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch == "\"" || ch == "'" { quote = ch; inWord = true; continue }
            if ch == " " || ch == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(ch)
            inWord = true
        }
        if let q = quote { throw Failure.unclosedQuote(q) }
        if escaped { current.append("\\") }
        if inWord { words.append(current) }
        return words
    }
}

/// A run of inline Markdown inside a paragraph, heading, list item or table cell.
public indirect enum Inline: Sendable, Hashable {
    case text(String)
    case bold([Inline])
    case italic([Inline])
    case code(String)
    /// `[text](url)`, `<url>` and images `![alt](url)` (an image shows as its alt text).
    case link(text: [Inline], url: String)

    /// The words a reader sees, without any styling (link URLs left out).
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s): return s
        case .bold(let inner), .italic(let inner), .link(let inner, _): return inner.plainText
        }
    }
}

extension Array where Element == Inline {
    /// The concatenated visible text of the runs.
    public var plainText: String { map(\.plainText).joined() }
}

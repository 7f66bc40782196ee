import Canvas

/// Plain-ASCII spellings of the symbols lessons use, for laying text out in ASCII mode: the
/// `spelled` form of Canvas's one `ASCIIFallback` table (whose one-column form the terminal
/// uses), so text is spelled out (`^2`, `<-`, `eta`) before it wraps.
public enum ASCIIText {
    /// `text` with every listed symbol spelled out; unchanged when it is all ASCII already.
    public static func spelled(_ text: String) -> String { ASCIIFallback.spelled(text) }
}

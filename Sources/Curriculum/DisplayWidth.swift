import Canvas

/// How many terminal columns text occupies: the lesson layout's name for Canvas's `TextWidth`,
/// the one width table the buffer and the layout share (so a line wrapped to fit is a line that
/// fits when drawn).
public typealias DisplayWidth = TextWidth

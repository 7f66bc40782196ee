/// Canvas: cells, styles, rectangles and the buffer every screen draws into.
public enum Canvas {}

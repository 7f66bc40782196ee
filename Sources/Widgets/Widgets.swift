import Canvas
/// Widgets: pure renderers that draw into a region of a `Buffer`.
public enum Widgets {}

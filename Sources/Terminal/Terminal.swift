import CNCurses
import Canvas
/// Terminal: the only code that talks to ncurses.
public enum TerminalInfo {}

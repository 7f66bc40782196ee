#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, which hides the wide-char API.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <ncursesw/curses.h>

// Swift 6 rejects mutable C globals and cannot see function-like macros: expose them here.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_err(void) { return ERR; }
static inline int cn_ok(void) { return OK; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }

/// One cell: a wide character with attributes and an extended colour pair.
static inline int cn_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t c;
    if (setcchar(&c, wch, attrs, 0, &pair) != OK) return ERR;
    return mvadd_wch(y, x, &c);
}

/// A new screen on the process's stdout/stdin; NULL (instead of exiting) when TERM is unusable.
static inline SCREEN *cn_newterm(void) { return newterm(NULL, stdout, stdin); }

static inline int cn_get_wch(wint_t *out) { return get_wch(out); }
static inline int cn_unget_wch(wchar_t ch) { return unget_wch(ch); }

/// The codeset of the current locale ("UTF-8" under a UTF-8 locale).
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

/// On a crash (a Swift trap raises SIGILL or SIGTRAP), give the terminal back before dying.
static void cn_fatal_handler(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void cn_install_fatal_handlers(void) {
    signal(SIGILL, cn_fatal_handler);
    signal(SIGTRAP, cn_fatal_handler);
    signal(SIGSEGV, cn_fatal_handler);
    signal(SIGBUS, cn_fatal_handler);
    signal(SIGABRT, cn_fatal_handler);
    signal(SIGFPE, cn_fatal_handler);
}

static inline void cn_reset_fatal_handlers(void) {
    signal(SIGILL, SIG_DFL);
    signal(SIGTRAP, SIG_DFL);
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    signal(SIGABRT, SIG_DFL);
    signal(SIGFPE, SIG_DFL);
}


#endif

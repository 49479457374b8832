#ifndef RNNBOOK_NCURSES_SHIM_H
#define RNNBOOK_NCURSES_SHIM_H
// Wide-character ncurses. Function-like macros are not imported into Swift, so the ones
// rnnbook needs are re-exposed as static inline functions.
//
// No state lives here: static inline functions are emitted once per object file, so a static
// variable in one would be a different variable in each Swift source file that calls it.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
#include <ncursesw/curses.h>

static inline int rnn_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int rnn_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int rnn_color_pair(int n) { return (int)COLOR_PAIR(n); }

// MARK: Attributes (each A_* is a macro built from NCURSES_BITS)
static inline attr_t rnn_attr_bold(void) { return A_BOLD; }
static inline attr_t rnn_attr_dim(void) { return A_DIM; }
static inline attr_t rnn_attr_italic(void) { return A_ITALIC; }
static inline attr_t rnn_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t rnn_attr_reverse(void) { return A_REVERSE; }

// MARK: Cells
/// Writes one wide character with attributes and colour pair at (y, x) of stdscr.
/// `pair` may exceed a short: ncurses 6 takes the full number through the last argument.
static inline int rnn_put_cell(int y, int x, wchar_t glyph, attr_t attrs, int pair) {
    cchar_t cell;
    wchar_t text[2] = { glyph, 0 };
    setcchar(&cell, text, attrs, (NCURSES_PAIRS_T)(pair > 0x7fff ? 0x7fff : pair), &pair);
    return mvwadd_wch(stdscr, y, x, &cell);
}

// MARK: Mouse
/// Reports presses of buttons 1–3 and the wheel (4 up, 5 down); clicks are not synthesised
/// (mouseinterval 0), so a press is reported at once instead of after a click delay.
static inline mmask_t rnn_enable_mouse(void) {
    mouseinterval(0);
    return mousemask(BUTTON1_PRESSED | BUTTON2_PRESSED | BUTTON3_PRESSED
                     | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
}
static inline void rnn_disable_mouse(void) { mousemask(0, NULL); }

/// The button a mouse state reports as pressed or clicked: 1–5, or 0 for anything else
/// (releases, motion).
static inline int rnn_mouse_button(mmask_t state) {
    if (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (state & (BUTTON2_PRESSED | BUTTON2_CLICKED)) return 2;
    if (state & (BUTTON3_PRESSED | BUTTON3_CLICKED)) return 3;
    if (state & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (state & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}

// MARK: Terminfo
/// A terminfo string capability, or NULL when the terminal lacks it (tigetstr's -1 and 0).
static inline const char *rnn_tigetstr(const char *name) {
    char *s = tigetstr(name);
    return (s == (char *)-1) ? NULL : s;
}

/// Whether the current locale encodes text as UTF-8 (braille and box drawing need it).
static inline int rnn_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// MARK: Signals (sigaction's handler field is a union Swift cannot set portably)
/// Installs `handler` for `sig` with every other signal unblocked and SA_RESTART, saving
/// the previous action in `previous`.
static inline int rnn_install_handler(int sig, void (*handler)(int), struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(sig, &action, previous);
}

/// Puts back the default action for `sig`.
static inline int rnn_default_handler(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(sig, &action, NULL);
}

/// Whether `action` was ignoring its signal (a program started with SIGHUP ignored, by
/// nohup for example, must keep ignoring it).
static inline int rnn_action_ignores(const struct sigaction *action) {
    return action->sa_handler == SIG_IGN;
}

/// Unblocks `sig` in the calling thread (inside a handler it is blocked until return).
static inline int rnn_unblock_signal(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    return sigprocmask(SIG_UNBLOCK, &set, NULL);
}

#endif

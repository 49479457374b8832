#ifndef RNNBOOK_NCURSES_SHIM_H
#define RNNBOOK_NCURSES_SHIM_H
// Wide-character ncurses. Function-like macros are not imported into Swift, so the ones
// rnnbook needs are re-exposed as static inline functions.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

static inline int rnn_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int rnn_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int rnn_color_pair(int n) { return (int)COLOR_PAIR(n); }

#endif

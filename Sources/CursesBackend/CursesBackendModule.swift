// CursesBackend: the only importer of the ncurses shim. It flushes Buffer diffs to the
// screen and turns keys, mouse clicks, resizes and signals into events.
@_exported import TermGrid

// Notebook: scenarios, the question bank, session state and its reducer, and training in
// frame-sized slices. It knows RNNCore, Panes and TermGrid, and nothing about the terminal.
@_exported import TermGrid

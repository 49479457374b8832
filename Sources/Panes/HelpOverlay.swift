import TermGrid

/// The `?` overlay: every key and every `:` command, in a box centred over the panes.
/// Everything beneath the box is cleared so no pane shows through.
public enum HelpOverlay {
    /// The keys of the notebook, as the interaction table lists them.
    public static let keys: [(key: String, action: String)] = [
        ("space", "play / pause"),
        (".", "one training step"),
        ("r", "reset"),
        ("+ -", "speed up / slow down"),
        ("Tab", "move focus"),
        ("z", "zoom the focused pane to full screen"),
        ("arrows hjkl", "scroll, or move the heatmap cursor"),
        ("PgUp PgDn", "scroll a page"),
        ("[ ]", "previous / next layer and direction (hidden states, gates)"),
        ("n p", "next / previous walkthrough step"),
        (":", "command line"),
        ("/", "question search"),
        ("?", "this help"),
        ("q", "close an overlay, or quit"),
        ("click", "focus a pane"),
    ]

    /// The `:` commands.
    public static let commands: [(command: String, action: String)] = [
        (":set KEY VALUE", "change a parameter, e.g. :set radius 1.2"),
        (":run N", "train N steps"),
        (":reset", "reset the model"),
        (":focus PANE", "focus a pane, e.g. :focus gradients"),
        (":open SCENARIO", "open another scenario"),
        (":step N", "go to walkthrough step N and run its actions"),
        (":help", "this overlay"),
        (":quit", "quit (also :q)"),
    ]

    /// The help text as lines: a title row per section, then `key  action` rows.
    static func lines(ascii: Bool) -> [TextLine] {
        let keyWidth = max(keys.map { $0.key.count }.max() ?? 0, commands.map { $0.command.count }.max() ?? 0) + 2
        var out: [TextLine] = [TextLine("Keys", marks: .heading2)]
        func row(_ key: String, _ action: String) {
            var line = TextLine(" ")
            line.append(key, marks: .code)
            line.appendSpaces(keyWidth - key.count)
            line.append(action, marks: [])
            out.append(line)
        }
        for (key, action) in keys { row(ascii || key != "arrows hjkl" ? key : "←↓↑→ hjkl", action) }
        out.append(TextLine())
        out.append(TextLine("Commands (type : then Enter; Tab completes)", marks: .heading2))
        for (command, action) in commands { row(command, action) }
        return out
    }

    /// Lines the help has, to clamp `scroll` when the box is shorter than the help.
    public static var lineCount: Int { keys.count + commands.count + 3 }

    /// Draws the overlay centred in `area` (the whole screen), scrolled by `scroll` lines
    /// when the box cannot show everything.
    public static func render(scroll: Int = 0, in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        guard !area.isEmpty else { return }
        let ascii = context.capabilities.glyphs == .ascii
        let content = lines(ascii: ascii)
        let width = (content.map(\.count).max() ?? 0) + 4
        let box = TextBoxes.centered(width: width, height: content.count + 2, in: area)
        let inner = TextBoxes.overlay(title: ascii ? "help - q closes" : "help · q closes", in: box, into: &buffer, context: context)
        let textArea = inner.inset(left: inner.width > 2 ? 1 : 0)
        let theme = TextTheme(capabilities: context.capabilities)
        let top = min(max(0, scroll), max(0, content.count - textArea.height))
        for row in 0..<textArea.height where top + row < content.count {
            content[top + row].draw(x: textArea.x, y: textArea.y + row, clip: textArea, into: &buffer, theme: theme)
        }
    }
}

import Panes
import TermGrid

extension HomeScreen {
    static let headingStyle = Style(foreground: .rgb(150, 170, 255), attributes: .bold)
    static let selectedStyle = Style(foreground: .rgb(20, 20, 30), background: .rgb(150, 200, 255), attributes: .bold)
    static let dimStyle = Style(foreground: .gray)

    /// The whole home screen for a `width` × `height` terminal.
    public mutating func frame(into buffer: inout Buffer, capabilities: Capabilities) {
        buffer.clear()
        let screen = buffer.bounds
        let context = PaneContext(capabilities: capabilities)
        guard screen.width >= ScreenComposer.minimumWidth && screen.height >= ScreenComposer.minimumHeight else {
            ScreenComposer.drawTooSmall(in: screen, into: &buffer)
            return
        }
        let (title, rest) = screen.splitTop(1)
        buffer.fill(title, with: Cell(" ", style: ScreenComposer.titleStyle))
        buffer.put(" rnnbook · train recurrent networks and watch them learn", x: 0, y: 0, style: ScreenComposer.titleStyle, clip: title)
        let (body, footer) = rest.splitTop(rest.height - 1)
        let columns = Layout.horizontal([.percentage(45), .fill(1)]).split(body)
        var listContext = context
        listContext.focused = true
        let listInner = PaneChrome.draw(title: "scenarios", in: columns[0], into: &buffer, context: listContext)
        drawSearch(in: listInner, into: &buffer)
        drawList(in: listInner.inset(top: 2), into: &buffer)
        drawPreview(in: columns[1], into: &buffer, context: context)
        let ascii = capabilities.glyphs == .ascii
        let hint = ascii ? " type to search  up/down choose  Enter open  Esc clear  q quit"
            : " type to search  ↑↓ choose  Enter open  Esc clear  q quit"
        buffer.fill(footer, with: Cell(" ", style: StatusBar.barStyle))
        buffer.put(hint, x: footer.x, y: footer.y, style: StatusBar.barStyle, clip: footer)
    }

    func drawSearch(in area: Rect, into buffer: inout Buffer) {
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        let label = query.isEmpty ? "/ search scenarios and questions" : "/ " + query
        buffer.put(label, x: row.x, y: row.y, style: query.isEmpty ? Self.dimStyle : Style(attributes: .bold), clip: row)
        if !query.isEmpty {
            let cursor = min(row.maxX - 1, row.x + 2 + query.count)
            buffer[cursor, row.y] = Cell(" ", style: Style(attributes: .reverse))
        }
    }

    func drawList(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        if entries.isEmpty {
            buffer.put("nothing matches \"\(query)\"", x: area.x, y: area.y, style: Self.dimStyle, clip: area)
            return
        }
        // Keep the selection in view, a few rows from the edges.
        let first = max(0, min(selection - area.height / 2, entries.count - area.height))
        for (row, index) in (first..<min(entries.count, first + area.height)).enumerated() {
            let y = area.y + row
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            switch entries[index] {
            case .chapter(let name):
                buffer.put(name, x: area.x, y: y, style: Self.headingStyle, clip: line)
            case .scenario(let s):
                let style = index == selection ? Self.selectedStyle : Style()
                if index == selection { buffer.fill(line, with: Cell(" ", style: style)) }
                buffer.put("  " + s.title, x: area.x, y: y, style: style, clip: line)
            case .question(let q):
                let style = index == selection ? Self.selectedStyle : Style()
                if index == selection { buffer.fill(line, with: Cell(" ", style: style)) }
                buffer.put("  ? " + q.question, x: area.x, y: y, style: style, clip: line)
            }
        }
    }

    mutating func drawPreview(in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        var title = "", markdown = ""
        switch selected {
        case .scenario(let s):
            title = s.title
            let steps = s.steps.enumerated().map { "\($0.offset + 1). \($0.element.title)" }.joined(separator: "\n")
            markdown = "**\(s.chapter)** · `rnnbook open \(s.id)`\n\n**Claim.** \(s.claim)\n\n\(s.intro)\n\n## Walkthrough\n\n\(steps)"
        case .question(let q):
            title = q.question
            markdown = q.answer
        default: break
        }
        let inner = PaneChrome.draw(title: "preview", in: area, into: &buffer, context: context)
        guard !title.isEmpty else { return }
        let layout = previewCache.layout(title: title, markdown: markdown, width: AnswerPane.textWidth(for: inner),
                                         ascii: context.capabilities.glyphs == .ascii)
        AnswerPane.render(layout, state: AnswerPane.ViewState(), in: inner, into: &buffer, context: context)
    }
}

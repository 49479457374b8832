import TermGrid

/// Pane 9: the one-row status bar.
///
/// `vanishing-gradients  2/5  step 1200  loss 0.412  850 steps/s  60 fps  running   ? help`
///
/// When the row is too narrow, fields go in this order: frames per second, steps per second,
/// walkthrough step, scenario, loss, the run state; a status message gives way before the run
/// state but after everything else, and is cut with `…` rather than dropped. `step N` and
/// `? help` stay whenever the row is at least 30 columns wide.
public enum StatusBar {
    public enum RunState: Hashable, Sendable {
        case running, paused
        /// Training hit NaN or Inf and paused itself.
        case nonFinite
    }

    public struct Status: Hashable, Sendable {
        public var scenario: String
        /// 1-based walkthrough step and the number of steps, when the scenario has a walkthrough.
        public var walkthroughStep: Int?
        public var walkthroughCount: Int?
        /// The training step, shown as `step N`.
        public var step: Int
        public var loss: Double?
        public var stepsPerSecond: Double?
        public var framesPerSecond: Double?
        public var runState: RunState
        /// A transient message (e.g. `radius must be in 0.1…3.0`); the caller decides how long
        /// it stays by setting it back to nil.
        public var message: String?

        public init(scenario: String, walkthroughStep: Int? = nil, walkthroughCount: Int? = nil, step: Int,
                    loss: Double? = nil, stepsPerSecond: Double? = nil, framesPerSecond: Double? = nil,
                    runState: RunState = .paused, message: String? = nil) {
            self.scenario = scenario; self.walkthroughStep = walkthroughStep; self.walkthroughCount = walkthroughCount
            self.step = step; self.loss = loss; self.stepsPerSecond = stepsPerSecond
            self.framesPerSecond = framesPerSecond; self.runState = runState; self.message = message
        }
    }

    public static let barStyle = Style(foreground: .rgb(210, 210, 220), background: .rgb(35, 35, 48))

    /// Style of the run-state field: green running, yellow paused, red NaN. Without colour,
    /// paused is bold and NaN reversed, so the three still differ.
    public static func style(for state: RunState) -> Style {
        switch state {
        case .running: return barStyle.foreground(.rgb(110, 220, 120))
        case .paused: return barStyle.foreground(.rgb(240, 200, 80)).adding(.bold)
        case .nonFinite: return Style(foreground: .brightWhite, background: .rgb(200, 40, 40), attributes: [.bold, .reverse])
        }
    }

    /// Draws the bar in the first row of `area`.
    public static func render(_ status: Status, in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        let ascii = context.capabilities.glyphs == .ascii
        buffer.fill(row, with: Cell(" ", style: barStyle))

        let help = "? help"
        let step = "step " + String(status.step)
        // Too narrow for the layout: step first, then help if it fits.
        guard row.width >= step.count + help.count + 3 else {
            let end = buffer.put(step, x: row.x, y: row.y, style: barStyle.adding(.bold), clip: row)
            if row.maxX - end >= help.count + 1 { buffer.put(help, x: row.maxX - help.count, y: row.y, style: barStyle, clip: row) }
            return
        }
        buffer.put(help, x: row.maxX - help.count - 1, y: row.y, style: barStyle.adding(.bold), clip: row)

        enum Field: Int { case scenario, walkthrough, step, loss, speed, fps, state, message }
        var texts: [Field: (String, Style)] = [.step: (step, barStyle.adding(.bold))]
        var candidates: [(Field, String, Style)] = []
        let stateText: String
        switch status.runState {
        case .running: stateText = "running"
        case .paused: stateText = "paused"
        case .nonFinite: stateText = ascii ? "NaN - paused" : "NaN — paused"
        }
        candidates.append((.state, stateText, style(for: status.runState)))
        if let message = status.message, !message.isEmpty {
            candidates.append((.message, message, barStyle.foreground(.rgb(255, 220, 120)).adding(.bold)))
        }
        if let loss = status.loss { candidates.append((.loss, "loss " + NumberFormat.compact(loss, digits: 3), barStyle)) }
        if !status.scenario.isEmpty { candidates.append((.scenario, status.scenario, barStyle.foreground(.rgb(140, 200, 255)))) }
        if let k = status.walkthroughStep, let n = status.walkthroughCount {
            candidates.append((.walkthrough, String(k) + "/" + String(n), barStyle))
        }
        if let sps = status.stepsPerSecond { candidates.append((.speed, NumberFormat.compact(sps, digits: 3) + " steps/s", barStyle)) }
        if let fps = status.framesPerSecond { candidates.append((.fps, NumberFormat.compact(fps, digits: 2) + " fps", barStyle)) }

        // Fields in order of importance until one does not fit; two spaces between fields.
        let available = row.width - 1 - help.count - 2
        var used = 1 + step.count
        for (field, text, style) in candidates {
            let need = 2 + text.unicodeScalars.count
            if used + need <= available {
                texts[field] = (text, style); used += need
                continue
            }
            if field == .message, available - used >= 2 + 8 {
                texts[field] = (TextGlyph.truncate(text, to: available - used - 2, ascii: ascii), style)
            }
            break
        }
        var x = row.x + 1
        for field in [Field.scenario, .walkthrough, .step, .loss, .speed, .fps, .state, .message] {
            guard let (text, style) = texts[field] else { continue }
            if x > row.x + 1 { x += 2 }
            x = buffer.put(text, x: x, y: row.y, style: style, clip: row)
        }
    }
}

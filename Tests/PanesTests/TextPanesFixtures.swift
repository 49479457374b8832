import Panes
import RNNCore
import TermGrid

/// Hand-made inputs shared by the text-pane tests.
enum TextPanesFixtures {
    static let full = PaneContext(capabilities: .full)
    static let ascii = PaneContext(capabilities: Capabilities(colorDepth: .mono, glyphs: .ascii))
    static let mono = PaneContext(capabilities: Capabilities(colorDepth: .mono, glyphs: .braille))

    /// A tanh RNN on a 12-step sequence whose gradient shrinks by 10× per step back in time.
    static func vanishingSnapshot(steps: Int = 12) -> ProbeSnapshot {
        var s = ProbeSnapshot(step: 1200, loss: 0.4123)
        s.length = steps
        s.gradHNorms = (0..<steps).map { t in pow10(t - steps + 1) * 2.5 }
        return s
    }

    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(n) { r *= 10 }
        return n < 0 ? 1 / r : r
    }

    static let answerTitle = "Why do gradients vanish in a vanilla RNN?"
    static let answerMarkdown = """
        Backpropagation through time multiplies one Jacobian per step:

        ∂L/∂h_t = ∂L/∂h_T · Π_k W_hhᵀ·diag(1 − h_k²)

        When the **spectral radius** of `W_hh` is below 1, ‖∂L/∂h_t‖ shrinks *geometrically*.

        ## Remedies

        - Gated cells (LSTM, GRU) keep an additive path:
          - the cell state c_t = f_t⊙c_{t−1} + i_t⊙g_t
          - the forget gate f_t near 1
        - Gradient clipping fixes the *opposite* problem.
        1. Orthogonal init
        2. Truncated BPTT

        | cell | gates | path |
        |---|:-:|---|
        | Elman | 0 | h_t = tanh(W_hh·h_{t−1} + W_xh·x_t) |
        | LSTM | 3 | c_t = f_t⊙c_{t−1} + i_t⊙g_t |

        ```python
        h = np.tanh(W_hh @ h + W_xh @ x)   # one step of the recurrence
        ```

        > A radius of 1.0 is the edge of chaos.
        """
}

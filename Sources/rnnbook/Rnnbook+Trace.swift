import ArgumentParser
import RNNCore

extension Rnnbook {
    struct Trace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a PyTorch RNN/LSTM/GRU checkpoint forward and backward; print JSON.",
            discussion: """
            The input JSON holds {"cell": "rnn_tanh"|"rnn_relu"|"lstm"|"gru", "inputs": T×B×I, \
            "grad_outputs": T×B×(D·H)}, time-major. The output holds outputs, h_n, c_n (LSTM), \
            the gradient of every checkpoint tensor for L = Σ outputs ⊙ grad_outputs, and \
            grad_h_norms: ‖∂L/∂h_t‖ of the last layer at each step.
            """)

        @Option(help: "A safetensors file saved from nn.RNN, nn.LSTM or nn.GRU (F32 or F64).")
        var checkpoint: String

        @Option(help: "The input JSON file.")
        var input: String

        func run() throws {
            let source = try SafetensorsFile.read(path: checkpoint)
            let request = try RNNCore.Trace.readInput(path: input)
            let result = try RNNCore.Trace.run(checkpoint: source, input: request, inputPath: input)
            try printJSON(result)
        }
    }
}

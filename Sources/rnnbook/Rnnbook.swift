import ArgumentParser
import RNNCore

@main
struct Rnnbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnnbook",
        abstract: "Train small recurrent networks live and look inside them.",
        subcommands: [])
}

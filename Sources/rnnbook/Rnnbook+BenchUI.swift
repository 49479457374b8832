import Foundation
import Notebook
import TermGrid

/// `rnnbook bench --ui`: how fast the notebook draws, starts and how much memory it keeps.
enum UIBenchmark {
    /// Median milliseconds to compose a frame and diff it against the previous one, on the
    /// attention scenario (the busiest panes), with one training step between frames so every
    /// frame has new data, as it does while training runs.
    static func frameMilliseconds(width: Int, height: Int, frames: Int = 200) throws -> (median: Double, count: Int) {
        let runtime = try attentionRuntime()
        runtime.trainNow(steps: 20)
        var previous = Buffer(width: width, height: height)
        var current = Buffer(width: width, height: height)
        var times: [Double] = []
        var changed = 0
        for _ in 0..<frames {
            runtime.trainNow(steps: 1)
            let t0 = Rnnbook.Bench.now()
            runtime.frame(into: &current, now: 0, framesPerSecond: 30)
            changed &+= current.changes(since: previous).count
            times.append((Rnnbook.Bench.now() - t0) * 1e3)
            swap(&previous, &current)
        }
        precondition(changed > 0, "frames never changed: the benchmark would time nothing")
        return (median(times), times.count)
    }

    static func attentionRuntime() throws -> NotebookRuntime {
        let catalog = ScenarioCatalog(directories: [ScenarioCatalog.shippedDirectory])
        guard let scenario = catalog.scenario(id: "attention") else {
            throw CommandError("the attention scenario is missing from \(ScenarioCatalog.shippedDirectory.path)")
        }
        return try NotebookRuntime(scenario: scenario, catalog: catalog, questions: QuestionSource(), capabilities: .full)
    }

    /// Median wall time of a fresh process that loads the catalogue, builds the model and
    /// writes its first frame (`render … --steps 0`): everything `open` does before its first
    /// draw except taking over the terminal.
    static func startupMilliseconds(runs: Int = 7) throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let t0 = Rnnbook.Bench.now()
            _ = try runSelf(["render", "attention", "--steps", "0", "--size", "200x60", "--format", "ansi"])
            times.append((Rnnbook.Bench.now() - t0) * 1e3)
        }
        return median(times)
    }

    /// Peak resident memory (MB) of a process that trains the attention scenario for 300
    /// steps and composes its frame.
    static func attentionPeakMegabytes() throws -> Double {
        let rss = try runSelf(["render", "attention", "--steps", "300", "--size", "200x60"])
        return Double(rss) / 1024
    }

    /// Runs this executable with `arguments`, output discarded; returns the child's peak RSS
    /// in KiB (getrusage of the one child reaped).
    static func runSelf(_ arguments: [String]) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError("rnnbook \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        var after = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &after)
        // ru_maxrss of children is the largest of any reaped child so far, so the memory
        // measurement runs before any other child.
        return after.ru_maxrss
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func run(json: Bool) throws {
        let small = try frameMilliseconds(width: 80, height: 24)
        let large = try frameMilliseconds(width: 200, height: 60)
        let memory = try attentionPeakMegabytes()
        let startup = try startupMilliseconds()
        if json {
            try printJSON(["ui": [
                "frame_ms_80x24": small.median, "frame_ms_200x60": large.median,
                "startup_ms": startup, "attention_peak_rss_mb": memory, "frames": large.count,
            ] as [String: Any]])
        } else {
            print(String(format: "frame (compose + diff), 80×24:   %7.3f ms median of %d", small.median, small.count))
            print(String(format: "frame (compose + diff), 200×60:  %7.3f ms median of %d   goal ≤ 2 ms", large.median, large.count))
            print(String(format: "start to first frame (render):   %7.1f ms median   goal ≤ 150 ms", startup))
            print(String(format: "attention, peak resident memory: %7.1f MB   goal ≤ 64 MB", memory))
        }
    }
}

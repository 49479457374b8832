import ArgumentParser
import Foundation
import RNNCore

extension Rnnbook {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time one training step of each benchmark workload (see shared/bench/anchors.py).",
            discussion: "Reports the median over repeated steps after a warm-up. Compare with anchors.py in the same run: scripts/bench.sh does both.")

        @Option(help: "Only this workload: W0, W1, W2, W3 or W4.")
        var workload: String?

        @Option(help: "Threads for matrix products (default: OpenBLAS's choice).")
        var threads: Int?

        @Option(help: "Seconds to spend timing each workload, at most.")
        var seconds: Double = 3

        @Flag(help: "Print {\"results\": {\"W0\": {\"ms_per_step\": …}, …}} on one line.")
        var json = false

        @Flag(help: "Time the notebook instead: frame compose + diff at 80×24 and 200×60, start to first frame, and peak memory of the attention scenario.")
        var ui = false

        func validate() throws {
            if let threads, threads < 1 || threads > 256 { throw InputError(place: "--threads", "must be between 1 and 256, got \(threads)") }
            if seconds <= 0 || seconds > 600 { throw InputError(place: "--seconds", "must be in (0, 600], got \(seconds)") }
        }

        func run() throws {
            if ui { return try UIBenchmark.run(json: json) }
            if let threads { setBLASThreads(threads) }
            let names = workload.map { [$0] } ?? BenchWorkload.names
            var results: [String: Any] = [:]
            for name in names {
                let w = try BenchWorkload.make(name)
                let times = Self.time(w.step, budget: seconds)
                let ms = median(times) * 1e3
                var entry: [String: Any] = ["ms_per_step": ms, "repetitions": times.count]
                if let flops = w.flopsPerStep { entry["gflops"] = flops / (ms * 1e-3) / 1e9 }
                results[name] = entry
                if !json {
                    let extra = (entry["gflops"] as? Double).map { String(format: "  %.1f GFLOP/s", $0) } ?? ""
                    print(String(format: "%@  %9.3f ms/step  (median of %d)%@  %@", name, ms, times.count, extra, w.summary))
                }
            }
            if json { try printJSON(["results": results, "blas_core": blasCoreName, "blas_threads": BLASThreads.limit]) }
            else { print("OpenBLAS kernels: \(blasCoreName), up to \(BLASThreads.limit) thread(s)") }
        }

        /// Warm-up, then repeated timings until the budget or 1000 repetitions.
        static func time(_ step: () -> Void, budget: Double) -> [Double] {
            let warm = now()
            var warmups = 0
            while warmups < 3 || (now() - warm < 0.2 && warmups < 50) { step(); warmups += 1 }
            var times: [Double] = []
            times.reserveCapacity(1000)
            let start = now()
            while times.count < 5 || (now() - start < budget && times.count < 1000) {
                let t0 = now()
                step()
                times.append(now() - t0)
            }
            return times
        }

        static func now() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_MONOTONIC, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
        }

        func median(_ xs: [Double]) -> Double {
            let s = xs.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
    }
}

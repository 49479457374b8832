#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time of the calling thread, for claims about cost.
///
/// Wall time measures the machine as much as the code: with other jobs on the same cores, a run
/// longer than a scheduler slice is interleaved with theirs and its wall time inflates by the
/// load, while a run shorter than a slice often escapes. The thread's own CPU time counts only
/// the cycles it ran, so the claims' exponents and budgets do not depend on what else runs.
enum CPUTime {
    /// Seconds of CPU the calling thread has used.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// CPU seconds `body` takes on the calling thread.
    static func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work made of independent parts, such as row ranges of a batch or of a product.
protocol PartedWork: AnyObject {
    /// Runs part `part` of `parts`. Parts must not write the same memory.
    func runPart(_ part: Int, of parts: Int)
}

/// Long-lived helper threads: `tryRun` hands parts 1..<n of a job to n − 1 helpers while the
/// calling thread runs part 0, and returns when all are done.
///
/// A training step hands off work a few times per layer (each time loop, each large product),
/// so a hand-off must cost microseconds and allocate nothing: the job is a reference the
/// helpers read under a mutex, and both sides wait on condition variables. Helpers start on
/// first use. One job at a time: a caller that finds the team busy (another thread's job, or
/// a product inside a part) gets `false` and runs its work itself.
final class ThreadTeam: @unchecked Sendable {
    /// The process's team.
    static let shared = ThreadTeam()

    private let busy = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let posted = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var helpers = 0
    // Guarded by `mutex`.
    private var job: PartedWork? = nil
    private var parts = 0
    private var generation = 0
    private var remaining = 0

    private init() {
        pthread_mutex_init(busy, nil)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(posted, nil)
        pthread_cond_init(finished, nil)
    }

    /// Runs `work` as `parts` parts, part 0 on this thread; false (and nothing run) when the
    /// team is already running a job.
    func tryRun(_ work: PartedWork, parts n: Int) -> Bool {
        guard n > 1, tryAcquire() else { return false }
        runAcquired(work, parts: n)
        release()
        return true
    }

    /// Claims the team for one job, or returns false when it is busy.
    func tryAcquire() -> Bool { pthread_mutex_trylock(busy) == 0 }
    func release() { pthread_mutex_unlock(busy) }

    /// `tryRun` for a caller that holds the team.
    func runAcquired(_ work: PartedWork, parts n: Int) {
        while helpers < n - 1 { startHelper(helpers + 1) }
        pthread_mutex_lock(mutex)
        job = work
        parts = n
        remaining = n - 1
        generation += 1
        pthread_cond_broadcast(posted)
        pthread_mutex_unlock(mutex)
        work.runPart(0, of: n)
        pthread_mutex_lock(mutex)
        while remaining > 0 { pthread_cond_wait(finished, mutex) }
        job = nil
        pthread_mutex_unlock(mutex)
    }

    private func startHelper(_ index: Int) {
        helpers += 1
        let thread = Thread { [unowned self] in self.serve(index) }
        thread.name = "rnnbook-helper-\(index)"
        thread.start()
    }

    /// Helper `index` runs part `index` of every job that has that many parts.
    private func serve(_ index: Int) {
        var seen = 0
        pthread_mutex_lock(mutex)
        while true {
            while generation == seen { pthread_cond_wait(posted, mutex) }
            seen = generation
            guard index < parts, let work = job else { continue }
            let n = parts
            pthread_mutex_unlock(mutex)
            work.runPart(index, of: n)
            pthread_mutex_lock(mutex)
            remaining -= 1
            if remaining == 0 { pthread_cond_signal(finished) }
        }
    }
}

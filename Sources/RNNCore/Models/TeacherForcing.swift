import RealModule

/// How often the decoder is fed the true previous token while training, as training goes on.
///
/// Scheduled sampling (Bengio et al. 2015) starts with pure teacher forcing and hands the
/// decoder more and more of its own predictions, so it learns to recover from its mistakes
/// before it has to at inference (exposure bias). The ratio is the probability of feeding
/// the teacher's token, for each row and step.
public enum TeacherForcingSchedule: Sendable, Equatable {
    /// The same ratio at every step.
    case constant(Double)
    /// From `start` to `end` in a straight line over `steps` training steps, then `end`.
    case linear(start: Double, end: Double, steps: Int)
    /// k / (k + e^{step / k}): near 1 for the first ≈ k·ln k steps, then falling smoothly to 0.
    case inverseSigmoid(k: Double)
    /// base^step, for 0 < base < 1.
    case exponential(base: Double)

    /// The teacher-forcing ratio at training step `step` (0-based), in [0, 1].
    public func ratio(atStep step: Int) -> Double {
        let i = Double(max(step, 0))
        let r: Double
        switch self {
        case .constant(let p): r = p
        case .linear(let start, let end, let steps):
            r = steps <= 0 ? end : start + (end - start) * min(i / Double(steps), 1)
        case .inverseSigmoid(let k):
            // Written as 1 / (1 + e^{i/k} / k) so a large exponent gives 0 rather than NaN.
            r = 1 / (1 + Double.exp(i / k - Double.log(k)))
        case .exponential(let base): r = Double.pow(base, i)
        }
        return min(max(r, 0), 1)
    }

    /// Throws `InputError` for ratios outside [0, 1], k < 1, or a base outside (0, 1].
    public func validate(file: String? = nil) throws {
        func unit(_ x: Double, _ name: String) throws {
            guard x.isFinite, x >= 0, x <= 1 else {
                throw InputError(file: file, place: "teacherForcing.\(name)", "must be in [0, 1], got \(x)")
            }
        }
        switch self {
        case .constant(let p): try unit(p, "ratio")
        case .linear(let start, let end, let steps):
            try unit(start, "start"); try unit(end, "end")
            if steps < 0 { throw InputError(file: file, place: "teacherForcing.steps", "must be ≥ 0, got \(steps)") }
        case .inverseSigmoid(let k):
            guard k.isFinite, k >= 1 else {
                throw InputError(file: file, place: "teacherForcing.k", "must be a number ≥ 1, got \(k)")
            }
        case .exponential(let base):
            guard base.isFinite, base > 0, base <= 1 else {
                throw InputError(file: file, place: "teacherForcing.base", "must be in (0, 1], got \(base)")
            }
        }
    }
}

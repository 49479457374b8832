import XCTest
import Notebook
import RNNCore

/// Each claim holds on its scenario's defaults, from the fixed seed, and reports sane numbers.
/// Slow: run in release (`swift test -c release -Xswiftc -enable-testing --filter ClaimTests`).
final class ClaimTests: XCTestCase {
    func run(_ claim: any ScenarioClaim.Type, _ recipe: TrainingRecipe) throws -> ClaimResult {
        let clock = ContinuousClock(), start = clock.now
        let result = try claim.check(recipe) { print("  \(claim.scenarioID): \($0)") }
        print("\(claim.scenarioID): holds \(result.holds) in \(clock.now - start): \(result.measured.sorted { $0.key < $1.key })")
        XCTAssertEqual(result.text, claim.text)
        XCTAssertTrue(result.measured.values.allSatisfy { $0.isFinite }, "\(result.measured)")
        return result
    }

    func testRegistryFindsEachClaimByItsScenario() {
        for id in ["vanishing-gradients", "lstm-gates", "attention"] {
            XCTAssertEqual(ClaimRegistry.claim(for: id)?.scenarioID, id)
        }
        XCTAssertNil(ClaimRegistry.claim(for: "no-such-scenario"))
    }

    func testVanishingGradients() throws {
        let result = try run(VanishingGradientsClaim.self, VanishingGradientsClaim.scenarioDefaults)
        XCTAssertTrue(result.holds, "\(result.measured)")
        let m = result.measured
        XCTAssertGreaterThanOrEqual(m["fall@0.5"] ?? 0, 1000)
        XCTAssertLessThan(m["fall@1.0"] ?? .infinity, 100)
        for radius in VanishingGradientsClaim.radii {
            let factor = try XCTUnwrap(m["factor@\(radius)"])
            XCTAssertGreaterThan(factor, 0); XCTAssertLessThan(factor, 2)
        }
    }

    func testLSTMGates() throws {
        let result = try run(LSTMGatesClaim.self, LSTMGatesClaim.scenarioDefaults)
        XCTAssertTrue(result.holds, "\(result.measured)")
        let m = result.measured
        XCTAssertLessThan(m["lstmMSE"] ?? 1, 0.01)
        XCTAssertGreaterThanOrEqual(m["tanhMSE"] ?? 0, 0.1)
        XCTAssertGreaterThanOrEqual(m["retentionTrained"] ?? 0, 0.5)
        XCTAssertLessThan(m["retentionInitial"] ?? 1, 1e-3)
        XCTAssertTrue((0..<32).contains(Int(m["memoryUnit"] ?? -1)))
        for key in ["meanForgetInitial", "meanForgetTrained"] {
            XCTAssertTrue((0...1).contains(m[key] ?? -1), key)
        }
    }

    func testAttention() throws {
        let result = try run(AttentionClaim.self, AttentionClaim.scenarioDefaults)
        XCTAssertTrue(result.holds, "\(result.measured)")
        let m = result.measured
        XCTAssertGreaterThanOrEqual(m["greedyAccuracy"] ?? 0, 0.95)
        XCTAssertLessThanOrEqual(m["greedyAccuracy"] ?? 2, 1)
        XCTAssertTrue((0.6...1).contains(m["antiDiagonalMass"] ?? -1))
        XCTAssertLessThanOrEqual((m["antiDiagonalMass"] ?? 2) + (m["nextSourceMass"] ?? 2), 1 + 1e-6)
    }

    func testClaimResultRoundTripsThroughJSON() throws {
        let r = ClaimResult(text: "t", holds: true, measured: ["a": 1.5])
        let data = try JSONEncoder().encode(r)
        XCTAssertEqual(try JSONDecoder().decode(ClaimResult.self, from: data), r)
    }
}

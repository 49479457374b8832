import RNNCore

/// The layer and direction a pane shows, clamped to what the snapshot has: asking for layer 5
/// of a 2-layer model shows layer 2, and the reverse direction of a one-way model shows forward.
struct LayerSelection {
    let trace: ProbeSnapshot.LayerTrace
    let layer: Int, direction: Int
    let layerCount: Int, directionCount: Int

    init?(_ snapshot: ProbeSnapshot, layer: Int, direction: Int) {
        guard let top = snapshot.layers.map(\.layer).max() else { return nil }
        let wantedLayer = min(max(0, layer), top)
        // Layers are numbered from 0 but a snapshot might skip one: take the nearest present.
        guard let l = snapshot.layers.map(\.layer).min(by: { abs($0 - wantedLayer) < abs($1 - wantedLayer) }) else { return nil }
        let directions = snapshot.layers.filter { $0.layer == l }.map(\.direction).sorted()
        guard let maxDirection = directions.last else { return nil }
        let d = directions.contains(direction) ? direction : min(max(0, direction), maxDirection)
        guard let trace = snapshot.layers.first(where: { $0.layer == l && $0.direction == d })
                ?? snapshot.layers.first(where: { $0.layer == l }) else { return nil }
        self.trace = trace
        self.layer = trace.layer; self.direction = trace.direction
        layerCount = top + 1; directionCount = directions.count
    }

    /// "layer 1 → of 2": 1-based like the scenario text, with the direction as an arrow.
    func header(ascii: Bool) -> String {
        "layer \(layer + 1) \(PaneDrawing.arrow(direction: direction, ascii: ascii)) of \(layerCount)"
    }
}

import Yams

/// `panes:`, `layout:` and `focus:`: what the screen shows and what matters most on it.
extension ScenarioParser {
    struct Screen {
        var panes: [PaneID]
        var layout: PaneLayout
        var focus: PaneID
    }

    /// Either list may be omitted: `panes:` alone is laid out two per row; `layout:` alone
    /// lists its panes in reading order. When both are given they must hold the same panes.
    static func readPanes(panes panesNode: Node?, layout layoutNode: Node?, focus focusNode: Node?,
                          reader: inout FrontMatterReader) -> Screen? {
        var listed: [PaneID]?
        if let panesNode, let names = reader.textList(panesNode, "panes") {
            var panes: [PaneID] = []
            for (name, node) in names {
                guard let pane = pane(name, node: node, reader: &reader) else { continue }
                if panes.contains(pane) { reader.error(node, "pane \(name) is listed twice") } else { panes.append(pane) }
            }
            if panes.isEmpty && names.isEmpty { reader.error(panesNode, "panes must list at least one pane") }
            listed = panes
        }
        var layout: PaneLayout?
        if let layoutNode { layout = readLayout(layoutNode, reader: &reader) }
        if let listed, let layout, let layoutNode {
            let placed = layout.panes
            for pane in listed where !placed.contains(pane) {
                reader.error(layoutNode, "pane \(pane.rawValue) is in panes: but not placed in layout:")
            }
            for pane in placed where !listed.contains(pane) {
                reader.error(layoutNode, "pane \(pane.rawValue) is placed in layout: but missing from panes:")
            }
        }
        guard let panes = listed ?? layout?.panes, !panes.isEmpty else { return nil }
        var focus = panes[0]
        if let focusNode, let name = reader.text(focusNode, "focus"), let pane = pane(name, node: focusNode, reader: &reader) {
            if panes.contains(pane) { focus = pane } else { reader.error(focusNode, "focus \(name) is not one of the scenario's panes") }
        }
        return Screen(panes: panes, layout: layout ?? .automatic(panes), focus: focus)
    }

    private static func pane(_ name: String, node: Node, reader: inout FrontMatterReader) -> PaneID? {
        do { return try PaneID.named(name) } catch { reader.error(node, "\(error)"); return nil }
    }

    /// Rows of panes: `- [diagram, gradients: 2]` or `- {weight: 2, panes: [hidden, answer]}`.
    static func readLayout(_ node: Node, reader: inout FrontMatterReader) -> PaneLayout? {
        guard let rows = reader.items(node, "layout") else { return nil }
        guard !rows.isEmpty else { reader.error(node, "layout must have at least one row"); return nil }
        var result: [PaneLayout.Row] = []
        var seen: Set<PaneID> = []
        for rowNode in rows {
            var rowWeight = 1
            var slotsNode = rowNode
            if case .mapping = rowNode {
                let entries = reader.entries(of: rowNode, named: "a layout row", allowed: ["weight", "panes"])
                if let w = entries.first(where: { $0.key == "weight" }) { rowWeight = weight(w.value, reader: &reader) ?? 1 }
                guard let p = entries.first(where: { $0.key == "panes" }) else {
                    reader.error(rowNode, "a layout row written as a mapping needs panes: [...]"); continue
                }
                slotsNode = p.value
            }
            guard let slotNodes = reader.items(slotsNode, "a layout row") else { continue }
            if slotNodes.isEmpty { reader.error(slotsNode, "a layout row needs at least one pane") }
            var slots: [PaneLayout.Slot] = []
            for slotNode in slotNodes {
                guard let slot = readSlot(slotNode, reader: &reader) else { continue }
                if seen.contains(slot.pane) {
                    reader.error(slotNode, "pane \(slot.pane.rawValue) is placed twice in layout:")
                } else {
                    seen.insert(slot.pane)
                    slots.append(slot)
                }
            }
            if !slots.isEmpty { result.append(PaneLayout.Row(slots, weight: rowWeight)) }
        }
        return result.isEmpty ? nil : PaneLayout(rows: result)
    }

    /// `hidden` or `hidden: 2`.
    private static func readSlot(_ node: Node, reader: inout FrontMatterReader) -> PaneLayout.Slot? {
        switch node {
        case .scalar(let s):
            return pane(s.string, node: node, reader: &reader).map { PaneLayout.Slot($0) }
        case .mapping(let m) where m.count == 1:
            guard let (keyNode, valueNode) = m.first(where: { _ in true }), case .scalar(let key) = keyNode,
                  let pane = pane(key.string, node: keyNode, reader: &reader) else { return nil }
            return weight(valueNode, reader: &reader).map { PaneLayout.Slot(pane, weight: $0) }
        default:
            reader.error(node, "a layout entry is a pane name, or PANE: WEIGHT")
            return nil
        }
    }

    private static func weight(_ node: Node, reader: inout FrontMatterReader) -> Int? {
        let range = PaneLayout.weightRange
        guard case .scalar(let s) = node, let w = Int(s.string), range.contains(w) else {
            reader.error(node, "a layout weight must be a whole number between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return w
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TermGrid
import XCTest

final class SVGWriterTests: XCTestCase {
    private func sample() -> Buffer {
        var b = Buffer(width: 12, height: 3)
        b.put("loss <0.5> & 'ok'", x: 0, y: 0, style: Style(foreground: .rgb(255, 200, 0), attributes: .bold))
        b.put("⣿⣿", x: 1, y: 1, style: Style(foreground: .green, background: .rgb(0, 0, 128)))
        b.put("  ab", x: 3, y: 1, style: Style(background: .rgb(0, 0, 128)))
        b.put("rev", x: 0, y: 2, style: Style(foreground: .red, attributes: .reverse))
        return b
    }

    func testIsWellFormedXMLWithTheTextAndTitle() throws {
        let svg = SVGWriter.render(sample(), depth: .truecolor, fontSize: 10, title: "a <b> & c")
        let document = try XMLDocument(xmlString: svg, options: [])
        let root = try XCTUnwrap(document.rootElement())
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(root.attr("width")?.stringValue, "72")   // 12 cells × 0.6em × 10px
        XCTAssertEqual(root.attr("height")?.stringValue, "36")  // 3 rows × 1.2em × 10px
        XCTAssertEqual(try root.nodes(forXPath: "//*[local-name()='title']").first?.stringValue, "a <b> & c")
        let texts = try root.nodes(forXPath: "//*[local-name()='text']").map { $0.stringValue ?? "" }
        // The first row is one style, cut at the buffer's edge; the second has two styles.
        XCTAssertEqual(texts, ["loss <0.5> &", "⣿⣿", "ab", "rev"])
        XCTAssertTrue(svg.contains("xml:space=\"preserve\""))
        XCTAssertTrue(svg.contains("monospace"))
    }

    func testBackgroundsMergePerRunAndReverseSwaps() throws {
        let svg = SVGWriter.render(sample(), depth: .truecolor, fontSize: 10)
        let document = try XMLDocument(xmlString: svg, options: [])
        let rects = try document.nodes(forXPath: "//*[local-name()='rect']").compactMap { $0 as? XMLElement }
        func attrs(_ e: XMLElement) -> String {
            ["x", "y", "width", "fill"].map { e.attr($0)?.stringValue ?? "-" }.joined(separator: " ")
        }
        // Full background; navy from column 1 to 6 (the space between the runs is navy too);
        // "rev" painted red behind, its text in the default background colour.
        XCTAssertEqual(rects.map(attrs), ["- - 100% #1c1c1c", "6 12 36 #000080", "0 24 18 #cd0000"])
        let rev = try XCTUnwrap(try document.nodes(forXPath: "//*[local-name()='text']").last as? XMLElement)
        XCTAssertEqual(rev.attr("fill")?.stringValue, "#1c1c1c")
        let bold = try XCTUnwrap(try document.nodes(forXPath: "//*[local-name()='text']").first as? XMLElement)
        XCTAssertEqual(bold.attr("font-weight")?.stringValue, "bold")
        XCTAssertEqual(bold.attr("fill")?.stringValue, "#ffc800")
        XCTAssertEqual(bold.attr("textLength")?.stringValue, "72")
    }

    func testColoursAreFoldedToTheDepth() {
        XCTAssertTrue(SVGWriter.render(sample(), depth: .c16).contains("fill=\"#cdcd00\""))  // orange → yellow
        let mono = SVGWriter.render(sample(), depth: .mono)
        XCTAssertFalse(mono.contains("#000080"))
        XCTAssertTrue(mono.contains("fill=\"#d0d0d0\""))
    }

    func testBlocksBecomeRectanglesNotText() throws {
        var b = Buffer(width: 4, height: 1)
        var canvas = HalfBlockCanvas(columns: 3, rows: 1)
        for x in 0..<3 { canvas[x, 0] = .rgb(255, 0, 0) }
        canvas[2, 1] = .rgb(0, 0, 255)
        canvas.draw(into: &b, x: 0, y: 0)
        b[3, 0] = Cell("█", style: Style(foreground: .rgb(0, 255, 0)))
        let document = try XMLDocument(xmlString: SVGWriter.render(b, fontSize: 10), options: [])
        XCTAssertEqual(try document.nodes(forXPath: "//*[local-name()='text']").count, 0)
        let rects = try document.nodes(forXPath: "//*[local-name()='rect']").compactMap { $0 as? XMLElement }
        func attrs(_ e: XMLElement) -> String {
            ["x", "y", "width", "height", "fill"].map { e.attr($0)?.stringValue ?? "-" }.joined(separator: " ")
        }
        // Background (blue bottom of the third cell), then one merged red top half and the green block.
        XCTAssertEqual(rects.map(attrs), [
            "- - 100% 100% #1c1c1c", "12 0 6 12 #0000ff", "0 0 18 6 #ff0000", "18 0 6 12 #00ff00",
        ])
    }

    func testEmptyBuffer() throws {
        let svg = SVGWriter.render(Buffer(width: 0, height: 0))
        XCTAssertNoThrow(try XMLDocument(xmlString: svg, options: []))
    }
}

private extension XMLElement {
    /// `attribute(forName:)` finds nothing on Linux inside a default namespace; search by name.
    func attr(_ name: String) -> XMLNode? { attributes?.first { $0.name == name } }
}

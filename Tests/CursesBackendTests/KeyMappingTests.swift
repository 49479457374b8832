@testable import CursesBackend
import XCTest

/// The pure decoding of `get_wch` results. Key codes are written as the numbers curses.h
/// defines (X/Open values), so a wrong constant in the mapping cannot hide behind itself.
final class KeyMappingTests: XCTestCase {
    func testPrintableCharactersIncludingNonASCII() {
        XCTAssertEqual(KeyMapping.key(character: 0x71), .character("q"))
        XCTAssertEqual(KeyMapping.key(character: 0x20), .character(" "))
        XCTAssertEqual(KeyMapping.key(character: 0x2B), .character("+"))
        XCTAssertEqual(KeyMapping.key(character: 0xE9), .character("é"))
        XCTAssertEqual(KeyMapping.key(character: 0x2801), .character("⠁"))
    }

    func testControlCodesBecomeNamedKeysOrCtrlLetters() {
        XCTAssertEqual(KeyMapping.key(character: 9), .tab)
        XCTAssertEqual(KeyMapping.key(character: 13), .enter)
        XCTAssertEqual(KeyMapping.key(character: 10), .enter)
        XCTAssertEqual(KeyMapping.key(character: 127), .backspace)
        XCTAssertEqual(KeyMapping.key(character: 8), .backspace)
        XCTAssertEqual(KeyMapping.key(character: 27), .escape)
        XCTAssertEqual(KeyMapping.key(character: 1), .control("a"))
        XCTAssertEqual(KeyMapping.key(character: 3), .control("c"))
        XCTAssertEqual(KeyMapping.key(character: 19), .control("s"))
        XCTAssertEqual(KeyMapping.key(character: 26), .control("z"))
    }

    func testOtherControlsAndInvalidScalarsAreNotKeys() {
        XCTAssertNil(KeyMapping.key(character: 0))
        XCTAssertNil(KeyMapping.key(character: 28))
        XCTAssertNil(KeyMapping.key(character: 31))
        XCTAssertNil(KeyMapping.key(character: 0x85))
        XCTAssertNil(KeyMapping.key(character: 0xD800))  // a lone surrogate is no character
        XCTAssertNil(KeyMapping.key(character: 0x110000))
    }

    func testKeyCodes() {
        let expected: [(Int32, Key)] = [
            (0o402, .down), (0o403, .up), (0o404, .left), (0o405, .right), (0o406, .home),
            (0o407, .backspace), (0o512, .delete), (0o513, .insert), (0o522, .pageDown),
            (0o523, .pageUp), (0o527, .enter), (0o541, .backTab), (0o550, .end),
            (0o411, .function(1)), (0o424, .function(12)), (0o410 + 63, .function(63)),
        ]
        for (code, key) in expected {
            XCTAssertEqual(KeyMapping.key(keyCode: code), key, "code \(String(code, radix: 8))")
        }
    }

    func testUnknownKeyCodesResizeAndMouseAreNotKeys() {
        XCTAssertNil(KeyMapping.key(keyCode: 0o410))  // F0 does not exist on keyboards
        XCTAssertNil(KeyMapping.key(keyCode: 0o410 + 64))
        XCTAssertNil(KeyMapping.key(keyCode: 0o631))  // KEY_MOUSE
        XCTAssertNil(KeyMapping.key(keyCode: 0o632))  // KEY_RESIZE
        XCTAssertNil(KeyMapping.key(keyCode: 0o777))
    }

    func testMouseButtons() {
        XCTAssertEqual(KeyMapping.mouseButton(1), .left)
        XCTAssertEqual(KeyMapping.mouseButton(2), .middle)
        XCTAssertEqual(KeyMapping.mouseButton(3), .right)
        XCTAssertEqual(KeyMapping.mouseButton(4), .wheelUp)
        XCTAssertEqual(KeyMapping.mouseButton(5), .wheelDown)
        XCTAssertNil(KeyMapping.mouseButton(0))
    }

    func testDescriptionsAreShortNames() {
        XCTAssertEqual(Key.character("x").description, "x")
        XCTAssertEqual(Key.character(" ").description, "Space")
        XCTAssertEqual(Key.control("a").description, "Ctrl-A")
        XCTAssertEqual(Key.backTab.description, "BackTab")
        XCTAssertEqual(Key.pageUp.description, "PageUp")
        XCTAssertEqual(Key.function(5).description, "F5")
    }
}

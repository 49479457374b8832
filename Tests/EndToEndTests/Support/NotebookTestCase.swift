import XCTest

/// A test case that drives one `rnnbook open` at a time and ends it (tmux server and all)
/// after every test, passed or failed.
class NotebookTestCase: XCTestCase {
    var notebook: NotebookRun!

    override func tearDown() {
        notebook?.finish()
        notebook = nil
        super.tearDown()
    }
}

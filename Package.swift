// swift-tools-version:6.0
import PackageDescription

// Release builds of the numeric core are specialised across modules, so generic layers
// instantiated at Float by the command line run as fast as if they were written for Float.
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"])]

let package = Package(
    name: "rnnbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rnnbook", targets: ["rnnbook"]),
        .library(name: "RNNCore", targets: ["RNNCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CNcursesw", path: "Sources/CNcursesw", pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]),

        // MARK: Numerics
        .target(
            name: "RNNCore",
            dependencies: ["CBLAS", .product(name: "RealModule", package: "swift-numerics")],
            resources: [],
            swiftSettings: crossModule),

        // MARK: Terminal UI (each depends only on the ones above it in DESIGN.md's table)
        .target(name: "TermGrid"),
        .target(name: "Panes", dependencies: ["TermGrid", "RNNCore"], swiftSettings: crossModule),
        .target(
            name: "Notebook",
            dependencies: ["Panes", "TermGrid", "RNNCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: crossModule),
        .target(name: "CursesBackend", dependencies: ["TermGrid", "CNcursesw"]),

        // MARK: Command line
        .executableTarget(
            name: "rnnbook",
            dependencies: [
                "RNNCore", "TermGrid", "Panes", "Notebook", "CursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: crossModule),

        // MARK: Tests
        .target(name: "_MallocCounter", path: "Sources/_MallocCounter"),
        .target(name: "_SnapshotTesting", dependencies: ["TermGrid"], path: "Sources/_SnapshotTesting"),
        .testTarget(name: "TermGridTests", dependencies: ["TermGrid", "_SnapshotTesting"]),
        .testTarget(name: "PanesTests", dependencies: ["Panes", "TermGrid", "RNNCore", "_SnapshotTesting"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Panes", "RNNCore"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend"]),
        // Drives the real binary in tmux: start, keys, resize, signals, terminal restore.
        .testTarget(name: "EndToEndTests", dependencies: ["rnnbook"]),
        .testTarget(name: "AllocationTests", dependencies: ["RNNCore", "_MallocCounter"]),
        .testTarget(
            name: "RNNCoreTests", dependencies: ["RNNCore"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CLITests", dependencies: ["RNNCore", "rnnbook"],
            resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v5]
)

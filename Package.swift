// swift-tools-version:6.0
import PackageDescription

/// The Managed Identity Lab. Heavy and C dependencies sit behind their own modules (see ../shared/design.md).
let package = Package(
    name: "lab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lab", targets: ["lab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .target(name: "LabKit"),
        .target(name: "LabContent", dependencies: ["CCmark", "LabKit", "Yams"]),
        .target(name: "LabQuiz", dependencies: ["LabContent", "LabKit", "Yams"]),
        .target(name: "LabStore", dependencies: ["LabKit", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "LabTokens", dependencies: [
            "LabKit",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .target(name: "LabSim", dependencies: ["LabContent", "LabTokens", "LabKit", "Yams"]),
        .target(name: "LabIMDS", dependencies: [
            "LabSim", "LabTokens", "LabKit",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "LabTerminal", dependencies: ["CReadline", "LabContent", "LabKit"]),
        .target(name: "LabCLI", dependencies: [
            "LabContent", "LabQuiz", "LabStore", "LabTokens", "LabSim", "LabIMDS", "LabTerminal", "LabKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "lab", dependencies: ["LabCLI"]),
        .executableTarget(name: "lab-bench", dependencies: ["LabStore", .product(name: "GRDB", package: "GRDB.swift")],
                          path: "Benchmarks/LabBenchmarks"),
        .target(name: "LabTestSupport", path: "Tests/LabTestSupport"),
        .testTarget(name: "LabContentTests", dependencies: ["LabContent", "LabTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LabTerminalTests", dependencies: ["LabTerminal", "LabContent", "LabKit", "LabTestSupport"],
                    resources: [.copy("Golden")]),
        .testTarget(name: "LabQuizTests", dependencies: ["LabQuiz", "LabContent", "LabKit"]),
        .testTarget(name: "LabTokensTests", dependencies: ["LabTokens"]),
        .testTarget(name: "LabSimTests", dependencies: ["LabSim", "LabTokens", "LabContent", "LabTerminal", "LabKit", "LabTestSupport"],
                    exclude: ["Golden", "Solutions"]),
        .testTarget(name: "LabIMDSTests", dependencies: [
            "LabIMDS", "LabSim", "LabTokens", "LabKit",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "LabStoreTests", dependencies: ["LabStore", "LabKit"]),
        .testTarget(name: "LabCLITests", dependencies: ["LabCLI", "LabContent", "LabStore", "LabTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)

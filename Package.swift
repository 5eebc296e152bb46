// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors"]),
    // Lets the executable and ADRWorkspace inline the small accessors of the modules below
    // them (a record revision's fields, the JSON writer's steps): a sixth off a warm
    // `adr log` (decision 13).
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "adr",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "adr", targets: ["adr"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "ADRMarkdown", dependencies: ["CCmarkGFM"], swiftSettings: strictSettings),
        .target(
            name: "ADRCore",
            dependencies: ["ADRMarkdown", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(name: "ADRGit", dependencies: ["CLibGit2"], swiftSettings: strictSettings),
        // The decision site: records, history and approvals in, `[path: contents]` out (pure).
        .target(
            name: "ADRSite",
            dependencies: [
                "ADRCore", "ADRMarkdown", .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ADRWorkspace",
            dependencies: [
                "ADRCore", "ADRGit", "ADRSite", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "adr",
            dependencies: [
                "ADRWorkspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "ADRMarkdownTests", dependencies: ["ADRMarkdown"]),
        .testTarget(name: "ADRCoreTests", dependencies: ["ADRCore"]),
        // Test helpers shared by the test targets (a git fixture built with the git CLI).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ADRGitTests", dependencies: ["ADRGit", "TestSupport"]),
        .testTarget(name: "ADRWorkspaceTests", dependencies: ["ADRWorkspace", "TestSupport"]),
        .testTarget(name: "ADRSiteTests", dependencies: ["ADRSite"], exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["adr"]),
    ]
)

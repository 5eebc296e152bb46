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
        .target(
            name: "ADRWorkspace",
            dependencies: [
                "ADRCore", "ADRGit", "ADRAudit", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // The audit's rules: pure, values in, findings out.
        .target(name: "ADRAudit", dependencies: ["ADRCore"], swiftSettings: strictSettings),
        // The CI formats of the audit's findings: pure producers of text.
        .target(name: "ADRReport", dependencies: ["ADRAudit"], swiftSettings: strictSettings),
        .executableTarget(
            name: "adr",
            dependencies: [
                "ADRWorkspace",
                "ADRAudit",
                "ADRReport",
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
        .testTarget(name: "EndToEndTests", dependencies: ["adr"]),
        .testTarget(name: "ADRAuditTests", dependencies: ["ADRAudit"]),
        .testTarget(
            name: "ADRReportTests",
            dependencies: ["ADRReport"],
            exclude: ["Snapshots"]
        ),
    ]
)

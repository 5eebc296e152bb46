// swift-tools-version: 6.1
import PackageDescription

// Who imports whom (decision 15):
//
//   adr (executable)  ArgumentParser: parse, call one use case, hand its value to a report
//     └─ ADRWorkspace  use cases and I/O: find the log, atomic writes, queries returning values
//          ├─ ADRHistory  the history engine: commit walk, folder diffs, the history cache format
//          ├─ ADRReport   the one producer of terminal text, JSON and CI formats (pure)
//          ├─ ADRAudit    the audit's rules: log, base, history, approvals -> findings (pure)
//          ├─ ADRSite     the decision site: records, history, approvals -> [path: contents] (pure)
//          ├─ ADRGit      the only module that sees libgit2
//          └─ ADRCore     pure domain (Yams for front matter and configuration)
//               └─ ADRMarkdown  the only module that sees cmark-gfm

let strictSettings: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors"])
]

// libgit2 and cmark-gfm are linked from Debian's static archives (decision 21): the
// dynamic loader resolving libgit2's two dozen shared libraries cost every command, even
// `adr --version`, more than the rest of its start-up. Only Kerberos, which has no static
// archive, stays shared. `--wrap` defers libgit2's decoding of the CA bundle to the first
// fetch or push (Sources/CLibGit2Certificates).
let libgit2Linking: [LinkerSetting] = [
    .unsafeFlags([
        "-Xlinker", "--wrap=mbedtls_x509_crt_parse_file",
        "-Xlinker", "--wrap=mbedtls_x509_crt_parse_path",
        "-Xlinker", "-l:libgit2.a",
        "-Xlinker", "-l:libmbedtls.a", "-Xlinker", "-l:libmbedx509.a",
        "-Xlinker", "-l:libmbedcrypto.a", "-Xlinker", "-l:libhttp_parser.a",
        "-Xlinker", "-l:libssh2.a", "-Xlinker", "-l:libssl.a", "-Xlinker", "-l:libcrypto.a",
        "-Xlinker", "-l:libpcre2-8.a", "-Xlinker", "-l:libz.a",
        "-Xlinker", "-l:libgssapi_krb5.so.2",
    ])
]
// How the executable is linked (decision 24, amending 21): LLVM's lld, which packs the
// position-independent executable's hundred thousand relative relocations into a table a
// hundredth the size (`-z pack-relative-relocs`, read by glibc 2.36 and later), and the C++
// runtime the static Swift runtime needs from libstdc++.a (`Linking/libstdc++.so` redirects
// `-lstdc++`), so the loader no longer maps and relocates libstdc++.so.6 at every start.
let executableLinking: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
        "-L", Context.packageDirectory + "/Linking",
    ])
]
let cmarkLinking: [LinkerSetting] = [
    .unsafeFlags([
        "-Xlinker", "-l:libcmark-gfm-extensions.a", "-Xlinker", "-l:libcmark-gfm.a",
    ])
]

let package = Package(
    name: "adr",
    // Linux is what is built and tested; the platform-specific calls sit behind `#if
    // os(Linux)` in one file per concern, with a portable fallback beside each.
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "adr", targets: ["adr"]),
        // The readers of untrusted input under libFuzzer (`make fuzz`); a plain build makes
        // a replayer of the corpus and of saved crashes.
        .executable(name: "adr-fuzz", targets: ["ADRFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(name: "CLibGit2", providers: [.apt(["libgit2-dev"])]),
        // The deferred CA bundle: libgit2's set-up records it, the first remote operation
        // decodes it.
        .target(name: "CLibGit2Certificates"),
        .systemLibrary(
            name: "CCmarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "ADRMarkdown",
            dependencies: ["CCmarkGFM"],
            swiftSettings: strictSettings,
            linkerSettings: cmarkLinking
        ),
        .target(
            name: "ADRCore",
            dependencies: ["ADRMarkdown", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ADRGit",
            dependencies: [
                "CLibGit2", "CLibGit2Certificates",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: libgit2Linking
        ),
        .target(
            name: "ADRHistory",
            dependencies: [
                "ADRCore", "ADRGit",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        // The decision site: records, history and approvals in, `[path: contents]` out (pure).
        .target(
            name: "ADRSite",
            dependencies: [
                "ADRCore", "ADRMarkdown", .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        // The audit's rules: pure, values in, findings out.
        .target(name: "ADRAudit", dependencies: ["ADRCore"], swiftSettings: strictSettings),
        .target(
            name: "ADRReport",
            dependencies: ["ADRCore", "ADRAudit", "ADRSite"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ADRWorkspace",
            dependencies: [
                "ADRCore", "ADRGit", "ADRHistory", "ADRReport", "ADRAudit", "ADRSite",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "adr",
            dependencies: [
                "ADRWorkspace", "ADRReport", "ADRAudit", "ADRCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: executableLinking
        ),
        .executableTarget(
            name: "ADRFuzz",
            dependencies: ["ADRCore", "ADRHistory"],
            swiftSettings: strictSettings
        ),
        // The one git test harness: fixture repositories made with the git CLI, for every
        // test target that needs one.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ADRMarkdownTests", dependencies: ["ADRMarkdown"]),
        .testTarget(name: "ADRCoreTests", dependencies: ["ADRCore"]),
        .testTarget(name: "ADRGitTests", dependencies: ["ADRGit", "TestSupport"]),
        .testTarget(name: "ADRHistoryTests", dependencies: ["ADRHistory", "TestSupport"]),
        .testTarget(
            name: "ADRReportTests",
            dependencies: ["ADRReport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "ADRWorkspaceTests", dependencies: ["ADRWorkspace", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["adr", "TestSupport"]),
        .testTarget(name: "ADRAuditTests", dependencies: ["ADRAudit"]),
        .testTarget(
            name: "ADRSiteTests",
            dependencies: ["ADRSite", "ADRReport"],
            exclude: ["Snapshots"]
        ),
    ]
)

import Foundation

/// Where the `adr` executable under test lives.
///
/// Order of preference:
/// 1. `ADR_BINARY` in the environment (an absolute path), so CI or a developer can point the
///    suite at any build, including a release or installed binary.
/// 2. Next to the running test bundle. On Linux, `swift test` runs `<scratch>/debug/
///    <Package>PackageTests.xctest`, an executable whose folder (`Bundle.main.bundleURL`, or
///    the folder of `/proc/self/exe`) is the build products folder that also holds `adr`. On
///    macOS the `.xctest` is a bundle inside that folder, so its parent is checked too.
/// 3. Walking up from this source file to the package root and looking for
///    `.build*/debug/adr`, newest first, for runners that start the tests from elsewhere.
enum ADRBinary {
    static let url: URL = locate()

    private static func locate() -> URL {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["ADR_BINARY"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }

        var candidates: [URL] = []
        let bundleURL = Bundle.main.bundleURL
        candidates.append(bundleURL.appendingPathComponent("adr"))
        candidates.append(bundleURL.deletingLastPathComponent().appendingPathComponent("adr"))
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(
                bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("adr")
            )
        }
        if let executable = try? fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(
                URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(
                    "adr"
                )
            )
        }
        if let first = CommandLine.arguments.first {
            candidates.append(
                URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent(
                    "adr"
                )
            )
        }
        for candidate in candidates where isExecutableFile(candidate) {
            return candidate.standardizedFileURL
        }

        // Package root: Tests/EndToEndTests/Support/ADRBinary.swift -> up four levels.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        let entries = (try? fileManager.contentsOfDirectory(atPath: packageRoot.path)) ?? []
        let found =
            entries
            .filter { $0.hasPrefix(".build") }
            .map { packageRoot.appendingPathComponent($0).appendingPathComponent("debug/adr") }
            .filter(isExecutableFile)
            .sorted { modificationDate($0) > modificationDate($1) }
        if let newest = found.first {
            return newest
        }
        // Let the first run fail with a clear message naming where we looked.
        return candidates.first ?? URL(fileURLWithPath: "adr")
    }

    private static func isExecutableFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }

    private static func modificationDate(_ url: URL) -> Date {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes?[.modificationDate] as? Date) ?? .distantPast
    }
}

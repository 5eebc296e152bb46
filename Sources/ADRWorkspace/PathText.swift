import SystemPackage

/// Path arithmetic on absolute paths, through swift-system's `FilePath`, so printed paths
/// match what adr-tools prints.
enum PathText {
    /// `path` (absolute) relative to `base` (absolute): `../doc/adr/0002-x.md`.
    static func relative(_ path: String, to base: String) -> String {
        // Most paths are the base, a slash and a plain rest: no need to parse them.
        if path.hasPrefix(base), path.utf8.dropFirst(base.utf8.count).first == UInt8(ascii: "/"),
            !base.hasSuffix("/"), isPlain(base), isPlain(String(path.dropFirst(base.count + 1)))
        {
            return String(path.dropFirst(base.count + 1))
        }
        let target = Array(normalized(path).components)
        let origin = Array(normalized(base).components)
        var common = 0
        while common < target.count, common < origin.count, target[common] == origin[common] {
            common += 1
        }
        var relative = FilePath()
        for _ in common..<origin.count { relative.append("..") }
        relative.append(target[common...])
        return relative.isEmpty ? "." : relative.string
    }

    /// `path` resolved against `base` when relative, normalised (no `.` or `..`; a `..`
    /// above the root stays at the root).
    static func absolute(_ path: String, from base: String) -> String {
        let file = FilePath(path)
        return normalized(file.isAbsolute ? path : FilePath(base).pushing(file).string).string
    }

    static func join(_ base: String, _ name: String) -> String {
        name.isEmpty ? base : (base.hasSuffix("/") ? base + name : base + "/" + name)
    }

    /// Whether `path` has no empty, `.` or `..` part, so normalising it changes nothing.
    private static func isPlain(_ path: String) -> Bool {
        !path.contains("//") && !path.hasSuffix("/")
            && !path.split(separator: "/").contains { $0 == "." || $0 == ".." }
    }

    static func parent(_ path: String) -> String {
        normalized(path).removingLastComponent().string
    }

    private static func normalized(_ path: String) -> FilePath {
        var file = FilePath(path)
        if !file.isAbsolute { file = FilePath("/").pushing(file) }
        return file.lexicallyNormalized()
    }
}

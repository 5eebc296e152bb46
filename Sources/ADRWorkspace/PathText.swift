import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Path arithmetic on absolute paths, through swift-system's `FilePath`, so printed paths
/// match what adr-tools prints.
enum PathText {
    /// `path` (absolute) relative to `base` (absolute): `../doc/adr/0002-x.md`.
    static func relative(_ path: String, to base: String) -> String {
        // Most paths are the base, a slash and a plain rest: no need to parse them.
        var path = path
        var base = base
        let plainRest = path.withUTF8 { path in
            base.withUTF8 { base -> String? in
                guard path.count > base.count + 1, path[base.count] == UInt8(ascii: "/"),
                    path.starts(with: base), isPlain(base[...])
                else { return nil }
                let rest = path[(base.count + 1)...]
                return isPlain(rest) ? String(decoding: rest, as: UTF8.self) : nil
            }
        }
        if let plainRest { return plainRest }
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

    static func parent(_ path: String) -> String {
        normalized(path).removingLastComponent().string
    }

    /// Whether `path` has no empty, `.` or `..` part (a leading `/` aside), so normalising
    /// it changes nothing. Byte by byte: it runs for every path `adr list` prints.
    private static func isPlain(_ path: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var utf8 = path
        if utf8.first == UInt8(ascii: "/") { utf8 = utf8.dropFirst() }
        var length = 0
        var dots = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (dots == length && length <= 2) { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return length > 0 && !(dots == length && length <= 2)
    }

    private static func normalized(_ path: String) -> FilePath {
        var file = FilePath(path)
        if !file.isAbsolute { file = FilePath("/").pushing(file) }
        return file.lexicallyNormalized()
    }

    /// Whether `path` is `folder` or inside it (both absolute and normalised).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder
            || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// `path` with its symbolic links resolved; for a path that does not exist yet, its
    /// nearest existing ancestor resolved and the rest appended.
    static func resolvingLinks(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while existing != "/" {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                return rest.reversed().reduce(String(cString: resolved)) { join($0, $1) }
            }
            rest.append(FilePath(existing).lastComponent?.string ?? "")
            existing = parent(existing)
        }
        return path
    }
}

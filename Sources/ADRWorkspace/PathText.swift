import Foundation

/// Path arithmetic on plain strings, so printed paths match what adr-tools prints.
enum PathText {
    /// `path` (absolute) relative to `base` (absolute): `../doc/adr/0002-x.md`.
    static func relative(_ path: String, to base: String) -> String {
        // Most paths are a clean base, a slash and a clean rest; no need to split them.
        let slash = UInt8(ascii: "/")
        if base.utf8.first == slash, hasCleanParts(base.utf8.dropFirst()),
            path.utf8.starts(with: base.utf8),
            path.utf8.dropFirst(base.utf8.count).first == slash
        {
            let rest = path.utf8.dropFirst(base.utf8.count + 1)
            if hasCleanParts(rest) { return String(decoding: rest, as: UTF8.self) }
        }
        let target = components(path)
        let origin = components(base)
        var common = 0
        while common < target.count, common < origin.count, target[common] == origin[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: origin.count - common)
        let parts = ups + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// `relative` resolved against `base`, normalised (no `.` or `..`).
    static func absolute(_ path: String, from base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [String] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `parts` (a path after its leading slash) is already normalised: at least one
    /// part, none of them empty, `.` or `..`, so `components` would give them back as they are.
    private static func hasCleanParts(_ parts: some Sequence<UInt8>) -> Bool {
        var length = 0
        var onlyDots = true
        for byte in parts {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (onlyDots && length <= 2) { return false }
                length = 0
                onlyDots = true
            } else {
                length += 1
                onlyDots = onlyDots && byte == UInt8(ascii: ".")
            }
        }
        return length > 0 && !(onlyDots && length <= 2)
    }

    static func join(_ base: String, _ name: String) -> String {
        name.isEmpty ? base : (base.hasSuffix("/") ? base + name : base + "/" + name)
    }

    static func parent(_ path: String) -> String {
        let parts = components(path)
        return "/" + parts.dropLast().joined(separator: "/")
    }

    /// The parts of `path` resolved against `/`, as `absolute(_:from:)` would give them; done
    /// in one pass without building strings, as it runs twice for each record `adr list` prints.
    private static func components(_ path: String) -> [Substring] {
        var parts: [Substring] = []
        for bytes in path.utf8.split(separator: UInt8(ascii: "/")) {
            let part = Substring(bytes)
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return parts
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
            rest.append((existing as NSString).lastPathComponent)
            existing = parent(existing)
        }
        return path
    }
}

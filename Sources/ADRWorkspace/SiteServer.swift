import ADRGit
import Foundation

/// What `adr site serve` reports while it runs.
public enum SiteServeEvent: Sendable {
    case serving(url: String, folder: String)
    case rebuilt(SiteSummary)
    case failed(WorkspaceError)
}

extension Workspace {
    /// Builds the site, serves it on 127.0.0.1:`port`, and rebuilds it whenever a record,
    /// `.adr.yml`, a theme file or HEAD changes; open pages reload themselves (they poll
    /// `/__adr/version`). Runs until the process is stopped.
    public func serveSite(
        _ request: SiteRequest,
        port: Int,
        report: (SiteServeEvent) -> Void
    ) throws(WorkspaceError) -> Never {
        let summary = try buildSite(request)
        report(.rebuilt(summary))
        let folder = PathText.absolute(summary.folder, from: options.workingDirectory)
        let server = try SiteServer(folder: folder, port: port)
        server.start()
        report(.serving(url: "http://127.0.0.1:\(port)/", folder: summary.folder))
        var seen = watchedFingerprint()
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let now = watchedFingerprint()
            guard now != seen else { continue }
            seen = now
            do {
                report(.rebuilt(try buildSite(request)))
                server.bumpVersion()
            } catch {
                report(.failed(error))
            }
        }
    }

    /// Sizes and modification times of everything the site is made from: the log folders,
    /// `.adr.yml`, the theme folder, and what HEAD points at.
    func watchedFingerprint() -> [String] {
        var fingerprint: [String] = []
        func add(_ path: String, depth: Int = 0) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
                return
            }
            let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes[.size] as? Int) ?? 0
            fingerprint.append("\(path) \(time) \(size)")
            // A site adr built (marked by its file) is output, never input.
            if attributes[.type] as? FileAttributeType == .typeDirectory, depth < 4,
                !FileStore.exists(PathText.join(path, SiteWriter.marker))
            {
                for name in FileStore.contents(ofDirectory: path) where !name.hasPrefix(".") {
                    add(PathText.join(path, name), depth: depth + 1)
                }
            }
        }
        var folders = [location.folder]
        if let base = location.configurationPath.map(PathText.parent) {
            folders += location.configuration.logs.compactMap(\.folder).map {
                PathText.absolute($0, from: base)
            }
            if let theme = location.configuration.site.theme {
                folders.append(PathText.absolute(theme, from: base))
            }
        }
        for folder in folders { add(folder) }
        if let path = location.configurationPath { add(path) }
        if let mermaid = location.configuration.site.mermaid,
            let base = location.configurationPath.map(PathText.parent)
        {
            add(PathText.absolute(mermaid, from: base))
        }
        if let repository = try? Repository(discoveringFrom: options.workingDirectory) {
            fingerprint.append((try? repository.head?.hex) ?? "no head")
            let notes = location.configuration.approvals.notesReference
            fingerprint.append((try? repository.referenceTarget(notes)?.hex) ?? "no notes")
            fingerprint.append((try? repository.mailmapFingerprint().hex) ?? "no mailmap")
        }
        return fingerprint
    }
}

/// A small HTTP/1.1 server for a site folder, on the loopback interface only: GET and HEAD
/// of files under the folder, nothing else. One connection at a time is plenty for one
/// person previewing a site.
final class SiteServer: Sendable {
    let folder: String
    private let socket: Int32
    private let version = Counter()

    init(folder: String, port: Int) throws(WorkspaceError) {
        self.folder = folder
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw .io(path: "127.0.0.1", message: "cannot open a socket") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(clamping: port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw .io(
                path: "127.0.0.1:\(port)",
                message: "cannot listen (\(String(cString: strerror(errno))))"
            )
        }
        socket = descriptor
    }

    func bumpVersion() { version.increment() }

    func start() {
        let server = self
        let thread = Thread {
            while true {
                let client = accept(server.socket, nil, nil)
                if client < 0 { continue }
                server.answer(client)
                close(client)
            }
        }
        thread.start()
    }

    private func answer(_ client: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 8192)
        var request: [UInt8] = []
        while request.count < 65536, !request.containsHeaderEnd {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            request += buffer[0..<count]
        }
        let line = String(decoding: request.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[0] == "GET" || parts[0] == "HEAD" else {
            send(
                client,
                status: "405 Method Not Allowed",
                type: "text/plain",
                body: Array("GET only\n".utf8)
            )
            return
        }
        let head = parts[0] == "HEAD"
        var path = String(parts[1].prefix { $0 != "?" && $0 != "#" })
        if path == "/__adr/version" {
            send(
                client,
                status: "200 OK",
                type: "text/plain",
                body: Array("\(version.value)\n".utf8),
                head: head
            )
            return
        }
        path = path.removingPercentEncoding ?? path
        let segments = path.split(separator: "/")
        guard !segments.contains(where: { $0 == ".." || $0.hasPrefix(".") || $0.contains("\0") })
        else {
            notFound(client, head: head)
            return
        }
        var file = PathText.join(folder, segments.joined(separator: "/"))
        if segments.isEmpty || FileStore.isDirectory(file) {
            file = PathText.join(file, "index.html")
        }
        guard let body = FileStore.contents(of: file) else {
            notFound(client, head: head)
            return
        }
        send(client, status: "200 OK", type: Self.contentType(of: file), body: body, head: head)
    }

    private func notFound(_ client: Int32, head: Bool) {
        let body =
            FileStore.contents(of: PathText.join(folder, "404.html")) ?? Array("not found\n".utf8)
        send(
            client,
            status: "404 Not Found",
            type: "text/html; charset=utf-8",
            body: body,
            head: head
        )
    }

    private func send(
        _ client: Int32,
        status: String,
        type: String,
        body: [UInt8],
        head: Bool = false
    ) {
        let header =
            "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
            + "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
        var bytes = Array(header.utf8)
        if !head { bytes += body }
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return }
            sent += count
        }
    }

    static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        default: "application/octet-stream"
        }
    }

    /// The site's build number, read by the server thread and bumped by the watcher.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 1

        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }
}

extension [UInt8] {
    fileprivate var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for index in 0...(count - 4)
        where self[index] == 0x0D && self[index + 1] == 0x0A && self[index + 2] == 0x0D
            && self[index + 3] == 0x0A
        {
            return true
        }
        return false
    }
}

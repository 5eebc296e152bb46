import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which `adr` binary is running, as a key for outputs a newer build may render otherwise
/// (the site): device, inode, size and modification time of the executable.
enum ExecutableIdentity {
    static let current: String? = {
        #if os(Linux)
            let path = "/proc/self/exe"
        #else
            guard let path = Bundle.main.executablePath else { return nil }
        #endif
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if os(Linux)
            let modified = "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
        #else
            let modified = "\(status.st_mtimespec.tv_sec).\(status.st_mtimespec.tv_nsec)"
        #endif
        return "\(status.st_dev):\(status.st_ino):\(status.st_size):\(modified)"
    }()
}

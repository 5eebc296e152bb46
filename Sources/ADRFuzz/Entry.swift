#if FUZZING
    /// libFuzzer's entry point: one input.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        FuzzInput.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
        return 0
    }

    /// libFuzzer's driver (`-sanitize=fuzzer` links it in): arguments and the callback.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// SwiftPM links an executable's `main` to `<module>_main`: that entry hands the
    /// process to libFuzzer's driver, as libFuzzer's own `main` would.
    @_cdecl("ADRFuzz_main")
    public func fuzzMain(
        _ argc: Int32,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> Int32 {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in
            fuzzTestOneInput(data, size)
        }
    }
#else
    import Foundation

    /// Without libFuzzer (a plain `swift build`): replays the files given as arguments,
    /// such as the corpus under `Fuzz/corpus` or a crash libFuzzer saved.
    @main
    enum Replay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("adr-fuzz: cannot read \(path)\n".utf8))
                    exit(2)
                }
                data.withUnsafeBytes { FuzzInput.run($0) }
            }
        }
    }
#endif

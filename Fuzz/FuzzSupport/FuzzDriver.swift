import Foundation

/// The entry point shared by the fuzz targets. Built for fuzzing (`-DFUZZING`, linked with
/// libFuzzer's no-main runtime by `make fuzz`) it hands the command line to libFuzzer; otherwise it
/// replays the files named on the command line, so saved crashes can be re-run in any build.
public enum FuzzDriver {
    public static func run(_ body: @escaping @Sendable (Data) -> Void) -> Never {
        #if FUZZING
        target.value = body
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
            guard let bytes else { return 0 }
            target.value?(Data(bytes: bytes, count: count))
            return 0
        })
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(1)
            }
            body(data)
        }
        exit(0)
        #endif
    }
}

#if FUZZING
/// The function under test, for the C callback (which cannot capture).
final class Target: @unchecked Sendable { var value: (@Sendable (Data) -> Void)? }
let target = Target()

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32
#endif

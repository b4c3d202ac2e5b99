#if HATCHERY_FUZZING
import CLibFuzzer
import Foundation
import HatcheryFuzzTargets

// Built with `-sanitize=fuzzer,address -D HATCHERY_FUZZING` (scripts/fuzz). The target is chosen
// by environment, since libFuzzer refuses flags it does not know.

/// The target `HATCHERY_FUZZ_TARGET` names, read once.
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["HATCHERY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(
            Data("hatchery-fuzz: set HATCHERY_FUZZ_TARGET to one of: \(FuzzTarget.names)\n".utf8)
        )
        exit(2)
    }
    return target
}()

/// The process's `main`: SwiftPM links an executable target's `main` to `<module>_main`, so
/// libFuzzer's own `main` is not the one that runs; this starts its driver the same way.
@_cdecl("hatchery_fuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = selectedTarget
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzerTestOneInput(data, size) }
}

/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Data(bytes: $0, count: size) } ?? Data()
    do {
        try selectedTarget.run(input)
    } catch {
        // libFuzzer saves the input as crash-…; the message says which property broke.
        fatalError("\(error)")
    }
    return 0
}
#endif

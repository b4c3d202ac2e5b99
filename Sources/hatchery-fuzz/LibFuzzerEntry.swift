#if HATCHERY_FUZZING
import Foundation
import HatcheryFuzzTargets

// Built with `-sanitize=fuzzer,address -D HATCHERY_FUZZING` (scripts/fuzz): libFuzzer owns `main`
// and calls these. The target is chosen by environment, since libFuzzer rejects unknown flags.

/// The target `HATCHERY_FUZZ_TARGET` names, read once.
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["HATCHERY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("hatchery-fuzz: set HATCHERY_FUZZ_TARGET to one of: \(FuzzTarget.names)\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = selectedTarget
    return 0
}

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

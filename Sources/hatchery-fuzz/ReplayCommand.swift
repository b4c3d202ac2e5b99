#if !HATCHERY_FUZZING
import Foundation
import HatcheryFuzzTargets

/// Without the fuzzer: `hatchery-fuzz TARGET PATH…` runs every file under each PATH through the
/// target once, the way `FuzzCorpusTests` does, and exits 1 on a finding or when an input took
/// the process past `memoryLimitMB`.
@main
struct ReplayCommand {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            fail(
                "usage: hatchery-fuzz TARGET PATH… (TARGET is one of: \(FuzzTarget.names)); scripts/fuzz runs the fuzzer itself"
            )
        }
        var count = 0
        for path in arguments.dropFirst() {
            let url = URL(fileURLWithPath: path)
            let files = FuzzCorpus.files(under: url)
            if files.isEmpty { fail("hatchery-fuzz: \(path) holds no inputs") }
            for file in files {
                do {
                    try target.run(Data(contentsOf: file))
                } catch let finding as FuzzFinding {
                    fail("hatchery-fuzz: \(file.path): \(finding)")
                } catch {
                    fail("hatchery-fuzz: cannot read \(file.path): \(error.localizedDescription)")
                }
                // What the fuzzer's -malloc_limit_mb catches, caught here without a sanitizer.
                if let peak = peakMemoryMB(), peak > memoryLimitMB {
                    fail(
                        "hatchery-fuzz: \(file.path): reading it took the process to \(peak) MB (the limit is \(memoryLimitMB) MB)"
                    )
                }
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs replayed, no findings")
    }

    /// No input of the sizes committed needs more; the fuzzer allows one allocation of 256 MB.
    static let memoryLimitMB = 512

    /// The process's peak resident memory so far.
    static func peakMemoryMB() -> Int? {
        var usage = rusage()
        #if os(Linux)
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
        return usage.ru_maxrss / 1024  // kilobytes on Linux
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return usage.ru_maxrss / (1024 * 1024)  // bytes on Darwin
        #endif
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(1)
    }
}
#endif

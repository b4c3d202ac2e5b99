import Foundation

/// The process's peak resident memory, from getrusage (kilobytes on Linux).
enum PeakMemory {
    static var residentMiB: Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024
    }
}

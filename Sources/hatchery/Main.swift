import ArgumentParser
import Hatchery

#if canImport(Glibc)
import Glibc
#endif

/// Runs `HatcheryCommand`, first catching a mistyped subcommand (`hatchery buidl`), which
/// ArgumentParser only reports as an unexpected argument.
@main
enum Main {
    static func main() async {
        // A build's tables of every prompt are large arrays grown by doubling, best mapped on
        // their own; its web images are converted with buffers of several MiB, best kept for the
        // next image. The settings are the whole process's, so the executable makes them, first
        // thing, and the web-image step switches between the two.
        AllocatorTuning.mapLargeAllocations()
        AllocatorTuning.twoHeapsPerCore()
        // libvips loads optional loaders as modules from its install prefix when it starts (on
        // Debian HEIF, JPEG XL, ImageMagick, OpenSlide and Poppler, with about twenty libraries of
        // their own); Hatchery reads only PNG, through `vips_pngload_buffer`. Naming a prefix that
        // does not exist, unless the person named one, leaves them out (libvips reads it only for
        // its modules and message translations): a one-text rebuild of 1,000 prompts peaked at
        // 96 MiB against 103 (8 pairs), and libvips started in 0.06 s against 0.11. Set before
        // any other thread runs: `setenv` is not safe beside a thread reading the environment.
        setenv("VIPSHOME", "/nonexistent", 0)
        // A build holds tens of files open at once; the shell's soft limit is no choice of ours.
        OpenFileLimit.raise()
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = HatcheryCommand.configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            let suggestion = CommandSuggestion.closest(to: first, among: names).map { " Did you mean '\($0)'?" } ?? ""
            HatcheryCommand.exit(withError: ValidationError("'\(first)' is not a hatchery command.\(suggestion)"))
        }
        await HatcheryCommand.main(arguments)
    }
}

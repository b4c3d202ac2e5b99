// swift-tools-version: 6.2
import PackageDescription

/// Our own targets treat warnings as errors; dependencies are left alone.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "Hatchery",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hatchery", targets: ["hatchery"]),
        .executable(name: "eggapi-sim", targets: ["eggapi-sim"]),
        .library(name: "Hatchery", targets: ["Hatchery"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
    ],
    targets: [
        // libpng, as Debian ships it.
        .systemLibrary(
            name: "CLibPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        // libcrypto (OpenSSL) for SHA-256 and HMAC: nothing to compile.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The only code that calls setjmp: libpng's errors longjmp, which Swift cannot survive.
        .target(
            name: "PNGShim",
            dependencies: ["CLibPNG"],
            // zlib's crc32 for the chunks Hatchery adds; libpng itself links zlib already.
            linkerSettings: [.linkedLibrary("z")]
        ),
        // libvips, as Debian ships it: derived web images.
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        // The only code that touches libvips and libwebp: one decode, every size, plain C types out.
        .target(
            name: "VipsShim",
            dependencies: ["CVips"],
            // libwebp comes with libvips-dev; vips.pc names only libvips.
            linkerSettings: [.linkedLibrary("webp")]
        ),
        // Every behaviour of Hatchery.
        .target(
            name: "Hatchery",
            dependencies: [
                "CCrypto",
                "PNGShim",
                "VipsShim",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Algorithms", package: "swift-algorithms"),
            ],
            swiftSettings: strict
        ),
        // A local stand-in for EggAPI, built to the same contract, for tests and demos.
        .target(
            name: "EggAPISimulator",
            dependencies: [
                "Hatchery",
                // Writes outputs in every colour type and depth through the shim's general encoder.
                "PNGShim",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "eggapi-sim",
            dependencies: [
                "EggAPISimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        // Parsing, wiring and printing only.
        .executableTarget(
            name: "hatchery",
            dependencies: [
                "Hatchery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The chaos harness of issue 10: seeded fault schedules, killed and concurrent builds,
        // and the invariants checked after each (used by a test and by hatchery-bench).
        .target(
            name: "HatcheryChaos",
            dependencies: [
                "Hatchery", "EggAPISimulator",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks that print figures (scripts/ wraps them).
        .executableTarget(
            name: "hatchery-bench",
            dependencies: [
                "Hatchery", "HatcheryChaos",
                // To time libvips with ORC vector code on, as it ran before it was turned off.
                "VipsShim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The fuzz targets of issue 11: every parser of outside bytes, one small file each, shared
        // by the fuzzer and the test that replays Fuzz/corpus and Fuzz/crashes.
        .target(
            name: "HatcheryFuzzTargets",
            dependencies: ["Hatchery", "PNGShim"],
            swiftSettings: strict
        ),
        // libFuzzer's driver, declared: linked only into the fuzz build, by -sanitize=fuzzer.
        .systemLibrary(name: "CLibFuzzer"),
        // libFuzzer's entry points when built by scripts/fuzz (-D HATCHERY_FUZZING, sanitizers,
        // own scratch path); otherwise a `main` that replays files through the same targets.
        .executableTarget(
            name: "hatchery-fuzz",
            dependencies: ["HatcheryFuzzTargets", "CLibFuzzer"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HatcheryTests",
            dependencies: [
                "Hatchery", "PNGShim", "EggAPISimulator", "HatcheryChaos", "HatcheryFuzzTargets",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
    ]
)
